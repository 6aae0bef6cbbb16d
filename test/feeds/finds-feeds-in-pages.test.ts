import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFeedLinks, guessFeedUrls } from '../../src/main/core/feeds/find-feed-links';
import { htmlHeadLinks } from '../../src/main/core/feeds/html-head-links';

const page = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'two-feeds.html'), 'utf8');

test('a page with two alternate links offers both, resolved, in page order; links in <body> are ignored', () => {
  assert.deepEqual(findFeedLinks(page, 'https://marina.example/blog/'), [
    { url: 'https://marina.example/posts.rss', title: 'Marina posts (RSS)', type: 'application/rss+xml' },
    { url: 'https://marina.example/blog/comments.atom', title: 'Marina comments (Atom)', type: 'application/atom+xml' },
  ]);
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
