import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ErrorCode } from '../../shared/api';
import { dispatch } from '../core/dispatch';
import type { Reader, Log } from '../core/reader';
import { serveStatic } from './serve-static';

export interface HostOptions {
  core: Reader;
  token: string;
  /** The built renderer (dist/web). */
  staticDir: string;
  port?: number;
  log: Log;
}

export interface Host {
  port: number;
  url: string;
  close(): Promise<void>;
}

const maxBodyBytes = 32 * 1024 * 1024;
const heartbeatMs = 15_000;

const statusOf: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  TOO_LARGE: 413,
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

  const authorised = (req: IncomingMessage, url: URL) => {
    const given = Buffer.from(req.headers.authorization ?? `Bearer ${url.searchParams.get('token') ?? ''}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const server = createServer((req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    const port = (server.address() as AddressInfo).port;
    if (!allowedHost(req.headers.host, port)) {
      return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'This host name is not allowed.' } });
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!url.pathname.startsWith('/api/')) return serveStatic(req, res, options.staticDir, url.pathname);
    if (!authorised(req, url)) {
      return sendJson(res, 401, {
        ok: false,
        error: { code: 'UNAUTHORIZED', message: 'Open Tidings with the link it printed (it carries the token).' },
      });
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: 'Use POST for API calls.' } });
    }
    handleCall(req, res, decodeURIComponent(url.pathname.slice('/api/'.length))).catch((error) => {
      log('API call failed', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Internal error.' } });
    });
  });

  async function handleCall(req: IncomingMessage, res: ServerResponse, method: string) {
    let arg: unknown;
    try {
      const body = await readBody(req);
      arg = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (error) {
      const tooLarge = error instanceof BodyTooLarge;
      return sendJson(res, tooLarge ? 413 : 400, {
        ok: false,
        error: {
          code: tooLarge ? 'TOO_LARGE' : 'INVALID_INPUT',
          message: tooLarge ? 'The request is too large.' : 'The request body is not valid JSON.',
        },
      });
    }
    const envelope = await dispatch(core, method, arg, log);
    sendJson(res, envelope.ok ? 200 : (statusOf[envelope.error.code] ?? 422), envelope);
  }

  function openEventStream(res: ServerResponse) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n: connected\n\n');
    streams.add(res);
    const unsubscribe = core.events.onAny((event, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(options.token)}`,
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

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBodyBytes) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
