import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, send } from '../support/fixture-server';
import { withTestCore } from '../support/test-core';
import { addFeed } from '../websub/push-core';
import { rss } from '../support/feeds';
import { articlePage, linksPage, paywallPage } from '../support/article-pages';
import { eventually } from '../support/eventually';
import { hasPaywallSigns } from '../../src/main/core/article/paywall-signs';

const page = (html: string) => send(html, 'text/html; charset=utf-8');

async function library() {
  const site = await startFixtureServer();
  const stories = {
    story: site.url('/news/2026/breakwater.html'),
    paywall: site.url('/premium/story'),
    payment: site.url('/payment-required'),
    empty: site.url('/index'),
    pdf: site.url('/report.pdf'),
    missing: site.url('/gone'),
  };
  site.route('/news/2026/breakwater.html', page(articlePage('Harbour commission approves the breakwater plan')));
  site.route('/premium/story', page(paywallPage('What the commission decided')));
  site.route(
    '/payment-required',
    (_req, res) => void res.writeHead(402, { 'content-type': 'text/html' }).end('<p>Pay</p>'),
  );
  site.route('/index', page(linksPage()));
  site.route('/report.pdf', send(Buffer.from('%PDF-1.7 not really'), 'application/pdf'));
  site.route(
    '/feed.xml',
    send(
      rss(
        'Harbour Times',
        Object.entries(stories).map(([id, link]) => ({ id, title: `Item ${id}`, link })),
      ),
    ),
  );
  return { site, stories };
}

test('the reader view reads the item\u2019s page with Readability in a worker, stores it, and opens it again offline', () =>
  withTestCore(async ({ core }) => {
    const { site, stories } = await library();
    const feedId = await addFeed(core, site.url('/feed.xml'));
    const items = (await core.listItems({ feedId })).items;
    const story = items.find((i) => i.link === stories.story)!;
    const article = await core.extractArticle({ itemId: story.id });
    assert.equal(article.title, 'Harbour commission approves the breakwater plan', 'the site name is dropped');
    assert.equal(article.byline, 'Ada Lovelace');
    assert.equal(article.url, stories.story);
    assert.match(article.contentHtml, /Paragraph 12\. The harbour commission/);
    assert.doesNotMatch(
      article.contentHtml,
      /Most read|Privacy|tracked|<script/i,
      'the page around the article is left out',
    );
    assert.match(
      article.contentHtml,
      new RegExp(`src="${site.origin}/news/2026/images/breakwater.jpg"`),
      'images made absolute',
    );
    assert.match(
      article.contentHtml,
      new RegExp(`href="${site.origin}/news/reports/breakwater.html"`),
      'links made absolute',
    );

    // Stored with the item: with the site gone, it still opens.
    await site.close();
    assert.deepEqual(await core.extractArticle({ itemId: story.id }), article);
  }));

test('pages that cannot be read say why: paywall, payment, no article, not a web page, no page, gone', () =>
  withTestCore(async ({ core }) => {
    const { site, stories } = await library();
    try {
      const feedId = await addFeed(core, site.url('/feed.xml'));
      const items = (await core.listItems({ feedId })).items;
      const idOf = (link: string) => items.find((i) => i.link === link)!.id;
      const expect = async (link: string, code: string, words: RegExp) =>
        assert.rejects(core.extractArticle({ itemId: idOf(link) }), (error: { code: string; message: string }) => {
          assert.equal(error.code, code, link);
          assert.match(error.message, words);
          return true;
        });
      await expect(stories.paywall, 'PAYWALLED', /subscribers/);
      await expect(stories.payment, 'PAYWALLED', /402/);
      await expect(stories.empty, 'NO_ARTICLE_FOUND', /No article was found/);
      await expect(stories.pdf, 'NO_ARTICLE_FOUND', /PDF/);
      await expect(stories.missing, 'HTTP_ERROR', /404/);
      await assert.rejects(core.extractArticle({ itemId: 999_999 }), { code: 'NOT_FOUND' });
    } finally {
      await site.close();
    }
  }));

test('feeds set to always show the full article have their new items read ahead, so they open offline', () =>
  withTestCore(async ({ core }) => {
    const site = await startFixtureServer();
    let entries = [{ id: 'old', title: 'Old', link: site.url('/old') }];
    site.route('/old', page(articlePage('The old story of the harbour wall')));
    site.route('/new', page(articlePage('The new story of the harbour wall')));
    site.route(
      '/feed.xml',
      (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Ahead', entries)),
    );
    try {
      const feedId = await addFeed(core, site.url('/feed.xml'));
      await core.updateSettings({ fullArticleFeedIds: [feedId] });
      entries = [{ id: 'new', title: 'New', link: site.url('/new') }, ...entries];
      await core.refreshFeed({ feedId });
      await eventually(() => site.requests.some((r) => r.path === '/new'), 'the page read ahead');
      const fresh = (await core.listItems({ feedId })).items.find((i) => i.title === 'New')!;
      await new Promise((resolve) => setTimeout(resolve, 50));
      await eventually(async () => {
        const before = site.requests.length;
        const article = await core.extractArticle({ itemId: fresh.id });
        return site.requests.length === before && article.title === 'The new story of the harbour wall';
      }, 'the stored article');
      assert.ok(!site.requests.some((r) => r.path === '/old'), 'items from before the setting are left alone');
    } finally {
      await site.close();
    }
  }));

test(
  'paywall signs are found in linear time: 2 MB of unclosed <meta openers cannot stall the window',
  { timeout: 20_000 },
  () => {
    // Ordinary pages, as publishers write them.
    assert.equal(hasPaywallSigns('<META name="access" CONTENT="Premium"><p>Subscribe to read on</p>'), true);
    assert.equal(
      hasPaywallSigns('<meta content="premium"><p>A free article</p>'),
      false,
      'the meta alone is not enough',
    );
    assert.equal(hasPaywallSigns('<meta name="a"><meta property="x" content=\'locked\'> paywall'), true);
    assert.equal(hasPaywallSigns('<meta name="description" content="premium coffee"> subscribe'), false);
    // The attack, at the size the check reads (2 MB); the old pattern took 730 ms on 120 KB, fourfold per doubling.
    assert.equal(hasPaywallSigns('<meta '.repeat(350_000) + 'subscribe'), false);
    assert.equal(hasPaywallSigns(`<meta content="locked" ${'x'.repeat(2_000_000)}`), false, 'a tag that never closes');
  },
);
