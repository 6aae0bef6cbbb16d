import type { ServerResponse } from 'node:http';

/**
 * Every text answer of the public listener: plain text no browser may sniff
 * into HTML (some echo values from outside), never cached.
 */
export function plainText(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string | number> = {},
): void {
  res.writeHead(status, {
    ...headers,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
}
