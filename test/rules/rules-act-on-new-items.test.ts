import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../support/fixture-server';
import { withTestCore } from '../support/test-core';
import { startTestHub } from '../support/test-hub';
import { addFeed, withPushCore } from '../websub/push-core';
import type { EventPayloads, ItemSummary } from '../../src/shared/api';
import { htmlToRuleText, maxRuleTextLength } from '../../src/main/core/rules/rule-text';

interface Entry {
  id: string;
  title: string;
  author?: string;
  content?: string;
}

/** RSS with authors (dc:creator), which the shared helper leaves out. */
function feedXml(title: string, entries: Entry[]): string {
  return `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${title}</title>
<link>http://127.0.0.1/</link>${entries
    .map(
      (
        e,
      ) => `<item><title>${e.title}</title><guid isPermaLink="false">${e.id}</guid><link>http://127.0.0.1/${e.id}</link>
${e.author ? `<dc:creator>${e.author}</dc:creator>` : ''}<description><![CDATA[${e.content ?? `<p>${e.title}</p>`}]]></description></item>`,
    )
    .join('')}</channel></rss>`;
}

async function changingFeed(title: string, first: Entry[]) {
  let entries = first;
  const site = await startFixtureServer({
    '/feed.xml': (_req, res) =>
      void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml(title, entries)),
  });
  return { site, publish: (more: Entry[]) => void (entries = [...more, ...entries]) };
}

const byTitle = (items: ItemSummary[]) => Object.fromEntries(items.map((i) => [i.title, i]));

test('rules mark read, star and hide new items as a poll brings them; hidden ones are in no list, search or event', () =>
  withTestCore(async ({ core }) => {
    const { site, publish } = await changingFeed('Daily Bugle', [{ id: 'seed', title: 'Seed story' }]);
    try {
      const feedId = await addFeed(core, site.url('/feed.xml'));
      await core.saveRule({
        field: 'title',
        match: 'words',
        value: 'sponsor',
        actions: ['markRead'],
        scope: { all: true },
      });
      await core.saveRule({
        field: 'content',
        match: 'pattern',
        value: '\\bhalf[- ]price\\b',
        actions: ['star'],
        scope: { feedId },
      });
      await core.saveRule({
        field: 'author',
        match: 'words',
        value: '"Spam Bot"',
        actions: ['hide'],
        scope: { all: true },
      });
      await core.saveRule({
        field: 'any',
        match: 'words',
        value: 'cafe menu',
        actions: ['star'],
        scope: { all: true },
      });
      const events: EventPayloads['itemsAdded'][] = [];
      core.events.on('itemsAdded', (e) => events.push(e));

      publish([
        { id: 'n1', title: 'A word from our Sponsor' },
        { id: 'n2', title: 'Shoes', content: '<p>Everything <b>half-price</b> today</p>' },
        { id: 'n3', title: 'Buy now', author: 'spam bot' },
        { id: 'n4', title: 'Ordinary news', content: '<p>The price of half a loaf</p>' },
        { id: 'n5', title: 'Le Café', content: '<p>A new MENU for winter</p>' },
      ]);
      assert.equal((await core.refreshFeed({ feedId })).added, 5);

      const listed = byTitle((await core.listItems({ feedId })).items);
      assert.equal(listed['A word from our Sponsor']!.read, true, 'words ignore case');
      assert.equal(listed['Shoes']!.starred, true, 'a pattern over the text, not the markup');
      assert.equal(listed['Shoes']!.read, false);
      assert.equal(listed['Ordinary news']!.starred, false, 'no rule matched');
      assert.equal(listed['Le Café']!.starred, true, 'every word, in any field, accents ignored');
      assert.equal(listed['Buy now'], undefined, 'hidden');
      assert.deepEqual((await core.search({ query: 'Buy' })).items, []);
      assert.deepEqual(
        events.flatMap((e) => e.items.map((i) => i.title)).sort(),
        ['A word from our Sponsor', 'Le Café', 'Ordinary news', 'Seed story', 'Shoes'].filter(
          (t) => t !== 'Seed story',
        ),
      );
      const feed = (await core.listFeeds({})).find((f) => f.id === feedId)!;
      assert.equal(feed.unreadCount, 4, 'seed, shoes, ordinary, café: the hidden and the read one are not unread');
      // A hidden item stays stored, so the next fetch does not bring it back.
      assert.equal((await core.refreshFeed({ feedId })).added, 0);
    } finally {
      await site.close();
    }
  }));

test('rules act on pushed items too, and a notify rule names its items in itemsAdded', async () => {
  const hub = await startTestHub();
  try {
    await withPushCore(async ({ core }) => {
      hub.setTopic('alerts', { title: 'Status Page', entries: [{ id: 'old', title: 'All good' }] });
      const feedId = await addFeed(core, hub.topicUrl('alerts'));
      await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
      await hub.waitFor(() => hub.subscriptions('alerts')[0], 'subscribed');
      await core.saveRule({
        field: 'feed',
        match: 'words',
        value: 'status',
        actions: ['notify'],
        scope: { all: true },
      });
      await core.saveRule({
        field: 'title',
        match: 'pattern',
        value: '^resolved:',
        actions: ['markRead'],
        scope: { feedId },
      });
      const events: EventPayloads['itemsAdded'][] = [];
      core.events.on('itemsAdded', (e) => events.push(e));
      await hub.publish('alerts', [
        { id: 'p1', title: 'Outage in region one' },
        { id: 'p2', title: 'Resolved: outage in region two' },
      ]);
      await core.push.settle();
      const items = events.flatMap((e) => e.items);
      const outage = items.find((i) => i.title === 'Outage in region one')!;
      const resolved = items.find((i) => i.title.startsWith('Resolved'))!;
      assert.equal(resolved.read, true, 'the event carries the state rules gave');
      assert.equal(outage.read, false);
      assert.deepEqual(events.flatMap((e) => e.notifyItemIds ?? []).sort(), [outage.id, resolved.id].sort());
    });
  } finally {
    await hub.close();
  }
});

test(
  'a hostile pattern cannot stall the merge: RE2 matches in linear time; look-around and huge patterns are refused',
  { timeout: 60_000 },
  () =>
    withTestCore(async ({ core }) => {
      // With a backtracking engine this pattern over this title takes longer than the universe has left.
      const evil = `${'a'.repeat(5000)}!`;
      const { site, publish } = await changingFeed('Evil', [{ id: 'seed', title: 'Seed' }]);
      try {
        const feedId = await addFeed(core, site.url('/feed.xml'));
        await core.saveRule({
          field: 'title',
          match: 'pattern',
          value: '(a+)+$',
          actions: ['star'],
          scope: { all: true },
        });
        await core.saveRule({
          field: 'content',
          match: 'pattern',
          value: '(x+x+)+y',
          actions: ['star'],
          scope: { all: true },
        });
        publish([{ id: 'evil', title: evil, content: `<p>${'x'.repeat(50_000)}</p>` }]);
        assert.equal((await core.refreshFeed({ feedId })).added, 1);
        const stored = (await core.listItems({ feedId })).items.find((i) => i.title === evil)!;
        assert.equal(stored.starred, false, 'no match, found quickly');

        for (const value of ['foo(?=bar)', '(a)\\1', 'x'.repeat(501), '(unclosed']) {
          await assert.rejects(
            core.saveRule({ field: 'title', match: 'pattern', value, actions: ['star'], scope: { all: true } }),
            (error: { code: string; message: string }) => error.code === 'INVALID_INPUT' && error.message.length > 20,
            value.slice(0, 20),
          );
        }
        assert.equal((await core.listRules({})).length, 2, 'nothing half-stored');
      } finally {
        await site.close();
      }
    }),
);

test('rules keep to their feed or folder, run in order, can be moved and deleted, and can run once over stored items', () =>
  withTestCore(async ({ core }) => {
    const one = await changingFeed('Alpha', [
      { id: 'a1', title: 'Weekly deals' },
      { id: 'a2', title: 'Alpha news' },
    ]);
    const two = await changingFeed('Beta', [{ id: 'b1', title: 'Weekly deals too' }]);
    try {
      const alpha = await addFeed(core, one.site.url('/feed.xml'));
      const beta = await addFeed(core, two.site.url('/feed.xml'));
      const folder = await core.createFolder({ name: 'Shops' });
      await core.moveFeed({ feedId: beta, folderId: folder.id });

      const inFolder = await core.saveRule({
        field: 'title',
        match: 'words',
        value: 'deals',
        actions: ['markRead'],
        scope: { folderId: folder.id },
        applyToExisting: true,
      });
      assert.equal(inFolder.applied, 1, 'only the folder\u2019s item');
      const listedAlpha = byTitle((await core.listItems({ feedId: alpha })).items);
      assert.equal(listedAlpha['Weekly deals']!.read, false);
      assert.equal(byTitle((await core.listItems({ feedId: beta })).items)['Weekly deals too']!.read, true);

      const later = await core.saveRule({
        name: 'Stars',
        field: 'title',
        match: 'words',
        value: 'news',
        actions: ['star'],
        scope: { feedId: alpha },
      });
      const first = await core.saveRule({ ...later.rule, ruleId: later.rule.id, position: 0 });
      assert.deepEqual(
        (await core.listRules({})).map((r) => [r.id, r.position]),
        [
          [first.rule.id, 0],
          [inFolder.rule.id, 1],
        ],
      );
      assert.equal((await core.listRules({}))[0]!.name, 'Stars');
      assert.deepEqual(await core.deleteRule({ ruleId: inFolder.rule.id }), { deleted: true });
      assert.deepEqual(await core.deleteRule({ ruleId: inFolder.rule.id }), { deleted: false });
      assert.deepEqual(
        (await core.listRules({})).map((r) => r.position),
        [0],
      );

      // Off: it no longer acts; the item from before stays as it was.
      await core.saveRule({ ...first.rule, ruleId: first.rule.id, enabled: false });
      one.publish([{ id: 'a3', title: 'More news' }]);
      await core.refreshFeed({ feedId: alpha });
      assert.equal(byTitle((await core.listItems({ feedId: alpha })).items)['More news']!.starred, false);

      await assert.rejects(
        core.saveRule({ field: 'title', match: 'words', value: 'x', actions: ['star'], scope: { feedId: 9999 } }),
        { code: 'NOT_FOUND' },
      );
      await assert.rejects(
        core.saveRule({
          ruleId: 9999,
          field: 'title',
          match: 'words',
          value: 'x',
          actions: ['star'],
          scope: { all: true },
        }),
        { code: 'NOT_FOUND' },
      );
    } finally {
      await one.site.close();
      await two.site.close();
    }
  }));

test(
  'the text a rule reads drops markup, scripts and styles in linear time, whatever the HTML holds',
  { timeout: 20_000 },
  () => {
    assert.equal(
      htmlToRuleText(
        'Tide<script src=x>alert(1)</script> tables<STYLE>p{}</style > for <b>May</b> &amp; June<scripts>!',
      ),
      'Tide  tables  for  May  & June !',
    );
    // Raw markup at the size a rule reads, built to backtrack: every opener unclosed.
    for (const hostile of ['<'.repeat(2 * maxRuleTextLength), '<script>'.repeat(16_000), '<style>x'.repeat(16_000)]) {
      assert.ok(htmlToRuleText(hostile).length <= maxRuleTextLength);
    }
  },
);
