import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { loopbackLookup } from '../tunnel/loopback-lookup';
import { isPublicAddress } from './callback-address';

export interface OutboundRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string | string[]>;
  body?: Buffer | string;
  timeoutMs: number;
  /** The answer's body is read up to this many bytes; the rest is dropped with the connection. */
  maxResponseBytes: number;
}

export type OutboundResult =
  { kind: 'answered'; status: number; body: Buffer; truncated: boolean } | { kind: 'failed'; reason: string };

export interface OutboundClient {
  send(request: OutboundRequest): Promise<OutboundResult>;
  close(): void;
}

class PrivateAddressError extends Error {
  constructor(host: string) {
    super(`${host} resolves to a loopback, private or link-local address`);
    this.name = 'PrivateAddressError';
  }
}

/**
 * The hub's HTTP client for callbacks (and the publisher's for external
 * hubs): plain node:http with keep-alive, never following a redirect (a 3xx is
 * just an answer), one deadline for the whole exchange, a bounded answer, and
 * every address a name resolves to checked at connection time, so a name
 * cannot point the hub at this computer's own network (nor re-point it there
 * between a check and the connection: the check is the connection's lookup).
 * `*.localhost` names resolve to loopback as RFC 6761 asks.
 */
export function createOutboundClient(options: { allowPrivate: boolean; maxSockets: number }): OutboundClient {
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    loopbackLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      const list = addresses as unknown as Array<{ address: string; family: number }>;
      const done = callback as (
        error: NodeJS.ErrnoException | null,
        address: string | Array<{ address: string; family: number }>,
        family?: number,
      ) => void;
      if (error) return done(error, '', 0);
      if (!options.allowPrivate && list.some((entry) => !isPublicAddress(entry.address))) {
        return done(new PrivateAddressError(hostname), '', 0);
      }
      if ((lookupOptions as { all?: boolean }).all) return done(null, list);
      const first = list[0];
      if (!first) return done(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      done(null, first.address, first.family);
    });
  };
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: 16, lookup };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);

  return {
    send(outbound) {
      const host = outbound.url.hostname.replace(/^\[|\]$/g, '');
      // A literal address skips the lookup, so it is judged here.
      if (!options.allowPrivate && isIP(host) !== 0 && !isPublicAddress(host)) {
        return Promise.resolve({ kind: 'failed', reason: 'its address is loopback, private or link-local' });
      }
      const https = outbound.url.protocol === 'https:';
      return new Promise<OutboundResult>((resolve) => {
        let settled = false;
        const finish = (result: OutboundResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          resolve(result);
        };
        const req = (https ? httpsRequest : httpRequest)(
          outbound.url,
          { method: outbound.method, headers: outbound.headers, agent: https ? httpsAgent : httpAgent },
          (res) => readAnswer(res, outbound.maxResponseBytes, finish, () => req.destroy()),
        );
        const deadline = setTimeout(() => {
          finish({ kind: 'failed', reason: `no answer within ${Math.round(outbound.timeoutMs / 1000)} s` });
          req.destroy();
        }, outbound.timeoutMs);
        req.on('error', (error) => finish({ kind: 'failed', reason: describeFailure(error) }));
        req.end(outbound.body);
      });
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function readAnswer(
  res: IncomingMessage,
  maxBytes: number,
  finish: (result: OutboundResult) => void,
  abort: () => void,
): void {
  const chunks: Buffer[] = [];
  let total = 0;
  const status = res.statusCode ?? 0;
  res.on('data', (chunk: Buffer) => {
    const room = maxBytes - total;
    if (chunk.length > room) {
      if (room > 0) chunks.push(chunk.subarray(0, room));
      total = maxBytes;
      finish({ kind: 'answered', status, body: Buffer.concat(chunks), truncated: true });
      abort();
      return;
    }
    chunks.push(chunk);
    total += chunk.length;
  });
  res.on('end', () => finish({ kind: 'answered', status, body: Buffer.concat(chunks), truncated: false }));
  res.on('error', (error) => finish({ kind: 'failed', reason: describeFailure(error) }));
}

function describeFailure(error: unknown): string {
  if (error instanceof PrivateAddressError) return 'its address is loopback, private or link-local';
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'its name does not resolve';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'the connection was closed';
  if (code === 'ETIMEDOUT') return 'the connection timed out';
  if (typeof code === 'string' && /CERT|SSL|TLS/.test(code)) return 'its TLS certificate was refused';
  return code ? `it could not be reached (${code})` : 'it could not be reached';
}
