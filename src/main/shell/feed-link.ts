/**
 * What a `feed:` or `feeds:` link means. Browsers and web pages write them in
 * several ways (the old "feed URI scheme" draft and what readers accept since):
 *   feed:https://example.com/rss   an address inside: exactly that address
 *   feed://example.com/rss         the address with its scheme replaced: http
 *   feed:example.com/rss           no slashes: http too
 *   feeds://example.com/rss        the same, over https
 * plus two forms real links carry: `feed://https://...` (a scheme doubled) and
 * an address percent-encoded whole (`feed:https%3A%2F%2F...`). Anything else a
 * link can hold (javascript:, file:, no host, junk) is refused with a sentence.
 */

export type FeedLink = { ok: true; url: string } | { ok: false; problem: string };

/** Longer than any feed address a person or a page would link to. */
const maxLength = 4_096;
const feedScheme = /^(feeds?):(.*)$/is;

export function isFeedLink(raw: string): boolean {
  return feedScheme.test(raw.trim());
}

/** The `feed:`/`feeds:` link among a command line's arguments (a second instance, a start by the OS), or null. */
export function feedLinkInArgv(argv: readonly string[]): string | null {
  return argv.slice(1).find(isFeedLink) ?? null;
}

export function parseFeedLink(raw: string): FeedLink {
  const text = raw.trim();
  const match = feedScheme.exec(text);
  if (!match) return { ok: false, problem: 'That is not a feed: link.' };
  if (text.length > maxLength) return { ok: false, problem: 'The feed link is too long to be a feed address.' };
  // Control characters have no place in an address (and would hide what it says).
  if (/[\u0000-\u001f\u007f]/.test(text))
    return { ok: false, problem: 'The feed link holds characters no address has.' };
  const secure = match[1]!.toLowerCase() === 'feeds';
  let rest = match[2]!;
  if (rest === '' || rest === '//') return { ok: false, problem: 'The feed link is empty: it carries no address.' };
  if (/^https?%3a/i.test(rest)) {
    try {
      rest = decodeURIComponent(rest);
    } catch {
      return { ok: false, problem: 'The feed link does not hold a valid web address.' };
    }
  }
  const address = addressIn(rest, secure);
  if (!address.ok) return address;
  let url: URL;
  try {
    url = new URL(address.url);
  } catch {
    return { ok: false, problem: 'The feed link does not hold a valid web address.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, problem: 'Tidings follows only http and https feeds.' };
  }
  if (!url.hostname) return { ok: false, problem: 'The feed link has no host name in it.' };
  return { ok: true, url: url.href };
}

/** The web address a link's part after `feed:` stands for, before it is parsed as a URL. */
function addressIn(rest: string, secure: boolean): FeedLink {
  const implied = secure ? 'https://' : 'http://';
  if (rest.startsWith('//')) {
    const after = rest.slice(2);
    // feed://https://host/... and, with the colon lost on the way, feed://https//host/...
    const doubled = /^(https?):?\/\/(.*)$/is.exec(after);
    if (doubled) return hostFirst(`${doubled[1]!.toLowerCase()}://`, doubled[2]!);
    return hostFirst(implied, after);
  }
  if (/^https?:/i.test(rest)) return hostFirst('', rest);
  // Another scheme inside (javascript:, file:, data:, feed:...); "host:8080/path" is a port, not a scheme.
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\d+(?:[/?#]|$))/i.exec(rest);
  if (scheme) {
    return {
      ok: false,
      problem: `The feed link holds a ${scheme[1]!.toLowerCase()}: address; Tidings follows only http and https feeds.`,
    };
  }
  return hostFirst(implied, rest.replace(/^\//, ''));
}

/** `prefix + rest`, refusing a rest that starts with no host (feed:///etc/passwd would otherwise become host "etc"). */
function hostFirst(prefix: string, rest: string): FeedLink {
  const afterScheme = prefix === '' ? rest.replace(/^https?:(\/\/)?/i, '') : rest;
  if (afterScheme === '' || afterScheme.startsWith('/')) {
    return { ok: false, problem: 'The feed link has no host name in it.' };
  }
  return { ok: true, url: prefix + rest };
}
