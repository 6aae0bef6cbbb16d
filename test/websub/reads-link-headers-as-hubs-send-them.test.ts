import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { parseLinkHeader } from '../../src/main/core/websub/link-header';
import { discoverHub } from '../../src/main/core/websub/discover-hub';
import { startTestHub, defaultKnobs, type TestHub } from '../support/test-hub';
import { addFeed, withPushCore } from './push-core';

const base = 'https://blog.example/posts/feed.xml';
const rels = (value: string) => parseLinkHeader(value, base).map((l) => `${l.rels.join('+')} ${l.href}`);

test('rel unquoted, in any case, with several relation types in one value', () => {
  assert.deepEqual(rels('<https://hub.example/>; rel=hub'), ['hub https://hub.example/']);
  assert.deepEqual(rels('<https://hub.example/>; REL=Hub'), ['hub https://hub.example/']);
  assert.deepEqual(rels('<https://blog.example/t>; rel="hub self"'), ['hub+self https://blog.example/t']);
  assert.deepEqual(rels("<https://blog.example/t>; rel='self alternate'"), ['self+alternate https://blog.example/t']);
  const both = discoverHub({ finalUrl: base, linkHeader: '<https://x.example/>; rel="self hub"', documentLinks: [] });
  assert.deepEqual([both.hub, both.topic], ['https://x.example/', 'https://x.example/']);
});

test('several links in one header, relative URLs resolved against the URL the response came from', () => {
  assert.deepEqual(rels('</hub>; rel="hub", <feed.xml?x=1,2>; rel="self", <../about>; rel="about"'), [
    'hub https://blog.example/hub',
    'self https://blog.example/posts/feed.xml?x=1,2',
    'about https://blog.example/about',
  ]);
  // <> is the resource itself.
  assert.deepEqual(rels('<>; rel=self'), ['self https://blog.example/posts/feed.xml']);
});

test('the malformed forms seen in the wild are read, and junk never throws', () => {
  // The ";" before rel missing (Superfeedr's hub, in idno/idno#771).
  assert.deepEqual(rels('<http://hub.example/> rel="hub"'), ['hub http://hub.example/']);
  // The "," between links missing, or a ";" in its place.
  assert.deepEqual(rels('<https://h.example/>; rel="hub" <https://blog.example/s>; rel="self"'), [
    'hub https://h.example/',
    'self https://blog.example/s',
  ]);
  assert.deepEqual(rels('<https://h.example/>; rel="hub"; <https://blog.example/s>; rel="self"'), [
    'hub https://h.example/',
    'self https://blog.example/s',
  ]);
  // A URI without its angle brackets, spaces around "=", stray separators.
  assert.deepEqual(rels(' , https://h.example/hub ; rel = "hub" ,, ;'), ['hub https://h.example/hub']);
  // A quoted parameter holding separators and "<" does not end the link early.
  assert.deepEqual(rels('<https://h.example/>; title="a, <b>; c"; rel="hub"'), ['hub https://h.example/']);
  // Only the first rel counts (RFC 8288 §3.3).
  assert.deepEqual(rels('<https://h.example/>; rel="hub"; rel="self"'), ['hub https://h.example/']);
  // A link about another resource (anchor) is not this topic's.
  assert.deepEqual(rels('<https://h.example/>; rel="hub"; anchor="https://elsewhere.example/"'), []);
  assert.deepEqual(rels('<https://h.example/>; rel="hub"; anchor="#top"'), ['hub https://h.example/']);
  // Unclosed brackets and quotes, non-http targets, no rel at all.
  for (const junk of ['<https://h.example/; rel="hub', '<https://h.example/>; rel="hub', '<javascript:x>; rel=hub']) {
    assert.doesNotThrow(() => parseLinkHeader(junk, base));
  }
  assert.deepEqual(rels('<javascript:alert(1)>; rel="hub", <https://h.example/>'), []);
  assert.deepEqual(rels('garbage; more garbage, <<>>'), []);
});

test('a hostile Link header is read in linear time', () => {
  const hostile = '<a>'.repeat(50_000) + ';rel="' + 'x '.repeat(50_000);
  assert.ok(parseLinkHeader(hostile, base).length <= 16 * 1024);
});

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());
beforeEach(() => Object.assign(hub.knobs, defaultKnobs()));

test('hub and self in two separate Link header lines, unquoted and relative, as served over HTTP', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('two-lines', { linkHeader: ['</hub>; rel=hub', '</topics/two-lines-self>; rel=self'] });
    hub.setTopic('two-lines-self', {});
    await addFeed(core, hub.topicUrl('two-lines'));
    const request = await hub.waitFor(
      () => hub.requests.find((r) => r.form.get('hub.topic') === hub.topicUrl('two-lines-self')),
      'a subscription with the self from the second header line',
    );
    assert.equal(request.path, '/hub');
  }));

test('a quirky Link header (no ";" before rel, upper case, one line for both) still leads to push', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('quirky', { linkHeader: `<${hub.hubUrl}> REL="HUB", <${hub.topicUrl('quirky')}> rel=self` });
    const feedId = await addFeed(core, hub.topicUrl('quirky'));
    await hub.waitFor(() => core.push.isPushLive(feedId), 'push live through the quirky header');
  }));
