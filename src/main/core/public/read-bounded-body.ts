import type { IncomingMessage } from 'node:http';

export type BoundedBody = Buffer | 'too large' | 'aborted';

/**
 * A request body of at most `maxBytes`. A declared Content-Length over the
 * bound is refused before reading; an undeclared one is counted as it comes
 * and the connection is cut once it passes twice the bound, so nothing from
 * outside can make this process hold more than that.
 */
export function readBoundedBody(req: IncomingMessage, maxBytes: number): Promise<BoundedBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.resolve('too large');
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) chunks.push(chunk);
      else if (total > maxBytes * 2) {
        req.destroy();
        resolve('aborted');
      }
    });
    req.on('end', () => resolve(total > maxBytes ? 'too large' : Buffer.concat(chunks, total)));
    req.on('error', () => resolve('aborted'));
    req.on('close', () => resolve('aborted'));
  });
}
