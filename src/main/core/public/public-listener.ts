import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log } from '../context';
import {
  BadRequest,
  createFailClosedServer,
  listen,
  publicLimits,
  type ServerLimits,
} from '../http/fail-closed-server';
import { requestTarget, type RequestTarget } from '../http/request-target';
import { plainHeaders, plainText, refuse } from './plain-text';

/** One route of the public listener; it gets the request's path and raw query already split. */
export type PublicRoute = (req: IncomingMessage, res: ServerResponse, target: RequestTarget) => void | Promise<void>;

export interface PublicRoutes {
  /** Exact paths (`/hub`, `/shared.atom`). */
  exact: Readonly<Record<string, PublicRoute>>;
  /** Path prefixes (`/websub/`), tried after the exact paths. */
  prefixed: Readonly<Record<string, PublicRoute>>;
}

export interface PublicListenerOptions {
  port: number;
  host: string;
  /** Bounds on what a client may send (default: publicLimits). */
  limits?: ServerLimits;
  log: Log;
}

export interface PublicListener {
  port: number;
  /** http://host:port, what a local reverse proxy or tunnel points at. */
  origin: string;
  /** What /health answers: a tunnel check that gets it back has reached this very listener. */
  healthToken: string;
  close(): Promise<void>;
}

/**
 * The only listener the outside world reaches (through a tunnel or a reverse
 * proxy), and its router: `/health`, then the routes it is given (WebSub
 * callbacks under `/websub/`, the hub's `/hub` and `/shared.atom`), and a 404
 * for anything else. Built on the fail-closed server: a malformed request gets
 * a 4xx, a failing route a 500, and the process lives. It never redirects.
 */
export async function startPublicListener(
  routes: PublicRoutes,
  options: PublicListenerOptions,
): Promise<PublicListener> {
  const healthToken = `tidings ok ${randomBytes(9).toString('base64url')}`;
  const prefixes = Object.entries(routes.prefixed);
  const server = createFailClosedServer(
    (req, res) => {
      const target = requestTarget(req);
      if (!target) throw new BadRequest('The request target is not a path.');
      const { path } = target;
      if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
        return plainText(res, 200, healthToken);
      }
      const exact = Object.hasOwn(routes.exact, path) ? routes.exact[path] : undefined;
      if (exact) return exact(req, res, target);
      for (const [prefix, route] of prefixes) if (path.startsWith(prefix)) return route(req, res, target);
      return refuse(req, res, 404, 'Not found');
    },
    {
      limits: options.limits ?? publicLimits,
      log: options.log,
      errorAnswer: (_status, message) => ({ contentType: plainHeaders['content-type'], body: message }),
    },
  );
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
