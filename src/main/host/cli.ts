/**
 * `npm run serve`: the core and the UI in a browser, no Electron.
 *   --data-dir DIR   profile folder (default: the app's own user-data folder)
 *   --port PORT      port on 127.0.0.1 (default: a free one)
 *   --token TOKEN    API token (default: a random one per run)
 *   --callback-port PORT  port of the WebSub callback server (default: a free one)
 *   --public-url URL      public base URL that reaches the callback server (a reverse proxy; no tunnel)
 *   --allow-http-secret   send WebSub secrets to plain-http hubs too
 *   --no-push             poll every feed; subscribe at no hub
 *   --tunnel              give the callback server a public URL through the localtunnel server in the settings
 *   --tunnel-host URL     ... through this localtunnel server (any self-hosted one), for this run
 *   --hub-allow-private-callbacks  let the sharing hub call callbacks on loopback/private/link-local addresses (tests, a LAN)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCore } from '../core/start-core';
import { shellStartDelayMs } from '../core/poller/create-poller';
import { defaultDataDir } from '../core/data-dir';
import { startHost } from './host-server';

/** The project folder: where package.json is, above this file (src/main/host) or its bundle (out/host). */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error('Tidings could not find its package.json.');
  }
}
const root = projectRoot(import.meta.dirname);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      'callback-port': { type: 'string' },
      'public-url': { type: 'string' },
      'allow-http-secret': { type: 'boolean' },
      'no-push': { type: 'boolean' },
      tunnel: { type: 'boolean' },
      'tunnel-host': { type: 'string' },
      'hub-allow-private-callbacks': { type: 'boolean' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not "${values.port}".`);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const log = (message: string, error?: unknown) => console.error(`[tidings] ${message}`, error ?? '');

  const callbackPort = values['callback-port'] === undefined ? 0 : Number(values['callback-port']);
  if (!Number.isInteger(callbackPort) || callbackPort < 0 || callbackPort > 65535)
    throw new Error(`--callback-port must be a port number, not "${values['callback-port']}".`);
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/]/i.test(publicUrl))
    throw new Error(`--public-url must be an http(s) address, not "${publicUrl}".`);
  const tunnelHost = values['tunnel-host'];
  if (tunnelHost !== undefined && !/^https?:\/\/[^/\s]+\/?$/i.test(tunnelHost))
    throw new Error(`--tunnel-host must be an http(s) address like https://localtunnel.me, not "${tunnelHost}".`);

  const core = await startCore({
    dataDir: values['data-dir'] ?? defaultDataDir(),
    version,
    log,
    callbackPort,
    publicUrl,
    allowHttpSecret: values['allow-http-secret'] === true,
    noPush: values['no-push'] === true,
    tunnel: values.tunnel === true,
    tunnelHost: values['tunnel-host'],
    hubAllowPrivateCallbacks: values['hub-allow-private-callbacks'] === true,
    pollerOptions: { startDelayMs: shellStartDelayMs },
  });
  const host = await startHost({
    core,
    token: values.token ?? randomBytes(24).toString('base64url'),
    staticDir: join(root, 'dist', 'web'),
    port,
    log,
  });
  console.log(`Tidings is listening on ${host.url}`);
  // stdout carries exactly the one line above (scripts read it); details go to stderr.
  console.error(
    `WebSub callbacks are served on ${core.push.callbackOrigin()}${publicUrl ? ` (public: ${publicUrl})` : ''}`,
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Tidings could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
