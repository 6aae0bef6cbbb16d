import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

export type SignatureCheck = 'valid' | 'invalid' | 'missing';

const algorithms: Record<string, string> = { sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

/**
 * Checks `X-Hub-Signature: method=hexdigest` (REC §7.1) over the raw body bytes
 * as received, keyed with the secret's bytes, with the method the header names.
 * Unknown methods (md5=…) and malformed values are invalid, never a crash; the
 * comparison is constant-time and the hex case-insensitive.
 */
export function checkSignature(header: string | undefined, body: Buffer, secret: string): SignatureCheck {
  if (header === undefined || header.trim() === '') return 'missing';
  const match = /^\s*([a-z0-9]+)=([0-9a-f]+)\s*$/i.exec(header);
  const algorithm = match ? algorithms[match[1]!.toLowerCase()] : undefined;
  if (!match || !algorithm) return 'invalid';
  const expected = createHmac(algorithm, keyOf(secret)).update(body).digest();
  const given = Buffer.from(match[2]!.toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'invalid';
}

// Turning the secret into a key costs more than the HMAC of a small ping: keep the keys.
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size > 10_000) keys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/** Signs a body as a hub does (for tests and benchmarks, and to document the format). */
export function signBody(
  method: 'sha1' | 'sha256' | 'sha384' | 'sha512',
  body: Buffer | string,
  secret: string,
): string {
  return `${method}=${createHmac(method, Buffer.from(secret, 'utf8')).update(body).digest('hex')}`;
}
