import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestHost } from '../support/test-host';
import { startFixtureServer, send } from '../support/fixture-server';
import { rss } from '../support/feeds';
import { articlePage } from '../support/article-pages';
import { png } from '../support/images';
import { keyList } from '../../src/renderer/src/keys';

const docs = join(import.meta.dirname, '..', '..', 'docs');
const shoot = async (page: Page, name: string) => {
  if (process.env.TIDINGS_SCREENSHOT) await page.screenshot({ path: join(docs, `${name}.png`) });
};

interface Box {
  text: string;
  left: number;
  right: number;
  top: number;
  height: number;
  clipped: boolean;
}

/** The feed header's boxes as Chromium lays them out: the name, each action, and the header itself. */
async function headerBoxes(page: Page): Promise<{ header: Box; name: Box; actions: Box[] }> {
  // Given as source: tsx would wrap a nested function with a helper the page does not have.
  return page.evaluate(`(() => {
    const header = document.querySelector('.items .feed-header');
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { text: (el.textContent || '').trim(), left: r.left, right: r.right, top: r.top, height: r.height,
        clipped: el.scrollWidth > el.clientWidth + 1 };
    };
    return {
      header: box(header),
      name: box(header.querySelector('.feed-header-name')),
      actions: [...header.querySelectorAll('.actions > *')].map(box),
    };
  })()`);
}

test('first day: icons in the sidebar, rows and reader; star and reader view buttons; the header fits at 720 and 1280 px; ? lists every key; a rules panel', async () => {
  const site = await startFixtureServer();
  const icon = png(32, [214, 92, 28]);
  site.route(
    '/',
    send(`<!doctype html><html><head><link rel="icon" href="/icon.png"></head><body></body></html>`, 'text/html'),
  );
  site.route('/icon.png', send(icon, 'image/png'));
  site.route('/news/images/breakwater.jpg', send(png(64, [90, 140, 190]), 'image/png'));
  site.route('/news/breakwater', send(articlePage('Harbour commission approves the breakwater plan', 6), 'text/html'));
  site.route(
    '/feed.xml',
    send(
      rss('Accessibility Engineering', [
        {
          id: 'b1',
          title: 'Harbour commission approves the breakwater plan',
          link: site.url('/news/breakwater'),
          published: '2026-11-22T07:00:00Z',
          content: '<p>The commission met on Tuesday. (Only the opening: the reader view has the rest.)</p>',
        },
        { id: 'b2', title: 'Ferry timetable for the winter', published: '2026-11-21T07:00:00Z' },
      ]).replace('<link>https://example.org/</link>', `<link>${site.origin}/</link>`),
    ),
  );
  site.route(
    '/plain.xml',
    send(
      rss('Quay Bulletin', [{ id: 'q1', title: 'Winter timetable starts Monday', published: '2026-11-20T06:00:00Z' }]),
    ),
  );
  const t = await startTestHost({ noPush: true });
  const browser = await launchChromium();
  try {
    const added = await t.core.addFeed({ url: site.url('/feed.xml') });
    const plain = await t.core.addFeed({ url: site.url('/plain.xml') });
    assert.ok('feed' in added && 'feed' in plain);
    const feedId = added.feed.id;
    const iconUrl = `data:image/png;base64,${icon.toString('base64')}`;
    for (let i = 0; i < 400 && (await t.core.listFeeds({})).find((f) => f.id === feedId)?.iconUrl !== iconUrl; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await t.core.saveRule({
      field: 'title',
      match: 'words',
      value: 'timetable',
      actions: ['markRead'],
      scope: { all: true },
    });

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(t.host.url);

    // Icons: the feed's own in the sidebar, a letter tile for the feed without one.
    const sidebarIcon = page.locator(`.feeds [data-feed-id="${feedId}"] img.feed-icon`);
    await sidebarIcon.waitFor();
    assert.equal(await sidebarIcon.getAttribute('src'), iconUrl);
    assert.equal(
      (await page.locator(`.feeds [data-feed-id="${plain.feed.id}"] .letter-tile`).textContent())?.trim(),
      'Q',
    );
    assert.ok(
      await sidebarIcon.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth === 32),
      'drawn',
    );

    await page.locator(`.feeds [data-feed-id="${feedId}"]`).click();
    const row = page.getByRole('option', { name: /Harbour commission/ });
    assert.equal(await row.locator('img.feed-icon').getAttribute('src'), iconUrl, 'in item rows');

    // The header at 1280 and 720 px: the name whole, the actions on one row inside the header.
    for (const width of [1280, 720]) {
      await page.setViewportSize({ width, height: 800 });
      const { header, name, actions } = await headerBoxes(page);
      assert.equal(name.text, 'Accessibility Engineering');
      assert.ok(!name.clipped, `${width}px: the name is not cut (${JSON.stringify(name)})`);
      assert.ok(actions.length >= 4, `${width}px: ${actions.map((a) => a.text).join(' | ')}`);
      for (const action of actions) {
        assert.ok(
          Math.abs(action.top + action.height / 2 - (actions[0]!.top + actions[0]!.height / 2)) <= 2,
          `${width}px: "${action.text}" is on the row`,
        );
        assert.ok(action.height <= 34, `${width}px: "${action.text}" does not wrap (${action.height}px)`);
        assert.ok(
          action.left >= header.left && action.right <= header.right,
          `${width}px: "${action.text}" is inside the header`,
        );
        assert.ok(!action.clipped, `${width}px: "${action.text}" is not cut`);
      }
      assert.ok(name.top + name.height <= actions[0]!.top + 1, `${width}px: the name has its own row`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    // The reader pane: its header shows the icon; a star button; the full article by button and by v.
    await row.click();
    const reader = page.getByRole('article', { name: 'Reader' });
    await reader.getByText('Only the opening').waitFor();
    assert.equal(await reader.locator('.byline img.feed-icon').getAttribute('src'), iconUrl);
    const star = reader.getByRole('button', { name: 'Star', exact: true });
    assert.equal(await star.getAttribute('aria-pressed'), 'false');
    await star.click();
    await reader.locator('button[aria-pressed="true"]', { hasText: '★ Starred' }).waitFor();
    const itemId = Number(await row.getAttribute('data-item-id'));
    assert.equal((await t.core.getItem({ itemId })).starred, true);

    await reader.getByRole('button', { name: 'Full article' }).click();
    await reader.getByText(/Paragraph 6\. The harbour commission/).waitFor();
    assert.equal(await reader.locator('.content').getByText('Most read').count(), 0);
    await shoot(page, 'reader-view');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'reader-view-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('v');
    await reader.getByText('Only the opening').waitFor();
    await page.keyboard.press('v');
    await reader.getByText(/Paragraph 6\./).waitFor();

    // ? lists every key there is.
    await page.keyboard.press('?');
    const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await keys.waitFor();
    for (const { key, does } of keyList) {
      assert.equal(
        await keys.locator('kbd', { hasText: new RegExp(`^${key.replace(/[?/]/g, '\\$&')}$`) }).count(),
        1,
        key,
      );
      await keys.getByText(does, { exact: true }).waitFor();
    }
    await page.keyboard.press('Escape');
    await keys.waitFor({ state: 'detached' });

    // The rules panel: the stored rule, and a new one added through the form.
    await page.getByRole('button', { name: 'Rules' }).click();
    const panel = page.getByRole('dialog', { name: 'Rules' });
    await panel.getByText('Title contains timetable: mark read').waitFor();
    await panel.getByRole('button', { name: 'Add a rule' }).click();
    await panel.getByLabel('Field').selectOption('content');
    await panel.getByLabel('Match').selectOption('pattern');
    await panel.getByLabel('Pattern').fill('(?=x)');
    await panel.getByLabel('Star').check();
    await panel.getByRole('button', { name: 'Save rule' }).click();
    await panel
      .getByRole('alert')
      .getByText(/can't be used/)
      .waitFor();
    await panel.getByLabel('Pattern').fill('\\bbreakwater\\b');
    await panel.getByLabel('Name').fill('Breakwater news');
    await panel.getByRole('button', { name: 'Save rule' }).click();
    await panel.getByText('Breakwater news').waitFor();
    assert.deepEqual(
      (await t.core.listRules({})).map((r) => r.name),
      ['Title contains timetable: mark read', 'Breakwater news'],
    );
    await panel.getByRole('button', { name: 'Move Breakwater news up' }).click();
    await panel.locator('li').first().getByText('Breakwater news').waitFor();
    await shoot(page, 'rules-panel');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'rules-panel-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Editing keeps the rule's place: the title's words instead of a pattern, hide, in one feed, applied to what is here.
    await panel.getByRole('button', { name: 'Edit Breakwater news' }).click();
    const form = panel.getByRole('form', { name: 'Edit rule' });
    assert.equal(await form.getByLabel('Pattern').inputValue(), '\\bbreakwater\\b');
    await form.getByLabel('Field').selectOption('title');
    await form.getByLabel('Match').selectOption('words');
    await form.getByLabel('Words').fill('breakwater plan');
    assert.equal(await form.getByLabel('Mark read').isChecked(), true, 'a new rule marks read unless told otherwise');
    await form.getByLabel('Mark read').uncheck();
    await form.getByLabel('Star').uncheck();
    await form.getByLabel('Hide').check();
    await form.getByLabel('Scope').selectOption({ label: 'Accessibility Engineering' });
    await form.getByLabel('Also apply to the items already here').check();
    await form.getByRole('button', { name: 'Save rule' }).click();
    await form.waitFor({ state: 'detached' });
    const edited = (await t.core.listRules({}))[0]!;
    assert.deepEqual(
      { name: edited.name, field: edited.field, match: edited.match, value: edited.value, actions: edited.actions },
      { name: 'Breakwater news', field: 'title', match: 'words', value: 'breakwater plan', actions: ['hide'] },
    );
    assert.deepEqual(edited.scope, { feedId });
    await row.waitFor({ state: 'detached' });
    assert.equal((await t.core.listItems({ feedId })).items.length, 1, 'the stored item is hidden now');

    // Switched off, a rule stays listed but no longer acts.
    await panel.getByLabel('Breakwater news on').uncheck();
    await panel.locator('li.off', { hasText: 'Breakwater news' }).waitFor();
    assert.equal((await t.core.listRules({}))[0]!.enabled, false);

    await panel.getByRole('button', { name: 'Delete Breakwater news' }).click();
    await panel.getByText('Breakwater news').waitFor({ state: 'detached' });
    assert.equal((await t.core.listRules({})).length, 1);
  } finally {
    await browser.close();
    await t.close();
    await site.close();
  }
});
