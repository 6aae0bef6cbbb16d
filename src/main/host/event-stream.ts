import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventHub } from '../core/events';
import type { Log } from '../core/context';

export interface EventStreamLimits {
  /** Bytes written to a client but not yet taken by it; beyond this, its next event drops it. */
  maxQueuedBytes: number;
  /** Longest a client may leave written bytes untaken (a slow trickle reader); then it is dropped. */
  maxStalledMs: number;
  /** A comment line this often, so proxies and browsers keep the stream open. */
  heartbeatMs: number;
}

export const eventStreamLimits: EventStreamLimits = {
  maxQueuedBytes: 1024 * 1024,
  maxStalledMs: 30_000,
  heartbeatMs: 15_000,
};

/**
 * `GET /api/events`: every core event as Server-Sent Events, with
 * backpressure. Node queues what a socket can't take in memory without limit,
 * so 100 clients that never read grew the host from 96 MB to 2.7 GB. Here a
 * client whose untaken bytes pass a bound, or that leaves bytes untaken too
 * long, is dropped: its socket destroyed, its queue freed, its listener gone.
 * A dropped browser reconnects (EventSource's retry) and catches up through
 * changesSince, as it does after sleep: nothing is lost to a reader that reads.
 */
export function openEventStream(
  req: IncomingMessage,
  res: ServerResponse,
  events: EventHub,
  streams: Set<ServerResponse>,
  limits: EventStreamLimits = eventStreamLimits,
  log: Log,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  streams.add(res);
  let stallTimer: ReturnType<typeof setTimeout> | null = null;

  const drop = (why: string) => {
    if (res.destroyed) return;
    log(`dropped an event stream that ${why}`);
    res.destroy();
  };
  const send = (text: string) => {
    if (res.destroyed) return;
    // writableLength: what is queued in the response and its socket, not yet handed to the kernel.
    // Counted before this event, so a client that has taken everything so far takes any one event,
    // however big (a chunk of a huge merge's items): a stream holds at most the bound plus one event.
    if (res.writableLength > limits.maxQueuedBytes) {
      return drop(`held over ${limits.maxQueuedBytes} bytes it did not read`);
    }
    if (res.write(text) || stallTimer) return;
    stallTimer = setTimeout(() => drop(`read nothing for ${limits.maxStalledMs} ms`), limits.maxStalledMs);
    stallTimer.unref();
  };
  res.on('drain', () => {
    if (stallTimer) clearTimeout(stallTimer);
    stallTimer = null;
  });

  send('retry: 2000\n: connected\n\n');
  const unsubscribe = events.onAny((event, payload) => send(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`));
  const heartbeat = setInterval(() => send(': keep-alive\n\n'), limits.heartbeatMs);
  heartbeat.unref();
  const close = () => {
    clearInterval(heartbeat);
    if (stallTimer) clearTimeout(stallTimer);
    unsubscribe();
    streams.delete(res);
  };
  res.on('close', close);
  req.on('error', () => res.destroy());
}
