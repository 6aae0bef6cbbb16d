import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

export interface DrainLimits {
  /** Request bytes still read (and dropped) after the answer, so a client that sends its whole body first sees it. */
  drainBytes: number;
  /** ...for at most this long. */
  drainMs: number;
}

export const defaultDrain: DrainLimits = { drainBytes: 1024 * 1024, drainMs: 5_000 };

/**
 * Answers a request whose body Tidings will not read (413, or a POST to an
 * unknown or gone callback) and closes its connection, so the rest of that
 * body is never parsed as a next request.
 *
 * Node destroys a `Connection: close` socket as soon as the answer ends, and a
 * socket closed with unread bytes sends a TCP reset, which many clients report
 * instead of the answer they had already received. So the whole answer is
 * written at once but ended only when the body is over, or after a small bound
 * of further bytes or time (an endless body is never read beyond it).
 */
export function answerAndClose(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body: string,
  limits: DrainLimits = defaultDrain,
): void {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.write(body);
  if (req.complete || req.readableEnded || req.destroyed) return void res.end();
  let drained = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    req.off('data', onData);
    res.end();
  };
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > limits.drainBytes) finish();
  };
  const timer = setTimeout(finish, limits.drainMs);
  timer.unref();
  req.on('data', onData);
  req.once('end', finish);
  req.once('error', finish);
  req.once('close', finish);
  req.resume();
}
