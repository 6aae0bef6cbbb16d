/**
 * Makes this test process resolve `*.localhost` to loopback, as RFC 6761 §6.3
 * asks and browsers do, but glibc here does not. A localtunnel server run on
 * this machine hands out `http://<sub>.localhost:<port>` addresses; a second
 * core that fetches and subscribes to the first one's shared feed through it
 * uses the global fetch, which takes no per-request lookup. Only this process
 * (one test file) is affected; every other name still goes to the system
 * resolver.
 */
import dns from 'node:dns';
import { loopbackLookup } from '../../src/main/core/tunnel/loopback-lookup';

let installed = false;

export function resolveLocalhostNames(): void {
  if (installed) return;
  installed = true;
  const system = dns.lookup;
  // loopbackLookup falls back to dns.lookup for other names: give it the original, not this wrapper.
  const wrapped = ((hostname: string, options: unknown, callback: unknown) => {
    if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
      const args = typeof options === 'function' ? [hostname, {}, options] : [hostname, options, callback];
      return (loopbackLookup as (...a: unknown[]) => void)(...args);
    }
    return (system as (...a: unknown[]) => void)(hostname, options, callback);
  }) as typeof dns.lookup;
  dns.lookup = wrapped;
}
