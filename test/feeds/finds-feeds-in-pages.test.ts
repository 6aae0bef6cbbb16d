import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFeedLinks, guessFeedUrls } from '../../src/main/core/feeds/find-feed-links';
import { htmlHeadLinks } from '../../src/main/core/feeds/html-head-links';
import { youTubeFeedFromPage, youTubeFeedFromUrl } from '../../src/main/core/feeds/youtube-feed';

const page = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'two-feeds.html'), 'utf8');

test('feed alternates count anywhere in the page, resolved, in page order (YouTube puts its feed link in the body)', () => {
  assert.deepEqual(findFeedLinks(page, 'https://marina.example/blog/'), [
    { url: 'https://marina.example/posts.rss', title: 'Marina posts (RSS)', type: 'application/rss+xml' },
    { url: 'https://marina.example/blog/comments.atom', title: 'Marina comments (Atom)', type: 'application/atom+xml' },
    { url: 'https://marina.example/videos.rss', title: 'Marina videos', type: 'application/rss+xml' },
  ]);
});

test('hub and self links count in <head> only: one planted in the body is ignored (WebSub §8.1)', () => {
  const links = htmlHeadLinks(page, 'https://marina.example/blog/');
  assert.equal(links.length, 3);
  assert.ok(!links.some((link) => link.rel.includes('hub')));
  // A page that never writes <body> starts it at its first element that cannot be in a head.
  const implicit = `<title>x</title><link rel="hub" href="/good"><p>post</p><link rel="hub" href="/planted">`;
  assert.deepEqual(
    htmlHeadLinks(implicit, 'https://marina.example/').map((link) => link.href),
    ['https://marina.example/good'],
  );
});

test('<base href> changes how head links resolve; rel is split and lower-cased', () => {
  const html = `<html><head><base href="https://cdn.example/x/"><link rel="Alternate Feed" type="application/atom+xml" href="a.xml"><link rel="HUB" href="//hub.example/"></head></html>`;
  const links = htmlHeadLinks(html, 'https://site.example/');
  assert.deepEqual(
    links.map((l) => [l.rel, l.href]),
    [
      [['alternate', 'feed'], 'https://cdn.example/x/a.xml'],
      [['hub'], 'https://hub.example/'],
    ],
  );
});

test('the usual feed locations are guessed at the site root', () => {
  assert.deepEqual(guessFeedUrls('https://blog.example/some/page?x=1').slice(0, 3), [
    'https://blog.example/feed',
    'https://blog.example/rss.xml',
    'https://blog.example/atom.xml',
  ]);
});

test('YouTube pages lead to their feed: channel and playlist ids from the URL, others from the page', () => {
  const channel = 'UCabcdefghijklmnopqrstuv';
  const feeds = 'https://www.youtube.com/feeds/videos.xml';
  assert.equal(
    youTubeFeedFromUrl(`https://www.youtube.com/channel/${channel}/videos`),
    `${feeds}?channel_id=${channel}`,
  );
  assert.equal(youTubeFeedFromUrl(`https://m.youtube.com/channel/${channel}`), `${feeds}?channel_id=${channel}`);
  assert.equal(
    youTubeFeedFromUrl('https://www.youtube.com/playlist?list=PLtide-and_time'),
    `${feeds}?playlist_id=PLtide-and_time`,
  );
  assert.equal(youTubeFeedFromUrl('https://www.youtube.com/@harbour'), null, 'a handle page must be read');
  assert.equal(youTubeFeedFromUrl(`${feeds}?channel_id=${channel}`), null, 'the feed itself is no page');
  assert.equal(youTubeFeedFromUrl('https://example.com/channel/' + channel), null);
  // Recommendations name other channels with malformed or later ids; the page's own comes first.
  const page = `<script>{"channelId":"short","externalId":"${channel}"}</script><a href="/channel/UCzzzzzzzzzzzzzzzzzzzzzz">`;
  assert.equal(youTubeFeedFromPage(page), `${feeds}?channel_id=${channel}`);
  assert.equal(youTubeFeedFromPage('<title>No channel here</title>'), null);
});
