import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startTestHost } from '../support/test-host';
import { startTestHub } from '../support/test-hub';
import { freePort } from '../support/free-port';
import { fastTuning } from '../websub/push-core';

// Issue 15: "a 413 answer leaves the connection open, so the client's next request on it is reset".
// On a kept-alive connection a client sends a body over the bound and, at once, a second request.
// It must read the whole 413, with Connection: close, then see the connection end: never a reset, and
// never the unread body (or the second request) taken for a next request.

interface Exchange {
  text: string;
  reset: boolean;
}

function overTheBound(port: number, first: Buffer, second: string): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let reset = false;
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => (reset = true));
    socket.on('close', () => resolve({ text, reset }));
    socket.write(first);
    socket.write(second);
  });
}

const post = (path: string, port: number, headers: string, body: Buffer, chunked = false) =>
  Buffer.concat([
    Buffer.from(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n${headers}` +
        (chunked ? 'Transfer-Encoding: chunked\r\n\r\n' : `Content-Length: ${body.length}\r\n\r\n`),
    ),
    chunked
      ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')])
      : body,
  ]);

test(
  'a 413 on the host API, the hub endpoint and a WebSub callback closes its connection after the whole answer',
  { timeout: 120_000 },
  async () => {
    const callbackPort = await freePort();
    const hub = await startTestHub();
    const t = await startTestHost({
      allowHttpSecret: true,
      websubTuning: { ...fastTuning, maxPingBytes: 256 * 1024 },
      callbackPort,
      publicUrl: `http://127.0.0.1:${callbackPort}`,
    });
    try {
      hub.setTopic('big', { entries: [{ id: 'one', title: 'One' }] });
      const added = await t.call('addFeed', { url: hub.topicUrl('big') });
      const feedId = added.body.value.feed.id as number;
      const subscription = await hub.waitFor(() => hub.subscriptions('big')[0], 'the subscription', 15_000);
      const callbackPath = new URL(subscription.callback).pathname;
      const apiPort = t.host.port;

      const apiHeaders = `Authorization: Bearer ${t.token}\r\nContent-Type: application/json\r\n`;
      const cases = [
        {
          // A body that runs a little past the bound (no length declared): read to its end, then closed.
          name: 'host API, chunked',
          port: apiPort,
          first: post('/api/listFeeds', apiPort, apiHeaders, Buffer.alloc(32 * 1024 * 1024 + 1000, ' '), true),
          second: `POST /api/getStatus HTTP/1.1\r\nHost: 127.0.0.1:${apiPort}\r\nAuthorization: Bearer ${t.token}\r\nContent-Length: 2\r\n\r\n{}`,
        },
        {
          // A declared length over the bound is refused before a byte is read: the client gets the whole
          // 413 first, and the reset it may then see is only for the 32 MB Tidings declined to take.
          name: 'host API, declared length',
          refusedUnread: true,
          port: apiPort,
          first: post(
            '/api/listFeeds',
            apiPort,
            `Authorization: Bearer ${t.token}\r\nContent-Type: application/json\r\n`,
            Buffer.alloc(33 * 1024 * 1024, ' '),
          ),
          second: `POST /api/getStatus HTTP/1.1\r\nHost: 127.0.0.1:${apiPort}\r\nAuthorization: Bearer ${t.token}\r\nContent-Length: 2\r\n\r\n{}`,
        },
        {
          name: 'hub endpoint',
          port: callbackPort,
          first: post(
            '/hub',
            callbackPort,
            'Content-Type: application/x-www-form-urlencoded\r\n',
            Buffer.from(`hub.mode=subscribe&pad=${'x'.repeat(64 * 1024)}`),
          ),
          second: `GET /health HTTP/1.1\r\nHost: 127.0.0.1:${callbackPort}\r\n\r\n`,
        },
        {
          name: 'WebSub callback',
          port: callbackPort,
          first: post(
            callbackPath,
            callbackPort,
            'Content-Type: application/atom+xml\r\n',
            Buffer.alloc(300 * 1024, 'p'),
          ),
          second: `GET /health HTTP/1.1\r\nHost: 127.0.0.1:${callbackPort}\r\n\r\n`,
        },
      ];
      for (const { name, port, first, second, refusedUnread = false } of cases) {
        const { text, reset } = await overTheBound(port, first, second);
        if (!refusedUnread) assert.equal(reset, false, `${name}: the connection was reset`);
        const statusLines = text.match(/^HTTP\/1\.1 \d{3}/gm) ?? [];
        assert.deepEqual(statusLines, ['HTTP/1.1 413'], `${name}: ${text.slice(0, 300)}`);
        const [head, body] = text.split('\r\n\r\n');
        assert.match(head!, /\r\nconnection: close/i, name);
        assert.equal(Buffer.byteLength(body!), Number(/\r\ncontent-length: (\d+)/i.exec(head!)![1]), name);
      }

      // The listeners live and nothing was lost: a ping within the bound is still stored.
      assert.equal((await t.call('getStatus')).status, 200);
      assert.deepEqual(
        (await hub.publish('big', [{ id: 'after', title: 'After the big bodies' }])).map((d) => d.status),
        [200],
      );
      await hub.waitFor(
        async () => (await t.core.listItems({ feedId })).items.some((item) => item.title === 'After the big bodies'),
        'the ping after the attack',
        15_000,
      );
    } finally {
      await t.close();
      await hub.close();
    }
  },
);
