import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { discoverHub, feedDocumentLinks, htmlDocumentLinks } from '../../src/main/core/websub/discover-hub';
import { parseLinkHeader } from '../../src/main/core/websub/link-header';
import { parseDocument } from '../../src/main/core/feeds/parse-document';

const parseFeed = (text: string, url: string) => parseDocument({ text, url });
import { rss, atom } from '../support/feeds';
import { startTestHub, type TestHub } from '../support/test-hub';
import { addFeed, peekDb, withPushCore } from './push-core';

const page = 'https://blog.example/feed.xml';
const fromHeader = (linkHeader: string, documentLinks = feedDocumentLinks([])) =>
  discoverHub({ finalUrl: page, linkHeader, documentLinks });

test('Link headers: several headers, one combined header, unquoted and upper-case rel, relative URLs', () => {
  // fetch joins repeated headers with ", ": the same string as one combined header.
  const several = fromHeader('<https://hub.example/>; rel="hub", </self.xml>; rel="self"');
  assert.deepEqual([several.hub, several.topic], ['https://hub.example/', 'https://blog.example/self.xml']);
  const loose = fromHeader('<https://hub.example/a>; REL=HUB, <https://blog.example/s>; Rel=Self');
  assert.deepEqual([loose.hub, loose.topic], ['https://hub.example/a', 'https://blog.example/s']);
  const both = fromHeader('<https://hub.example/x>; rel="hub self"');
  assert.deepEqual([both.hub, both.topic], ['https://hub.example/x', 'https://hub.example/x']);
  // Seen in the wild (idno/idno#771): the ";" before rel missing.
  assert.deepEqual(parseLinkHeader('<http://hub.example/> rel="hub"', page), [
    { href: 'http://hub.example/', rels: ['hub'] },
  ]);
  // Other rels and junk are ignored.
  assert.equal(fromHeader('<https://x.example/>; rel="alternate", garbage').hub, null);
});

test('an Atom feed\'s <link rel="hub">, and an RSS feed\'s <atom:link rel="hub">, are found in the document', async () => {
  const atomFeed = await parseFeed(
    atom(
      'A',
      [],
      '<link rel="hub" href="https://hub.example/atom"/><link rel="self" href="https://blog.example/a.xml"/>',
    ),
    page,
  );
  const a = fromHeader('', feedDocumentLinks(atomFeed.links));
  assert.deepEqual([a.hub, a.topic], ['https://hub.example/atom', 'https://blog.example/a.xml']);

  // The hub comes first on purpose: rss-parser's feedUrl would report it as the feed's own URL.
  const rssFeed = await parseFeed(
    rss(
      'R',
      [],
      '<atom:link rel="hub" href="https://hub.example/rss"/><atom:link rel="self" href="https://blog.example/r.xml"/>',
    ),
    page,
  );
  const r = fromHeader('', feedDocumentLinks(rssFeed.links));
  assert.deepEqual([r.hub, r.topic], ['https://hub.example/rss', 'https://blog.example/r.xml']);
});

test("an HTML page's hub counts only inside <head>", () => {
  const html = `<!doctype html><html><head><link rel="hub" href="/hub"><link rel="self" href="/page"></head>
    <body><link rel="hub" href="https://evil.example/hub"></body></html>`;
  const found = fromHeader('', htmlDocumentLinks(html, 'https://site.example/blog/'));
  assert.deepEqual([found.hub, found.hubs], ['https://site.example/hub', ['https://site.example/hub']]);
  assert.equal(found.topic, 'https://site.example/page');
  const bodyOnly = `<html><head></head><body><link rel="hub" href="https://evil.example/hub"></body></html>`;
  assert.equal(fromHeader('', htmlDocumentLinks(bodyOnly, page)).hub, null);
});

test('hub and self are resolved independently; a missing self means the final URL; an https hub is favoured', () => {
  const docLinks = feedDocumentLinks([
    { rel: 'hub', href: 'https://doc-hub.example/' },
    { rel: 'self', href: 'https://blog.example/doc-self.xml' },
  ]);
  // Hub from the header, self from the document.
  const mixed = fromHeader('<https://header-hub.example/>; rel="hub"', docLinks);
  assert.deepEqual([mixed.hub, mixed.topic], ['https://header-hub.example/', 'https://blog.example/doc-self.xml']);
  // Self from the header, hub from the document.
  const reverse = fromHeader('<https://blog.example/header-self.xml>; rel="self"', docLinks);
  assert.deepEqual([reverse.hub, reverse.topic], ['https://doc-hub.example/', 'https://blog.example/header-self.xml']);
  // No self anywhere: the URL we ended at after redirects.
  assert.equal(fromHeader('<https://hub.example/>; rel="hub"').topic, page);
  // Several hubs: the first https one.
  assert.equal(fromHeader('<http://a.example/>; rel="hub", <https://b.example/>; rel="hub"').hub, 'https://b.example/');
  // http in the header, the same hub over https in the body (w3c/websub#162).
  const upgraded = fromHeader(
    '<http://push.example/>; rel="hub"',
    feedDocumentLinks([{ rel: 'hub', href: 'https://push.example/' }]),
  );
  assert.equal(upgraded.hub, 'https://push.example/');
});

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());

test('adding a feed runs discovery on what was fetched and subscribes at the hub with the advertised self as topic', () =>
  withPushCore(async ({ core, dataDir }) => {
    hub.setTopic('alias', { linkHeader: `<${hub.hubUrl}>; rel="hub", </topics/canonical>; rel="self"` });
    hub.setTopic('canonical', {});
    const feedId = await addFeed(core, hub.topicUrl('alias'));
    const request = await hub.waitFor(() => hub.requests.at(-1), 'a subscription request');
    assert.equal(request.form.get('hub.topic'), hub.topicUrl('canonical'));
    assert.equal(request.form.get('hub.mode'), 'subscribe');
    const db = peekDb(dataDir);
    const row = db.prepare('SELECT hub_url, topic FROM websub_feeds WHERE feed_id = ?').get(feedId);
    db.close();
    assert.deepEqual(row, { hub_url: hub.hubUrl, topic: hub.topicUrl('canonical') });
  }));

test('a feed that names no hub is polled, and says why', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('hubless', { linkHeader: null });
    const feedId = await addFeed(core, hub.topicUrl('hubless'));
    const feed = (await core.listFeeds({})).find((f) => f.id === feedId)!;
    assert.equal(feed.delivery.mode, 'polling');
    assert.match(feed.delivery.reason ?? '', /names no WebSub hub/);
    assert.equal(core.push.isPushLive(feedId), false);
  }));
