import { BlockList, isIP } from 'node:net';

/**
 * Which addresses the hub may call. The tunnel lets anyone on the internet
 * name a callback, so without this check the hub would make this computer
 * call into its own network (a router's admin page, a printer, a local
 * service) on a stranger's behalf. Loopback, private, link-local, shared
 * (CGNAT), multicast, reserved and documentation ranges are all refused, and
 * IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4, compatible) are
 * judged by the IPv4 address inside.
 */
const notPublic = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  notPublic.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  notPublic.addSubnet(net, prefix, 'ipv6');
}

/** True for an address the hub may call without `--hub-allow-private-callbacks`. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !notPublic.check(address, 'ipv4');
  if (family !== 6) return false;
  const groups = expandIPv6(address);
  if (!groups) return false;
  const embedded = embeddedIPv4(groups);
  if (embedded !== null) return embedded !== '' && !notPublic.check(embedded, 'ipv4');
  return !notPublic.check(address, 'ipv6');
}

/** The IPv4 address inside a mapped (::ffff:0:0/96), compatible (::/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
function embeddedIPv4(groups: number[]): string | null {
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!);
  if (zeros(0, 6)) return groups[6] === 0 && groups[7]! <= 1 ? null : v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!);
  return null;
}

function expandIPv6(address: string): number[] | null {
  let text = address.toLowerCase().split('%')[0]!;
  // A dotted IPv4 tail (::ffff:127.0.0.1) becomes two groups.
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::', 2);
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : rest ? rest.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...right].map((g) =>
    parseInt(g, 16),
  );
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

export type CallbackCheck = { ok: true; url: URL } | { ok: false; reason: string };

export const maxCallbackLength = 2048;

/**
 * A callback as REC §5.1 and the issue want it: an absolute http(s) URL with a
 * host, no fragment, no user name or password, of bounded length. A literal
 * address (or a `localhost` name) that is not public is refused here already;
 * names are checked again at connection time, by the address they resolve to.
 */
export function checkCallbackUrl(raw: string, allowPrivate: boolean): CallbackCheck {
  if (raw.length > maxCallbackLength) {
    return { ok: false, reason: `hub.callback is longer than ${maxCallbackLength} characters.` };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'hub.callback is not an absolute URL.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'hub.callback must be an http or https URL.' };
  }
  if (raw.includes('#')) return { ok: false, reason: 'hub.callback must not contain a fragment (#).' };
  if (url.username || url.password)
    return { ok: false, reason: 'hub.callback must not carry a user name or password.' };
  if (!url.hostname) return { ok: false, reason: 'hub.callback has no host.' };
  if (!allowPrivate && !isPublicHostname(url.hostname)) {
    return {
      ok: false,
      reason: 'hub.callback is on a loopback, private or link-local address, which this hub does not call.',
    };
  }
  return { ok: true, url };
}

/** False for literal addresses that are not public and for localhost names (RFC 6761); other names pass (for now). */
function isPublicHostname(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  return isIP(host) === 0 || isPublicAddress(host);
}
