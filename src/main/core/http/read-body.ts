import type { IncomingMessage } from 'node:http';

export type BodyOutcome = Buffer | 'too large' | 'aborted';

/**
 * A request body up to `maxBytes`, with plain 'data' events (cheaper than
 * async iteration on the ping path). Past the bound it stops keeping bytes and
 * says 'too large' at once: the caller answers (see answer-and-close.ts), which
 * drains a little more so the client reads that answer instead of a reset.
 * A declared Content-Length over the bound is 'too large' before a byte is read.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyOutcome> {
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes) return Promise.resolve('too large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) return void chunks.push(chunk);
      chunks.length = 0;
      stop();
      resolve('too large');
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, total));
    };
    const onError = () => {
      stop();
      resolve('aborted');
    };
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      req.pause();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}
