import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { answerAndClose } from '../http/answer-and-close';
import {
  BadRequest,
  createFailClosedServer,
  listen,
  publicLimits,
  type ServerLimits,
} from '../http/fail-closed-server';
import { readBody } from '../http/read-body';
import { requestTarget } from '../http/request-target';

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
  /** Bounds on what a client may send (default: publicLimits). */
  limits?: ServerLimits;
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
 * Bytes of a POST to an unknown or gone callback read at most before its
 * connection closes: an ordinary ping fits, so its hub reads the 410 and drops
 * the subscription; an endless body stops there.
 */
const refusedBodyBytes = 1024 * 1024;

/**
 * The only listener the outside world reaches (through a tunnel or a reverse
 * proxy). It answers `/websub/<id>` and `/health`, nothing else, and never
 * redirects (a hub takes any 3xx as failure, REC §5.3.1 and §7). Built on the
 * fail-closed server: a malformed request gets a 4xx, a failing handler a 500
 * (so a verification that breaks is never a 2xx), and the process lives.
 */
export async function startCallbackServer(
  handler: CallbackHandler,
  options: CallbackServerOptions,
): Promise<CallbackServer> {
  const healthToken = `tidings ok ${randomBytes(9).toString('base64url')}`;
  const server = createFailClosedServer(
    (req, res) => {
      const target = requestTarget(req);
      if (!target) throw new BadRequest('The request target is not a path.');
      const { path, rawQuery } = target;
      if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) return text(res, 200, healthToken);
      const id = callbackPath.exec(path)?.[1];
      if (!id) return refuse(req, res, 404, 'Not found');
      if (req.method === 'GET') {
        const answer = handler.verify(id, new URLSearchParams(rawQuery), rawQuery);
        return text(res, answer.status, answer.body ?? '');
      }
      if (req.method === 'POST') return receive(id, req, res);
      res.setHeader('allow', 'GET, POST');
      return refuse(req, res, 405, 'Method not allowed');
    },
    { limits: options.limits ?? publicLimits, log: options.log, errorAnswer: plainText },
  );

  async function receive(id: string, req: IncomingMessage, res: ServerResponse) {
    if (!handler.accepts(id)) return refuse(req, res, 410, 'This subscription no longer exists');
    const body = await readBody(req, options.maxBodyBytes);
    if (body === 'too large') {
      // Up to twice the cap is read to the end, so a hub that writes before it reads still gets the 413.
      return answerAndClose(req, res, 413, plainHeaders, 'The delivery is larger than Tidings accepts', {
        drainBytes: Math.max(options.maxBodyBytes, refusedBodyBytes),
        drainMs: 10_000,
      });
    }
    if (body === 'aborted') return;
    const answer = await handler.deliver(id, req.headers, body);
    // The hot path: an empty acknowledgement needs no headers beyond its length.
    if (!answer.body) return void res.writeHead(answer.status, { 'content-length': '0' }).end();
    text(res, answer.status, answer.body);
  }

  await listen(server, options.port, options.host, options.log);
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

const plainHeaders = {
  'content-type': 'text/plain; charset=utf-8',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

const plainText = (_status: number, message: string) => ({ contentType: plainHeaders['content-type'], body: message });

/** Every text answer is plain text that no browser may sniff into HTML (the challenge echo is attacker-chosen). */
function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { ...plainHeaders, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** An answer that reads no more than a small bound of whatever body came with the request (an endless one included). */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: string): void {
  answerAndClose(req, res, status, plainHeaders, body, { drainBytes: refusedBodyBytes, drainMs: 5_000 });
}
