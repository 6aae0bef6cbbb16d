import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, send } from '../support/fixture-server';
import { withTestCore } from '../support/test-core';

const whole = `<?xml version="1.0"?><rss version="2.0"><channel><title>Cut and whole</title>
<item><guid>urn:cut:1</guid><title>First</title><description>All of it.</description></item>
<item><guid>urn:cut:2</guid><title>Second</title><description>The whole second text.</description></item>
<item><title>Third</title><link>http://cut.example/3</link><description>Three.</description><guid>urn:cut:3</guid></item>
</channel></rss>`;

test('a feed served cut short keeps what it can; once whole, the cut entry is updated and nothing comes twice', () =>
  withTestCore(async ({ core }) => {
    // Cut inside the second entry's text, then inside the third (after its link, before its guid).
    let body = whole.slice(0, whole.indexOf('second text'));
    const site = await startFixtureServer({
      '/feed.xml': (req, res) => send(body, 'application/rss+xml')(req, res, Buffer.alloc(0)),
    });
    try {
      const added = await core.addFeed({ url: site.url('/feed.xml') });
      assert.ok('feed' in added, 'a feed cut short is still a feed');
      const feedId = added.feed.id;
      const texts = async () =>
        Promise.all(
          (await core.listItems({ feedId })).items.map(async (item) => {
            const full = await core.getItem({ itemId: item.id });
            return `${full.title}: ${full.summary}`;
          }),
        );
      assert.deepEqual((await texts()).sort(), ['First: All of it.', 'Second: The whole'].sort());

      body = whole.slice(0, whole.indexOf('<guid>urn:cut:3'));
      await core.refreshFeed({ feedId });
      assert.deepEqual((await texts()).sort(), ['First: All of it.', 'Second: The whole second text.'].sort());

      body = whole;
      await core.refreshFeed({ feedId });
      assert.deepEqual(
        (await texts()).sort(),
        ['First: All of it.', 'Second: The whole second text.', 'Third: Three.'].sort(),
      );
    } finally {
      await site.close();
    }
  }));
