/**
 * Signed one-entry Atom pings at 64 concurrent connections against three
 * receivers in turn, in one run: a floor (read body, check HMAC, insert one
 * row in its own commit, answer), Tidings' callback server (the real core), and
 * the npm `pubsubhubbub` subscriber (its own parse + insert after the ack).
 * The load comes from a worker thread so it does not share the receiver's event
 * loop. Reports pings/s, ack and stored latencies, ratios to the floor, lost
 * pings, and memory. BENCH_SECONDS shortens the runs (default 10), BENCH_ROUNDS
 * sets how many times the three take turns (default 2; the best round counts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import Parser from 'rss-parser';
import { startCore } from '../src/main/core/start-core';
import { startTestHub } from '../test/support/test-hub';
import { makeTempDir } from '../test/support/temp-dir';
import { memoryMb, percentile, printTable, ratio } from './measure';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 64;
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const secret = 'bench-secret-0123456789abcdef0123456789abcdef';

interface LoadResult {
  ok: number;
  failed: number;
  other: number;
  /** Ack latencies (ms). */
  latencies: number[];
  /** [entry id, send time (epoch ms, high resolution)] of every acknowledged ping. */
  acked: Array<[string, number]>;
}

const now = () => performance.timeOrigin + performance.now();

// Plain JS so the worker needs no TypeScript loader.
const loadWorker = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const crypto = require('node:crypto');
const { url, secret, connections, durationMs, prefix } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const now = () => performance.timeOrigin + performance.now();
const result = { ok: 0, failed: 0, other: 0, latencies: [], acked: [] };
let n = 0;
const end = Date.now() + durationMs;
const body = (id) => '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">' +
  '<title>Bench</title><id>urn:bench</id><updated>2026-01-01T00:00:00Z</updated>' +
  '<link rel="self" href="http://bench.example/feed"/><entry><id>' + id + '</id><title>Ping ' + id +
  '</title><link href="https://bench.example/' + id + '"/><updated>2026-01-01T00:00:00Z</updated>' +
  '<content type="html">&lt;p&gt;Published just now.&lt;/p&gt;</content></entry></feed>';
function one() {
  return new Promise((resolve) => {
    const id = prefix + (n++);
    const bytes = Buffer.from(body(id));
    const signature = 'sha256=' + crypto.createHmac('sha256', secret).update(bytes).digest('hex');
    const started = now();
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search,
      method: 'POST', agent, headers: { 'content-type': 'application/atom+xml', 'content-length': bytes.length,
      link: '<http://hub.example/>; rel="hub", <http://bench.example/feed>; rel="self"', 'x-hub-signature': signature } },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode >= 200 && res.statusCode < 300) {
            result.ok++;
            result.latencies.push(now() - started);
            result.acked.push([id, started]);
          } else result.other++;
          resolve();
        });
      });
    req.on('error', () => { result.failed++; resolve(); });
    req.end(bytes);
  });
}
async function loop() { while (Date.now() < end) await one(); }
Promise.all(Array.from({ length: connections }, loop)).then(() => { agent.destroy(); parentPort.postMessage(result); });
`;

function load(url: string, prefix: string, key = secret): Promise<LoadResult> {
  const worker = new Worker(loadWorker, {
    eval: true,
    workerData: { url, secret: key, connections, durationMs: seconds * 1000, prefix },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: LoadResult) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

interface Row {
  name: string;
  result: LoadResult;
  /** Entry id -> when it was stored (epoch ms). */
  storedAt: Map<string, number>;
  memory: string;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const close = (server: Server) => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
};

/** The floor: body, HMAC, one insert in its own commit, then the ack. */
async function floor(): Promise<Row> {
  const dir = makeTempDir('tidings-bench-');
  const db = new Database(`${dir.path}/floor.sqlite`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE pings (id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, body BLOB NOT NULL) STRICT');
  const insert = db.prepare<[number, Buffer]>('INSERT INTO pings (received_at, body) VALUES (?, ?)');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const given = Buffer.from(String(req.headers['x-hub-signature'] ?? '').slice('sha256='.length), 'hex');
      const expected = createHmac('sha256', secret).update(body).digest();
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return void res.writeHead(403).end();
      insert.run(Date.now(), body);
      res.writeHead(200).end();
    });
  });
  const origin = await listen(server);
  const result = await load(`${origin}/websub/floor`, 'floor-');
  // It stores before it answers: stored when acknowledged.
  const storedAt = new Map(result.acked.map(([id, sent], i) => [id, sent + result.latencies[i]!] as [string, number]));
  const memory = memoryMb();
  await close(server);
  db.close();
  dir.remove();
  return { name: 'floor (HMAC + 1 insert/commit)', result, storedAt, memory };
}

async function tidings(): Promise<Row> {
  const dir = makeTempDir('tidings-bench-');
  const hub = await startTestHub({ signature: 'sha256' });
  const core = await startCore({ dataDir: dir.path, version: 'bench', allowHttpSecret: true, log: () => {} });
  core.push.setPublicBaseUrl(core.push.callbackOrigin());
  hub.setTopic('bench', { entries: [] });
  const added = await core.addFeed({ url: hub.topicUrl('bench') });
  if (!('feed' in added)) throw new Error('expected a feed');
  const subscription = await hub.waitFor(() => hub.subscriptions('bench')[0], 'the subscription');
  const storedAt = new Map<string, number>();
  const off = core.events.on('itemsAdded', ({ items }) => {
    const at = now();
    for (const item of items) storedAt.set(item.title.slice('Ping '.length), at);
  });
  // Signed with the secret Tidings gave the hub, as the hub would.
  const result = await load(subscription.callback, 'tidings-', subscription.secret!);
  await core.push.settle();
  off();
  const memory = memoryMb();
  await core.close();
  await hub.close();
  dir.remove();
  return { name: 'Tidings callback server', result, storedAt, memory };
}

async function peer(): Promise<Row | null> {
  let createPubSub: (options: Record<string, unknown>) => {
    listener(): (req: unknown, res: unknown) => void;
    on(event: 'feed', fn: (data: { feed: Buffer }) => void): void;
  };
  try {
    createPubSub = createRequire(import.meta.url)('pubsubhubbub').createServer;
  } catch {
    console.log('(npm pubsubhubbub is not installed: its row is skipped)');
    return null;
  }
  const dir = makeTempDir('tidings-bench-');
  const db = new Database(`${dir.path}/peer.sqlite`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, title TEXT NOT NULL) STRICT');
  const insert = db.prepare<[string, string]>('INSERT OR IGNORE INTO items (key, title) VALUES (?, ?)');
  const parser = new Parser();
  const storedAt = new Map<string, number>();
  // It acknowledges, then emits the body: parse and insert, as a reader built on it would.
  const pubsub = createPubSub({ callbackUrl: 'http://127.0.0.1/', secret });
  pubsub.on('feed', ({ feed }) => {
    void parser
      .parseString(feed.toString('utf8'))
      .then((parsed) => {
        for (const item of parsed.items) {
          const id = String((item as { id?: string }).id ?? item.guid ?? '');
          insert.run(id, item.title ?? '');
          storedAt.set(id, now());
        }
      })
      .catch(() => {});
  });
  const server = createServer(pubsub.listener() as Parameters<typeof createServer>[0] & object);
  const origin = await listen(server);
  // It finds the topic in the callback's query or the first Link rel only (its own docs use the query).
  const result = await load(`${origin}/?topic=${encodeURIComponent('http://bench.example/feed')}`, 'peer-');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const memory = memoryMb();
  await close(server);
  db.close();
  dir.remove();
  return { name: 'npm pubsubhubbub 1.0.2 (+ parse, insert)', result, storedAt, memory };
}

export default async function run(): Promise<void> {
  console.log(
    `${seconds} s per receiver, ${connections} connections, signed one-entry Atom pings; ` +
      `${rounds} rounds taken in turn, each receiver's best round shown (this machine is shared and noisy)`,
  );
  const perSecond = (row: Row) => row.result.ok / seconds;
  const best = (a: Row | null, b: Row | null) => (!a ? b : !b ? a : perSecond(b) > perSecond(a) ? b : a);
  let floorRow: Row | null = null;
  let ours: Row | null = null;
  let theirs: Row | null = null;
  for (let round = 0; round < rounds; round++) {
    floorRow = best(floorRow, await floor());
    ours = best(ours, await tidings());
    theirs = best(theirs, await peer());
  }
  const rows = [floorRow!, ours!, ...(theirs ? [theirs] : [])];
  const base = rows[0]!;
  const storedLatencies = (row: Row) =>
    row.result.acked.flatMap(([id, sent]) => {
      const at = row.storedAt.get(id);
      return at === undefined ? [] : [at - sent];
    });
  const lost = (row: Row) => row.result.acked.filter(([id]) => !row.storedAt.has(id)).length;
  printTable(
    rows.map((row) => ({
      receiver: row.name,
      'pings/s': Math.round(perSecond(row)),
      'vs floor': ratio(perSecond(row), perSecond(base)),
      'ack p50 ms': percentile(row.result.latencies, 50),
      'ack p99 ms': percentile(row.result.latencies, 99),
      'p99 vs floor': ratio(percentile(row.result.latencies, 99), percentile(base.result.latencies, 99)),
      'stored p50 ms': percentile(storedLatencies(row), 50),
      'stored p99 ms': percentile(storedLatencies(row), 99),
      'acked, not stored': lost(row),
      errors: row.result.failed + row.result.other,
      memory: row.memory,
    })),
  );
}
