/**
 * Issue 5: one poll cycle over 1,000 local feeds that all answer 304 (250
 * loopback hosts, 4 feeds each), through the real poller (queue, per-host
 * limits, schedule writes, events), as a ratio to the same 1,000 conditional
 * GETs made raw (fetch, same concurrency, no processing). The feed server runs
 * in its own process so CPU time is the client's alone; it counts open sockets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { startTestCore } from '../test/support/test-core';
import { rss } from '../test/support/feeds';
import { defaultPollLimits } from '../src/main/core/poller/create-poller';
import { median, memoryMb, printTable, ratio } from './measure';

const feeds = 1_000;
const hosts = 250;
const runs = 3;

// Plain Node (no TypeScript) so the server starts without tsx and costs this process nothing.
const serverSource = `
const http = require('node:http');
const body = process.env.FEED_BODY;
let open = 0, peak = 0, requests = 0;
const server = http.createServer((req, res) => {
  if (req.url === '/stats') return res.end(JSON.stringify({ peak, requests }));
  if (req.url === '/reset') { peak = 0; requests = 0; return res.end('ok'); }
  requests++;
  if (req.headers['if-none-match'] === '"v1"') { res.writeHead(304, { etag: '"v1"' }); return res.end(); }
  res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(body);
});
server.keepAliveTimeout = 500;
server.on('connection', (socket) => {
  if (socket.localAddress === '127.9.9.9') return; // the bench's own control requests
  open++; peak = Math.max(peak, open);
  socket.on('close', () => open--);
});
server.listen(0, '0.0.0.0', () => console.log(server.address().port));
`;

async function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['-e', serverSource], {
    env: { ...process.env, FEED_BODY: rss('Bench', [{ id: 'a', title: 'Only item' }]) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) =>
    child.stdout!.once('data', (data) => resolve(Number(String(data).trim()))),
  );
  return { child, port };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default async function pollCycle(): Promise<void> {
  const { child, port } = await startServer();
  const urls = Array.from({ length: feeds }, (_, i) => `http://127.0.0.${(i % hosts) + 1}:${port}/feed-${i}.xml`);
  const control = `http://127.9.9.9:${port}`;
  const stats = async () => (await (await fetch(`${control}/stats`)).json()) as { peak: number; requests: number };
  const reset = async () => {
    await pause(800); // idle keep-alive sockets of the previous run close first
    await fetch(`${control}/reset`);
  };

  const t = await startTestCore();
  try {
    for (const url of urls) await t.core.addFeed({ url });
    await t.core.poller.idle();

    const measure = async (cycle: () => Promise<unknown>) => {
      await reset();
      const cpu = process.cpuUsage();
      const start = performance.now();
      await cycle();
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpu);
      const { peak, requests } = await stats();
      if (requests !== feeds) throw new Error(`expected ${feeds} requests, the server saw ${requests}`);
      return { wallMs, cpuMs: (used.user + used.system) / 1000, peak };
    };

    const poller = () => t.core.refreshAll({});
    const raw = async () => {
      // The floor: the same conditional GETs, same total concurrency, nothing done with the answers.
      let next = 0;
      const worker = async () => {
        while (next < urls.length) {
          const response = await fetch(urls[next++]!, { headers: { 'if-none-match': '"v1"' } });
          await response.arrayBuffer();
        }
      };
      await Promise.all(Array.from({ length: defaultPollLimits.total }, worker));
    };

    await measure(poller); // warm-up
    await measure(raw);
    const polled: Array<{ wallMs: number; cpuMs: number; peak: number }> = [];
    const floor: typeof polled = [];
    for (let i = 0; i < runs; i++) {
      polled.push(await measure(poller));
      floor.push(await measure(raw));
    }
    const row = (name: string, list: typeof polled, base: typeof polled) => {
      const wall = median(list.map((r) => r.wallMs));
      const cpu = median(list.map((r) => r.cpuMs));
      const peak = Math.max(...list.map((r) => r.peak));
      return {
        cycle: name,
        'wall ms': wall,
        'cpu ms': cpu,
        'peak sockets': peak,
        'wall ratio': ratio(wall, median(base.map((r) => r.wallMs))),
        'cpu ratio': ratio(cpu, median(base.map((r) => r.cpuMs))),
        'sockets ratio': ratio(peak, Math.max(...base.map((r) => r.peak))),
      };
    };
    console.log(
      `${feeds} feeds on ${hosts} loopback hosts, all answering 304; limits ${JSON.stringify(defaultPollLimits)}; median of ${runs}`,
    );
    printTable([row('raw conditional GETs', floor, floor), row('poller (refreshAll)', polled, floor)]);
    console.log(memoryMb());
  } finally {
    await t.close();
    child.kill();
  }
}
