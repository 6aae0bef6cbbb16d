import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHubRequest } from '../../src/main/core/hub/hub-request';
import { checkCallbackUrl, isPublicAddress } from '../../src/main/core/hub/callback-address';
import { verificationUrl } from '../../src/main/core/hub/verify-subscriber';

const topic = 'https://tidings-abc.loca.lt/shared.atom';
const served = { topic, isKnownTopic: (t: string) => t === 'https://old.loca.lt/shared.atom' };
const lease = { minSeconds: 86_400, maxSeconds: 864_000, defaultSeconds: 864_000 };
const form = (params: Record<string, string> | [string, string][]) => new URLSearchParams(params);
const parse = (params: Record<string, string> | [string, string][], allowPrivate = false) =>
  parseHubRequest(form(params), served, lease, allowPrivate);
const ok = { 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.callback': 'https://sub.example.net/cb?id=7' };

test('a typical subscribe gets the default lease; unknown parameters are ignored; asked leases are clamped', () => {
  const typical = parse({ ...ok, foo: 'bar', 'hub.foo': 'hub.bar', 'hub.verify': 'sync' });
  assert.ok(typical.ok);
  assert.equal(typical.request.mode, 'subscribe');
  assert.equal(typical.request.callback.href, 'https://sub.example.net/cb?id=7');
  assert.deepEqual(typical.request.mode === 'subscribe' && [typical.request.leaseSeconds, typical.request.secret], [
    864_000,
    null,
  ]);
  const leaseOf = (value: string) => {
    const parsed = parse({ ...ok, 'hub.lease_seconds': value });
    return parsed.ok && parsed.request.mode === 'subscribe' ? parsed.request.leaseSeconds : parsed;
  };
  assert.equal(leaseOf('60'), 86_400);
  assert.equal(leaseOf('172800'), 172_800);
  assert.equal(leaseOf('999999999999'), 864_000);
  assert.equal(leaseOf(''), 864_000);
  assert.equal((leaseOf('ten') as { ok: boolean }).ok, false);
  assert.equal((leaseOf('9999999999999999') as { ok: boolean }).ok, false);
});

test('publish, other modes and other topics get a reason that names the topic served', () => {
  for (const params of <Record<string, string>[]>[
    { ...ok, 'hub.mode': 'publish' },
    { ...ok, 'hub.mode': 'denied' },
    { 'hub.topic': topic, 'hub.callback': ok['hub.callback'] },
    { ...ok, 'hub.topic': 'https://example.com/feed' },
    { ...ok, 'hub.topic': `${topic}?x` },
    { ...ok, 'hub.topic': 'https://old.loca.lt/shared.atom' },
    { 'hub.mode': 'subscribe', 'hub.topic': topic },
  ]) {
    const parsed = parse(params);
    assert.equal(parsed.ok, false, JSON.stringify(params));
    assert.ok(!parsed.ok && parsed.reason.includes(topic), !parsed.ok ? parsed.reason : '');
  }
  assert.match((parse({ ...ok, 'hub.mode': 'publish' }) as { reason: string }).reason, /not an open hub/);
  // An earlier public address's topic may still be unsubscribed from.
  assert.ok(parse({ ...ok, 'hub.mode': 'unsubscribe', 'hub.topic': 'https://old.loca.lt/shared.atom' }).ok);
});

test('secrets must be 1 to 199 bytes, counted in UTF-8; a required parameter given twice is refused', () => {
  assert.ok(parse({ ...ok, 'hub.secret': 's' }).ok);
  assert.ok(parse({ ...ok, 'hub.secret': 'x'.repeat(199) }).ok);
  assert.equal(parse({ ...ok, 'hub.secret': 'x'.repeat(200) }).ok, false);
  assert.equal(parse({ ...ok, 'hub.secret': 'é'.repeat(100) }).ok, false);
  assert.equal(parse({ ...ok, 'hub.secret': '' }).ok, false);
  assert.equal(parse([...Object.entries(ok), ['hub.topic', topic]] as [string, string][]).ok, false);
  // An unsubscribe carries no secret to check.
  assert.ok(parse({ ...ok, 'hub.mode': 'unsubscribe', 'hub.secret': 'x'.repeat(300) }).ok);
});

test('callbacks: absolute http(s), no fragment, no credentials, and never on a private address unless allowed', () => {
  for (const callback of [
    'http://127.0.0.1:8080/cb',
    'http://[::1]/cb',
    'http://localhost/cb',
    'http://tidings-x.localhost:9000/websub/abc',
    'http://10.0.0.5/cb',
    'http://192.168.1.1/admin',
    'http://169.254.169.254/latest/meta-data',
    'http://[fe80::1]/cb',
    'http://[fd00::1]/cb',
    'http://[::ffff:127.0.0.1]/cb',
    'http://0x7f.1/cb',
    'http://2130706433/cb',
    'http://0/cb',
  ]) {
    const refused = parse({ ...ok, 'hub.callback': callback });
    assert.equal(refused.ok, false, callback);
    assert.match((refused as { reason: string }).reason, /loopback, private or link-local/, callback);
    assert.ok(parse({ ...ok, 'hub.callback': callback }, true).ok, `${callback} with the flag`);
  }
  for (const callback of [
    '/cb',
    'ftp://example.com/cb',
    'https://example.com/cb#frag',
    'https://u:p@example.com/',
    `https://example.com/${'a'.repeat(2100)}`,
  ]) {
    assert.equal(checkCallbackUrl(callback, true).ok, false, callback);
  }
  assert.ok(isPublicAddress('93.184.216.34'));
  assert.ok(isPublicAddress('2606:2800:220:1:248:1893:25c8:1946'));
  for (const address of [
    '100.64.0.1',
    '::',
    '64:ff9b::a00:1',
    '2002:c0a8:101::1',
    '::127.0.0.1',
    'ff02::1',
    '224.0.0.1',
  ]) {
    assert.equal(isPublicAddress(address), false, address);
  }
});

test("verification parameters are appended to the callback's own query, every value URL-encoded", () => {
  const challenge = 'c'.repeat(43);
  const request = {
    mode: 'subscribe' as const,
    topic: 'https://x.example/shared.atom?a=1&b=2',
    callback: new URL('https://sub.example.net/cb?id=7&x=a%20b'),
    leaseSeconds: 86_400,
  };
  assert.equal(
    verificationUrl(request, challenge),
    `https://sub.example.net/cb?id=7&x=a%20b&hub.mode=subscribe&hub.topic=https%3A%2F%2Fx.example%2Fshared.atom%3Fa%3D1%26b%3D2&hub.challenge=${challenge}&hub.lease_seconds=86400`,
  );
  const unsubscribe = verificationUrl(
    { ...request, mode: 'unsubscribe', callback: new URL('https://s.example/cb') },
    challenge,
  );
  assert.equal(new URL(unsubscribe).searchParams.get('hub.topic'), request.topic);
  assert.equal(new URL(unsubscribe).searchParams.has('hub.lease_seconds'), false);
});
