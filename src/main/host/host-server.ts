import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ErrorCode } from '../../shared/api';
import { dispatch } from '../core/dispatch';
import type { Reader, Log } from '../core/reader';
import { answerAndClose } from '../core/http/answer-and-close';
import { createFailClosedServer, listen, publicLimits, type ServerLimits } from '../core/http/fail-closed-server';
import { readBody } from '../core/http/read-body';
import { decodePathPart, requestTarget } from '../core/http/request-target';
import { openEventStream, type EventStreamLimits } from './event-stream';
import { serveStatic } from './serve-static';

export interface HostOptions {
  core: Reader;
  token: string;
  /** The built renderer (dist/web). */
  staticDir: string;
  port?: number;
  log: Log;
  /** When a client that doesn't read its event stream is dropped (default: eventStreamLimits). */
  eventStream?: EventStreamLimits;
  /** Bounds on what a client may send (default: hostLimits). */
  limits?: ServerLimits;
}

export interface Host {
  port: number;
  url: string;
  /** Event streams open right now (a dropped slow reader no longer counts). */
  openEventStreams(): number;
  close(): Promise<void>;
}

const maxBodyBytes = 32 * 1024 * 1024;

/** The public listener's bounds, with room for a local browser's longer idle keep-alive. */
export const hostLimits: ServerLimits = { ...publicLimits, maxConnections: 256 };

const statusOf: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  TOO_LARGE: 413,
  DISK_FULL: 507,
  INTERNAL: 500,
};

/**
 * The headless host: the renderer and the whole contract over HTTP on
 * 127.0.0.1 only. `POST /api/<method>` takes the argument object as JSON and
 * answers the envelope; `GET /api/events` streams every core event (SSE).
 * The Host header is checked (DNS rebinding) and the API needs the run's token.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const { core, log } = options;
  const expected = Buffer.from(`Bearer ${options.token}`);
  const streams = new Set<ServerResponse>();

  const authorised = (req: IncomingMessage, query: URLSearchParams) => {
    const given = Buffer.from(req.headers.authorization ?? `Bearer ${query.get('token') ?? ''}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const errorJson = (status: number, code: ErrorCode, message: string) =>
    JSON.stringify({ ok: false, error: { code, message } });

  // Built on the fail-closed server: a target `new URL` rejects (`GET http://[/`) or a bad
  // %-sequence in the method name is a 400 and the host lives (both made it exit).
  const server = createFailClosedServer(
    (req, res) => {
      res.setHeader('x-content-type-options', 'nosniff');
      const port = (server.address() as AddressInfo).port;
      if (!allowedHost(req.headers.host, port)) {
        return refuse(req, res, 403, 'FORBIDDEN', 'This host name is not allowed.');
      }
      const target = requestTarget(req);
      if (!target) return refuse(req, res, 400, 'INVALID_INPUT', 'The request target is not a path.');
      const pathname = target.path;
      if (!pathname.startsWith('/api/')) return serveStatic(req, res, options.staticDir, pathname);
      if (!authorised(req, new URLSearchParams(target.rawQuery))) {
        return refuse(req, res, 401, 'UNAUTHORIZED', 'Open Tidings with the link it printed (it carries the token).');
      }
      if (pathname === '/api/events' && req.method === 'GET') {
        return openEventStream(req, res, core.events, streams, options.eventStream, log);
      }
      if (req.method !== 'POST') {
        return refuse(req, res, 405, 'INVALID_INPUT', 'Use POST for API calls.', { allow: 'POST' });
      }
      const method = decodePathPart(pathname.slice('/api/'.length));
      if (method === null) return refuse(req, res, 400, 'INVALID_INPUT', 'The method name is not valid UTF-8.');
      return handleCall(req, res, method);
    },
    {
      limits: options.limits ?? hostLimits,
      log,
      errorAnswer: (status, message) => ({
        contentType: jsonType,
        body: errorJson(status, status >= 500 ? 'INTERNAL' : 'INVALID_INPUT', message),
      }),
    },
  );

  /** An error answer on a closed connection, so an unread body is never taken for the next request. */
  function refuse(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    code: ErrorCode,
    message: string,
    headers: Record<string, string> = {},
  ) {
    answerAndClose(
      req,
      res,
      status,
      { ...headers, 'content-type': jsonType, 'cache-control': 'no-store' },
      errorJson(status, code, message),
    );
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, method: string) {
    const body = await readBody(req, maxBodyBytes);
    if (body === 'aborted') return;
    if (body === 'too large') return refuse(req, res, 413, 'TOO_LARGE', 'The request is too large.');
    let arg: unknown;
    try {
      arg = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.' },
      });
    }
    const envelope = await dispatch(core, method, arg, log);
    sendJson(res, envelope.ok ? 200 : (statusOf[envelope.error.code] ?? 422), envelope);
  }

  await listen(server, options.port ?? 0, '127.0.0.1', log);
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(options.token)}`,
    openEventStreams: () => streams.size,
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Only loopback names, with our port: a web page on another origin can't rebind its name to us. */
function allowedHost(header: string | undefined, port: number): boolean {
  if (!header) return false;
  const match = /^(127\.0\.0\.1|localhost|\[::1\])(?::(\d+))?$/i.exec(header);
  return match !== null && (match[2] === undefined || Number(match[2]) === port);
}

const jsonType = 'application/json; charset=utf-8';

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': jsonType,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
