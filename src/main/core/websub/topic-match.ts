/**
 * Does the hub.topic of a verification name the topic we subscribed to?
 * Hubs do not always send it byte for byte (WEBSUB.md "Cross-cutting quirks" 2):
 * non-ASCII percent-encoded (Google), the whole topic percent-encoded once more
 * (the YouTube capture), or `&` left unencoded so the topic arrives cut
 * (Webubbub). So: exact first, then after URL normalisation, then from the raw
 * query string up to the next hub.* parameter.
 */
export function topicMatches(expected: string, given: string | null, rawQuery: string): boolean {
  if (given === null) return false;
  if (given === expected) return true;
  const want = normalise(expected);
  if (want === null) return false;
  if (normalise(given) === want) return true;
  const raw = rawTopic(rawQuery);
  return raw !== null && normalise(raw) === want;
}

/** A URL in one canonical form: decoded at most twice, parsed, no fragment. */
export function normalise(value: string): string | null {
  let text = value;
  for (let i = 0; i < 2 && /%[0-9a-f]{2}/i.test(text) && !/^https?:\/\//i.test(text); i++) {
    try {
      text = decodeURIComponent(text);
    } catch {
      break;
    }
  }
  try {
    const url = new URL(text);
    url.hash = '';
    // Percent-encoding differences (%7E vs ~, é vs %C3%A9) vanish once both are decoded the same way.
    return decodeURI(url.href);
  } catch {
    return null;
  }
}

/** hub.topic as it stands in the raw query, running to the next hub.* parameter (an unencoded & survives). */
function rawTopic(rawQuery: string): string | null {
  const match = /(?:^|&)hub\.topic=(.*?)(?=&hub\.[a-z_]+=|$)/.exec(rawQuery);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!.replace(/\+/g, ' '));
  } catch {
    return match[1]!;
  }
}
