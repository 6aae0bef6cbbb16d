/**
 * Boots the built Electron main bundle (out/main/index.js, what `npm start` runs) under plain
 * Node with the stand-in `electron` module, and talks to it: IPC calls, commands that play the
 * user and the OS (close the window, click the tray, a second instance), and every call the
 * shell made to Electron's API, as recorded by the stand-in.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { invokeChannel, type MethodName } from '../../src/shared/api';

export const root = join(import.meta.dirname, '..', '..');
export const mainBundle = join(root, 'out', 'main', 'index.js');

export interface Message {
  type: string;
  [key: string]: unknown;
}

/** One recorded call into Electron: `api` such as 'Tray.setToolTip', with its arguments. */
export interface Call extends Message {
  type: 'call';
  api: string;
  args: unknown[];
}

export interface BootedMain {
  child: ChildProcessWithoutNullStreams;
  messages: Message[];
  /** Resolves with the first message (already received or to come) that matches. */
  next(match: (m: Message) => boolean, what?: string, timeoutMs?: number): Promise<Message>;
  /** The calls made to one API so far. */
  calls(api: string): Call[];
  /** The next call to `api` whose arguments match, from now or already made. */
  nextCall(api: string, match?: (args: unknown[]) => boolean, timeoutMs?: number): Promise<Call>;
  call<T = any>(
    method: MethodName,
    arg: unknown,
    sender?: string,
  ): Promise<{ ok: boolean; value?: T; error?: { code: string } }>;
  /** A stand-in command ({do: 'trayMenu', label: 'Quit'}, ...), acknowledged. */
  command(command: Record<string, unknown> & { do: string }): Promise<void>;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  stderr(): string;
  kill(): Promise<void>;
}

export interface BootOptions {
  userData: string;
  /** The folder app.getPath('appData') names (Linux puts autostart/ in it). */
  appData?: string;
  /** More command-line arguments (a feed link, --hidden). */
  args?: string[];
  env?: Record<string, string>;
  /** The OS the shell believes it runs on (process.platform), for its Windows and macOS branches. */
  platform?: NodeJS.Platform;
}

export async function bootMain(options: BootOptions): Promise<BootedMain> {
  if (!existsSync(mainBundle))
    throw new Error('out/main/index.js is missing: npm test builds it with electron-vite first');
  const child = spawn(
    process.execPath,
    ['--import', join(root, 'test/support/electron-stand-in/register.mjs'), mainBundle, ...(options.args ?? [])],
    {
      cwd: root,
      env: {
        ...process.env,
        TIDINGS_STAND_IN_USER_DATA: options.userData,
        ...(options.appData ? { TIDINGS_STAND_IN_APP_DATA: options.appData } : {}),
        ...(options.platform ? { TIDINGS_STAND_IN_PLATFORM: options.platform } : {}),
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const messages: Message[] = [];
  const waiters = new Set<{ match: (m: Message) => boolean; resolve: (m: Message) => void }>();
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const message = JSON.parse(line) as Message;
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.match(message)) {
        waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  });

  const next = (match: (m: Message) => boolean, what = 'a message', timeoutMs = 20_000) =>
    new Promise<Message>((resolve, reject) => {
      const found = messages.find(match);
      if (found) return resolve(found);
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}; stderr: ${stderr.slice(-2000)}`));
      }, timeoutMs);
      const waiter = {
        match,
        resolve: (m: Message) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      waiters.add(waiter);
      void exited.then((code) => {
        if (!waiters.has(waiter)) return;
        waiters.delete(waiter);
        clearTimeout(timer);
        reject(new Error(`main process exited (${code}) before ${what}: ${stderr.slice(-2000)}`));
      });
    });
  const isCall = (m: Message, api: string): m is Call => m.type === 'call' && m.api === api;
  const calls = (api: string) => messages.filter((m): m is Call => isCall(m, api));
  const nextCall = async (api: string, match: (args: unknown[]) => boolean = () => true, timeoutMs?: number) =>
    (await next((m) => isCall(m, api) && match(m.args), `a call to ${api}`, timeoutMs)) as Call;

  let queue: Promise<unknown> = Promise.resolve();
  /** One request at a time, so each reply is the one to this request. */
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const result = queue.then(run, run);
    queue = result.catch(() => {});
    return result;
  };
  const take = async (match: (m: Message) => boolean, what: string) => {
    const reply = await next(match, what);
    messages.splice(messages.indexOf(reply), 1);
    return reply;
  };

  return {
    child,
    messages,
    next,
    calls,
    nextCall,
    call: (method, arg, sender) =>
      serial(async () => {
        const channel = invokeChannel(method);
        child.stdin.write(`${JSON.stringify({ channel, arg, sender })}\n`);
        const reply = await take((m) => m.type === 'reply' && m.channel === channel, `the reply to ${method}`);
        return reply.value as never;
      }),
    command: (command) =>
      serial(async () => {
        child.stdin.write(`${JSON.stringify(command)}\n`);
        await take((m) => m.type === 'done' && m.do === command.do, `command ${command.do} done`);
      }),
    exited,
    stderr: () => stderr,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
