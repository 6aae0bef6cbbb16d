import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerAndClose, type DrainLimits } from '../http/answer-and-close';

/** Headers of every text answer on the public listener: plain text no browser may sniff into HTML, never cached. */
export const plainHeaders = {
  'content-type': 'text/plain; charset=utf-8',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/** Some answers echo values from outside (a challenge, a topic): they go out as plain text only. */
export function plainText(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string | number> = {},
): void {
  res.writeHead(status, { ...headers, ...plainHeaders, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Bytes of a refused request's body read at most before its connection closes. */
export const refusedBodyBytes = 1024 * 1024;

/** An answer that reads no more than a small bound of whatever body came with the request (an endless one included). */
export function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
  limits: DrainLimits = { drainBytes: refusedBodyBytes, drainMs: 5_000 },
): void {
  answerAndClose(req, res, status, { ...headers, ...plainHeaders }, body, limits);
}
