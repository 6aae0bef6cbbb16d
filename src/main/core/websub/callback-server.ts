import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { answerAndClose } from '../http/answer-and-close';
import type { ServerLimits } from '../http/fail-closed-server';
import { readBody } from '../http/read-body';
import { plainHeaders, plainText, refuse, refusedBodyBytes } from '../public/plain-text';
import { startPublicListener, type PublicListener, type PublicRoute } from '../public/public-listener';

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
  /** Further exact paths the public listener answers (sharing's /hub and /shared.atom). */
  routes?: Readonly<Record<string, PublicRoute>>;
  log(message: string, error?: unknown): void;
}

export type CallbackServer = PublicListener;

const callbackPath = /^\/websub\/([A-Za-z0-9_-]{16,64})$/;

/**
 * The WebSub callbacks, `/websub/<id>`: a hub's verification GET and its
 * deliveries. Never a redirect (a hub takes any 3xx as failure, REC §5.3.1
 * and §7).
 */
export function createCallbackRoute(
  handler: CallbackHandler,
  options: Pick<CallbackServerOptions, 'maxBodyBytes'>,
): PublicRoute {
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
    plainText(res, answer.status, answer.body);
  }

  return (req, res, { path, rawQuery }) => {
    const id = callbackPath.exec(path)?.[1];
    if (!id) return refuse(req, res, 404, 'Not found');
    if (req.method === 'GET') {
      const answer = handler.verify(id, new URLSearchParams(rawQuery), rawQuery);
      return plainText(res, answer.status, answer.body ?? '');
    }
    if (req.method === 'POST') return receive(id, req, res);
    return refuse(req, res, 405, 'Method not allowed', { allow: 'GET, POST' });
  };
}

/** The public listener with the WebSub callbacks (and whatever further routes it is given). */
export function startCallbackServer(handler: CallbackHandler, options: CallbackServerOptions): Promise<CallbackServer> {
  return startPublicListener(
    { exact: options.routes ?? {}, prefixed: { '/websub/': createCallbackRoute(handler, options) } },
    options,
  );
}
