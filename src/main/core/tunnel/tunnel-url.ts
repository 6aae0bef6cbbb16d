/**
 * The public base URL a tunnel gives. localtunnel servers answer
 * `http://<sub>.<domain>` without a port; a self-hosted server on a
 * non-default port (or one on this machine, in tests) is reached on that port,
 * so the tunnel server's own explicit port is carried over.
 */
export function publicBaseUrl(tunnelUrl: string, tunnelHost: string): string {
  const url = new URL(tunnelUrl);
  const host = new URL(tunnelHost);
  if (!url.port && host.port && url.protocol === host.protocol) url.port = host.port;
  return url.href.replace(/\/+$/, '');
}

/** A random subdomain for this install: 4-63 of [a-z0-9-], what localtunnel servers accept. */
export function newSubdomain(random: (size: number) => Buffer): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = random(12);
  let name = 'tidings-';
  for (const byte of bytes) name += alphabet[byte % alphabet.length];
  return name;
}
