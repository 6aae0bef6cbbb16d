import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface Answer {
  status: number;
  body?: string;
}

/** What the callback server asks of the subscriber; it only speaks HTTP. */
export interface CallbackHandler {
  /** A hub's GET: verification of intent or denial. */
  verify(callbackId: string, query: URLSearchParams, rawQuery: string): Answer;
  /** Before the body is read: is this callback taking deliveries at all? (410 otherwise.) */
  accepts(callbackId: string): boolean;
  /** A delivery's raw bytes; resolves once the ping is safely stored (or refused). */
  deliver(callbackId: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer>;
}

export interface CallbackServerOptions {
  port: number;
  host: string;
  maxBodyBytes: number;
  /** Further exact paths this listener answers (the hub's /hub and /shared.atom). */
  routes?: Readonly<Record<string, (req: IncomingMessage, res: ServerResponse) => void>>;
  log(message: string, error?: unknown): void;
}

export interface CallbackServer {
  port: number;
  /** http://host:port, what a local reverse proxy or tunnel points at. */
  origin: string;
  /** What /health answers: a tunnel check that gets it back has reached this very server. */
  healthToken: string;
  close(): Promise<void>;
}

const callbackPath = /^\/websub\/([A-Za-z0-9_-]{16,64})$/;

/**
 * The only listener the outside world reaches (through a tunnel or a reverse
 * proxy). It answers `/websub/<id>` and `/health`, nothing else, and never
 * redirects (a hub takes any 3xx as failure, REC §5.3.1 and §7).
 */
export async function startCallbackServer(
  handler: CallbackHandler,
  options: CallbackServerOptions,
): Promise<CallbackServer> {
  const healthToken = `tidings ok ${randomBytes(9).toString('base64url')}`;
  const server = createServer((req, res) => {
    const [path = '/', rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s, 2);
    const route = options.routes && Object.hasOwn(options.routes, path) ? options.routes[path] : undefined;
    if (route) return route(req, res);
    if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) return text(res, 200, healthToken);
    const id = callbackPath.exec(path)?.[1];
    if (!id) return text(res, 404, 'Not found');
    if (req.method === 'GET') {
      const answer = handler.verify(id, new URLSearchParams(rawQuery), rawQuery);
      return text(res, answer.status, answer.body ?? '');
    }
    if (req.method === 'POST') {
      receive(id, req, res).catch((error: unknown) => {
        options.log('a WebSub delivery could not be stored', error);
        if (!res.headersSent) text(res, 500, 'Could not store the delivery');
      });
      return;
    }
    res.setHeader('allow', 'GET, POST');
    return text(res, 405, 'Method not allowed');
  });
  server.keepAliveTimeout = 30_000;

  async function receive(id: string, req: IncomingMessage, res: ServerResponse) {
    if (!handler.accepts(id)) {
      req.resume();
      return text(res, 410, 'This subscription no longer exists');
    }
    const declared = Number(req.headers['content-length']);
    if (declared > options.maxBodyBytes) return tooLarge(req, res);
    const body = await readBody(req, options.maxBodyBytes);
    if (body === 'too large') return tooLarge(req, res);
    if (body === 'aborted') return;
    const answer = await handler.deliver(id, req.headers, body);
    // The hot path: an empty acknowledgement needs no headers beyond its length.
    if (!answer.body) return void res.writeHead(answer.status, { 'content-length': '0' }).end();
    text(res, answer.status, answer.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    port,
    origin: `http://${host}:${port}`,
    healthToken,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The body with plain 'data' events (cheaper than async iteration on the hot
 * path). An oversized body is drained, up to a bound, so the 413 can be read.
 */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) chunks.push(chunk);
      else if (total > maxBytes * 4) {
        req.destroy();
        resolve('aborted');
      }
    });
    req.on('end', () => resolve(total > maxBytes ? 'too large' : Buffer.concat(chunks, total)));
    req.on('error', () => resolve('aborted'));
  });
}

/** Every text answer is plain text that no browser may sniff into HTML (the challenge echo is attacker-chosen). */
function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  // The connection closes after the answer, so an unread rest of the body goes with it.
  res.setHeader('connection', 'close');
  text(res, 413, 'The delivery is larger than Tidings accepts');
  req.resume();
}
