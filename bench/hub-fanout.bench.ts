/**
 * Issue 12: fan-out of one shared item to 1, 100 and 1,000 loopback
 * subscribers (each with its own secret, verified through the hub's own
 * endpoint), from shareItem until every subscriber has the signed feed,
 * against a floor that signs and POSTs the same bytes with plain
 * `http.request` at the hub's width (32 sockets). Both sides deliver to the
 * same receiver in this process, so CPU counts it on both sides alike.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hubPost, startSharingCore, waitFor } from '../test/hub/sharing-core';
import { median, printTable, ratio } from './measure';

const sizes = [1, 100, 1_000];
const rounds = 3;
const width = 32;

interface Receiver {
  callback(i: number): string;
  /** Resolves when `count` POSTs have arrived since the call. */
  expect(count: number): Promise<void>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  let waiting: { left: number; done: () => void } | null = null;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      const challenge = new URL(req.url ?? '/', 'http://x').searchParams.get('hub.challenge') ?? '';
      res.writeHead(200, { 'content-type': 'text/plain' }).end(challenge);
      return;
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(200).end();
      if (waiting && --waiting.left === 0) waiting.done();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    callback: (i) => `http://127.0.0.1:${port}/cb/${i}`,
    expect: (count) => new Promise<void>((done) => (waiting = { left: count, done })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const secretOf = (i: number) => `secret-${i}`;

async function floor(receiver: Receiver, n: number, body: Buffer, headers: Record<string, string>): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: width });
  const arrived = receiver.expect(n);
  await Promise.all(
    Array.from(
      { length: n },
      (_, i) =>
        new Promise<void>((resolve, reject) => {
          const signature = `sha256=${createHmac('sha256', secretOf(i)).update(body).digest('hex')}`;
          const req = http.request(receiver.callback(i), {
            method: 'POST',
            agent,
            headers: { ...headers, 'x-hub-signature': signature, 'content-length': String(body.length) },
          });
          req.on('response', (res) => res.resume().on('end', resolve));
          req.on('error', reject);
          req.end(body);
        }),
    ),
  );
  await arrived;
  agent.destroy();
}

async function measure(work: () => Promise<void>): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

export default async function hubFanout(): Promise<void> {
  const rows: Array<Record<string, string | number>> = [];
  for (const n of sizes) {
    const receiver = await startReceiver();
    // The first change of a burst goes out at once; coalescing 0 lets rounds follow each other without waiting.
    const t = await startSharingCore({ hubTuning: { coalesceMs: 0, maxPendingVerifications: 64 } });
    try {
      const { feedUrl, hubUrl } = await t.core.getSharing({});
      for (let from = 0; from < n; from += 50) {
        const batch = Array.from({ length: Math.min(50, n - from) }, (_, k) => from + k);
        await Promise.all(
          batch.map((i) =>
            hubPost(hubUrl!, {
              'hub.mode': 'subscribe',
              'hub.topic': feedUrl!,
              'hub.callback': receiver.callback(i),
              'hub.secret': secretOf(i),
            }),
          ),
        );
        await waitFor(
          async () => (await t.core.getSharing({})).subscribers.length >= from + batch.length,
          `${from + batch.length} verified subscribers`,
          60_000,
        );
      }
      const hub: { wallMs: number; cpuMs: number }[] = [];
      const base: { wallMs: number; cpuMs: number }[] = [];
      for (let round = 0; round < rounds; round++) {
        const itemId = t.itemIds[round % t.itemIds.length]!;
        hub.push(
          await measure(async () => {
            const arrived = receiver.expect(n);
            await t.core.shareItem({ itemId, note: `round ${round}` });
            await arrived;
          }),
        );
        await t.core.sharing.settle();
        // The floor sends exactly what a GET of the feed returns now, with the hub's headers.
        const response = await fetch(feedUrl!);
        const body = Buffer.from(await response.arrayBuffer());
        const headers = {
          'content-type': response.headers.get('content-type') ?? 'application/atom+xml',
          link: `<${feedUrl}>; rel="self", <${hubUrl}>; rel="hub"`,
        };
        base.push(await measure(() => floor(receiver, n, body, headers)));
        await t.core.unshareItem({ itemId });
        await receiver.expect(n);
        await t.core.sharing.settle();
      }
      const wall = median(hub.map((m) => m.wallMs));
      const cpu = median(hub.map((m) => m.cpuMs));
      const floorWall = median(base.map((m) => m.wallMs));
      const floorCpu = median(base.map((m) => m.cpuMs));
      rows.push(
        {
          subscribers: n.toLocaleString('en'),
          sender: 'floor: HMAC + http.request',
          'wall ms': floorWall,
          'cpu ms': floorCpu,
          wall: '1.00x',
          cpu: '1.00x',
        },
        {
          subscribers: n.toLocaleString('en'),
          sender: 'Tidings hub',
          'wall ms': wall,
          'cpu ms': cpu,
          wall: ratio(wall, floorWall),
          cpu: ratio(cpu, floorCpu),
        },
      );
    } finally {
      await t.close();
      await receiver.close();
    }
  }
  printTable(rows);
  console.log(
    `medians of ${rounds} rounds; one shared item to every verified subscriber, signed, ${width} sockets wide`,
  );
}
