import type { IncomingMessage } from 'node:http';

export interface RequestTarget {
  /** The path as sent (still percent-encoded). */
  path: string;
  /** What follows the first '?', without it ('' when none). */
  rawQuery: string;
}

/**
 * The path and query of a request, from either form a client may send
 * (origin-form `/a?b`, or absolute-form `http://host/a?b`, RFC 9112 §3.2);
 * null for anything else (`*`, `http://[/`), which the caller answers with 400.
 * Never throws: `new URL` does on hostile input, and an exception in a
 * request handler must not reach the process.
 */
export function requestTarget(req: IncomingMessage): RequestTarget | null {
  let target = req.url ?? '';
  if (!target.startsWith('/')) {
    if (!/^https?:\/\//i.test(target) || !URL.canParse(target)) return null;
    const url = new URL(target);
    target = `${url.pathname}${url.search}`;
  }
  const mark = target.indexOf('?');
  return mark === -1
    ? { path: target, rawQuery: '' }
    : { path: target.slice(0, mark), rawQuery: target.slice(mark + 1) };
}

/** decodeURIComponent that answers null instead of throwing a URIError on a bad %-sequence. */
export function decodePathPart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
