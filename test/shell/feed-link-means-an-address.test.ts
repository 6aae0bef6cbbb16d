import { test } from 'node:test';
import assert from 'node:assert/strict';
import { feedLinkInArgv, parseFeedLink } from '../../src/main/shell/feed-link';

const means = (link: string) => {
  const parsed = parseFeedLink(link);
  assert.ok(parsed.ok, `${link}: ${parsed.ok ? '' : parsed.problem}`);
  return parsed.url;
};
const refused = (link: string) => {
  const parsed = parseFeedLink(link);
  assert.equal(parsed.ok, false, `${link} should be refused, got ${parsed.ok ? parsed.url : ''}`);
  return parsed.ok ? '' : parsed.problem;
};

test('feed: with an address inside means exactly that address', () => {
  assert.equal(means('feed:https://x.example/y'), 'https://x.example/y');
  assert.equal(means('feed:http://x.example/y?format=rss#top'), 'http://x.example/y?format=rss#top');
  assert.equal(means('FEED:HTTPS://X.example/Feed'), 'https://x.example/Feed');
  assert.equal(means('  feed:https://x.example/y\n'), 'https://x.example/y');
  assert.equal(
    means('feed:https://user:secret@x.example:8443/private.xml'),
    'https://user:secret@x.example:8443/private.xml',
  );
  // Pages that percent-encode the whole address.
  assert.equal(means('feed:https%3A%2F%2Fx.example%2Ffeed%3Fa%3D1'), 'https://x.example/feed?a=1');
});

test('feed:// and feed: without slashes mean http, feeds: means https', () => {
  assert.equal(means('feed://x/y'), 'http://x/y');
  assert.equal(means('feed:x/y'), 'http://x/y');
  assert.equal(means('feed://x.example'), 'http://x.example/');
  assert.equal(means('feed:localhost:8080/rss.xml'), 'http://localhost:8080/rss.xml');
  assert.equal(means('feed://[::1]:8080/rss'), 'http://[::1]:8080/rss');
  assert.equal(means('feeds://x/y'), 'https://x/y');
  assert.equal(means('feeds:x/y'), 'https://x/y');
  assert.equal(means('feeds:https://x/y'), 'https://x/y');
  assert.equal(means('Feeds://X.example/a b'), 'https://x.example/a%20b');
});

test('a doubled scheme is read as the address it plainly is', () => {
  assert.equal(means('feed://https://x.example/y'), 'https://x.example/y');
  assert.equal(means('feed://http://x.example/y'), 'http://x.example/y');
  assert.equal(means('feed://https//x.example/y'), 'https://x.example/y');
});

test('bad feed links are refused with a sentence', () => {
  assert.match(refused('feed:'), /empty/);
  assert.match(refused('feed://'), /empty/);
  assert.match(refused('feeds:'), /empty/);
  assert.match(refused('feed:javascript:alert(1)'), /javascript: address; Tidings follows only http and https/);
  assert.match(refused('feed:file:///etc/passwd'), /file: address/);
  assert.match(refused('feed:data:text/html,hi'), /data: address/);
  assert.match(refused('feed:ftp://x.example/rss'), /ftp: address/);
  assert.match(refused('feed:feed://x.example/rss'), /feed: address/);
  assert.match(refused('feed:///etc/passwd'), /no host/);
  assert.match(refused('feed:https://'), /no host|valid/);
  assert.match(refused('feed:https:///etc/passwd'), /no host/);
  assert.match(refused('feed://exa mple.com/rss'), /valid web address/);
  assert.match(refused('feed:https%3A%2F%2F%E0%A4%A'), /valid web address/);
  assert.match(refused('feed://x.example/\u0000rss'), /characters/);
  assert.match(refused(`feed://x.example/${'a'.repeat(5000)}`), /too long/);
  assert.match(refused('https://x.example/rss'), /not a feed: link/);
  assert.match(refused('mailto:someone@x.example'), /not a feed: link/);
  assert.match(refused(''), /not a feed: link/);
});

test('the feed link is found among a command line, whatever Chromium adds around it', () => {
  assert.equal(feedLinkInArgv(['/opt/Tidings/tidings', '--hidden', 'feed://x/y']), 'feed://x/y');
  assert.equal(
    feedLinkInArgv(['C:\\Tidings\\Tidings.exe', '--allow-file-access-from-files', 'feeds:https://x/y', '--flag']),
    'feeds:https://x/y',
  );
  assert.equal(feedLinkInArgv(['electron', '.', 'FEED:x/y']), 'FEED:x/y');
  assert.equal(feedLinkInArgv(['/opt/Tidings/tidings', '--hidden']), null);
  assert.equal(feedLinkInArgv(['feed://the-executable-itself']), null);
});
