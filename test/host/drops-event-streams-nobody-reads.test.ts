import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { startTestHost } from '../support/test-host';
import { eventually } from '../support/eventually';
import { eventStreamLimits } from '../../src/main/host/event-stream';

// Issue 15: 100 clients that never read their event stream grew the host from 96 MB to 2.7 GB in 25 s,
// never released. Now a stream whose unread bytes pass a bound is dropped and its queue freed.
const slowClients = 100;
const events = 2_500;
const payloadUrl = `https://flood.example/${'a'.repeat(8_000)}`;

/** Opens the event stream on a raw socket that never reads (no 'data' listener: the kernel buffers fill). */
function neverReading(port: number, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.write(
      `GET /api/events?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`,
      () => resolve(socket),
    );
  });
}

/** Everything the socket still holds until the server's close, counted once we start reading. */
function readToEnd(socket: Socket): Promise<number> {
  return new Promise((resolve) => {
    let bytes = 0;
    socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
    socket.once('close', () => resolve(bytes));
    socket.resume();
  });
}

test(
  '100 event streams nobody reads are dropped and freed while the host answers and a reading client gets every event',
  { timeout: 120_000 },
  async () => {
    const t = await startTestHost();
    const sockets: Socket[] = [];
    try {
      const reader = await fetch(`${t.origin}/api/events?token=${t.token}`);
      assert.equal(reader.status, 200);
      const body = reader.body!.getReader();
      let received = 0;
      let text = '';
      const reading = (async () => {
        const decoder = new TextDecoder();
        while (received < events) {
          const { value, done } = await body.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = text.indexOf('\n\n')) !== -1) {
            if (text.slice(0, end).startsWith('event: addFeedRequested')) received++;
            text = text.slice(end + 2);
          }
        }
      })();

      for (let i = 0; i < slowClients; i++) sockets.push(await neverReading(t.host.port, t.token));
      await eventually(() => t.host.openEventStreams() === slowClients + 1, 'every stream to open');

      // About 20 MB of events to each of 101 clients, a batch per turn, and API calls meanwhile.
      const answers: number[] = [];
      for (let sent = 0; sent < events; sent += 50) {
        for (let i = 0; i < 50; i++) t.core.events.emit('addFeedRequested', { url: payloadUrl, problem: null });
        if (sent % 500 === 0) answers.push((await t.call('getStatus')).status);
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.ok(answers.length >= 5 && answers.every((status) => status === 200), 'the API answered during the flood');

      await reading;
      assert.equal(received, events, 'the client that reads gets every event');
      await eventually(() => t.host.openEventStreams() === 1, 'the unread streams to be dropped');

      // What each dropped socket still gets is what was already in the kernel's buffers, not the 20 MB sent.
      const leftovers = await Promise.all(sockets.map(readToEnd));
      const emitted = events * payloadUrl.length;
      for (const bytes of leftovers) {
        assert.ok(bytes < emitted / 2, `a dropped stream held ${bytes} of ${emitted} bytes`);
      }
      assert.ok(eventStreamLimits.maxQueuedBytes < emitted / 4);
      assert.equal((await t.call('getStatus')).status, 200);
      await body.cancel();
    } finally {
      for (const socket of sockets) socket.destroy();
      await t.close();
    }
  },
);

test('a client that reads takes any one event, even one bigger than the bound (an import listing 20,000 failures)', async () => {
  const t = await startTestHost();
  try {
    const reader = await fetch(`${t.origin}/api/events?token=${t.token}`);
    const body = reader.body!.getReader();
    await eventually(() => t.host.openEventStreams() === 1, 'the stream to open');
    const huge = `https://big.example/${'b'.repeat(3 * eventStreamLimits.maxQueuedBytes)}`;
    const decoder = new TextDecoder();
    let text = '';
    const nextUrl = async (): Promise<string | null> => {
      for (;;) {
        let end: number;
        while ((end = text.indexOf('\n\n')) !== -1) {
          const event = text.slice(0, end);
          text = text.slice(end + 2);
          if (event.startsWith('event: addFeedRequested')) return JSON.parse(event.split('\ndata: ')[1]!).url;
        }
        const { value, done } = await body.read();
        if (done) return null;
        text += decoder.decode(value, { stream: true });
      }
    };
    // One after another, each once the one before was read: none is dropped for its size.
    for (let i = 0; i < 3; i++) {
      t.core.events.emit('addFeedRequested', { url: huge, problem: null });
      assert.equal((await nextUrl())?.length, huge.length, `event ${i + 1} arrived whole`);
    }
    assert.equal(t.host.openEventStreams(), 1, 'still connected');
    await body.cancel();
  } finally {
    await t.close();
  }
});
