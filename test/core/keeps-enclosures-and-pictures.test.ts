import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer, send } from '../support/fixture-server';
import { withTestCore } from '../support/test-core';

const podcast = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'formats', 'podcast.rss'));

test('enclosures, Media RSS groups, durations and thumbnails reach Item through the contract', () =>
  withTestCore(async ({ core }) => {
    const site = await startFixtureServer({ '/podcast.rss': send(podcast) });
    try {
      const added = await core.addFeed({ url: site.url('/podcast.rss') });
      assert.ok('feed' in added);
      const summaries = (await core.listItems({ feedId: added.feed.id })).items;
      const byTitle = new Map(
        await Promise.all(summaries.map(async (s) => [s.title, await core.getItem({ itemId: s.id })] as const)),
      );
      const knots = byTitle.get('Episode 1: Knots')!;
      assert.deepEqual(knots.enclosures, [
        {
          url: 'https://cdn.radio.example/1.mp3',
          type: 'audio/mpeg',
          length: 12345678,
          title: null,
          durationSeconds: 3723,
        },
      ]);
      assert.equal(knots.imageUrl, 'https://radio.example/1.jpg');
      const video = byTitle.get('Episode 2: Harbour video')!;
      assert.deepEqual(video.enclosures, [
        {
          url: 'https://cdn.radio.example/2.mp4',
          type: 'video/mp4',
          length: 9000000,
          title: 'Harbour at dusk',
          durationSeconds: 95,
        },
      ]);
      assert.equal(video.imageUrl, 'https://radio.example/2.jpg');
      assert.equal(video.summary, 'Boats coming home.');
    } finally {
      await site.close();
    }
  }));
