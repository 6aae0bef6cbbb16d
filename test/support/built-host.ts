import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { makeTempDir } from './temp-dir';

const root = join(import.meta.dirname, '..', '..');

export interface BuiltHost {
  child: ChildProcess;
  /** http://127.0.0.1:PORT of the API and UI. */
  origin: string;
  token: string;
  /** The WebSub callback listener's origin (from the host's stderr line). */
  callbackOrigin: string;
  dataDir: string;
  /** The exit code once the process ended (null while it runs). */
  exitCode(): number | null;
  /** Everything the host wrote on stderr so far. */
  stderr(): string;
  /** POST /api/<method> with the token, given up on after `timeoutMs`. */
  call(method: string, arg?: unknown, timeoutMs?: number): Promise<{ status: number; body: any }>;
  /** SIGTERM, then SIGKILL if it lingers; removes the profile unless it was passed in. */
  close(): Promise<void>;
}

export interface BuiltHostOptions {
  /** Extra command-line flags for the host. */
  args?: string[];
  /** Flags for Node itself (a smaller heap, say). */
  nodeArgs?: string[];
  /** An existing profile folder (kept on close). */
  dataDir?: string;
}

/** `npm run serve`'s bundle (out/host/cli.js, built by npm test) in a child process, so a crash shows as an exit. */
export async function startBuiltHost(options: BuiltHostOptions = {}): Promise<BuiltHost> {
  const temp = options.dataDir ? null : makeTempDir();
  const dataDir = options.dataDir ?? temp!.path;
  const token = `built-${Math.random().toString(36).slice(2)}`;
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      join(root, 'out/host/cli.js'),
      '--data-dir',
      dataDir,
      '--token',
      token,
      ...(options.args ?? []),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  let exitCode: number | null = null;
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? 128 : 1);
      resolve();
    }),
  );
  const { origin, callbackOrigin } = await new Promise<{ origin: string; callbackOrigin: string }>(
    (resolve, reject) => {
      const check = () => {
        const api = /Tidings is listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
        const callbacks = /WebSub callbacks are served on (http:\/\/[^\s]+)/.exec(stderr);
        if (api && callbacks) resolve({ origin: api[1]!, callbackOrigin: callbacks[1]! });
      };
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      void exited.then(() => reject(new Error(`the host exited (${exitCode}) before it listened: ${stderr}`)));
    },
  );
  return {
    child,
    origin,
    token,
    callbackOrigin,
    dataDir,
    exitCode: () => exitCode,
    stderr: () => stderr,
    async call(method, arg = {}, timeoutMs = 20_000) {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(arg),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status, body: await response.json() };
    },
    async close() {
      if (exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      temp?.remove();
    },
  };
}
