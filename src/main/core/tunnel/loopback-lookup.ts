import { lookup } from 'node:dns';
import type { LookupFunction } from 'node:net';

/**
 * DNS lookup that answers loopback for `localhost` and every `*.localhost`
 * name, as RFC 6761 §6.3 asks and browsers do, but glibc does not. A
 * localtunnel server run on this machine (`--domain localhost`) hands out
 * `http://<sub>.localhost` addresses; requests to them need this to arrive.
 */
export const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    const cb = callback as (
      error: null,
      address: string | Array<{ address: string; family: number }>,
      family?: number,
    ) => void;
    if ((options as { all?: boolean }).all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
    else cb(null, '127.0.0.1', 4);
    return;
  }
  // Everything else: the system's resolver, as if no lookup had been given.
  (lookup as unknown as (host: string, opts: object, cb: typeof callback) => void)(hostname, options, callback);
};
