/**
 * Issue 2: a 500-item feed served locally. Fetch + parse + store, and a
 * re-fetch with no changes (with and without a 304), each as a ratio to
 * parsing the same document alone, measured in the same run.
 */
import { parseDocument } from '../src/main/core/feeds/parse-document';

const parseFeed = (text: string, url: string) => parseDocument({ text, url });
import { startFixtureServer } from '../test/support/fixture-server';
import { startTestCore } from '../test/support/test-core';
import { rss } from '../test/support/feeds';
import { median, memoryMb, printTable, ratio, timeRuns } from './measure';

export default async function feedIngest(): Promise<void> {
  const items = Array.from({ length: 500 }, (_, i) => ({
    id: `item-${i}`,
    title: `Item number ${i} about tides and harbours`,
    published: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
    content: `<p>${'Paragraph of feed content with <b>markup</b>. '.repeat(8)}</p>`,
  }));
  const body = rss('Bench feed', items);
  let etag = false;
  const server = await startFixtureServer({
    '/feed.xml': (req, res) => {
      if (etag && req.headers['if-none-match'] === '"same"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', ...(etag ? { etag: '"same"' } : {}) }).end(body);
    },
  });
  const runs = 15;
  try {
    const parse = await timeRuns(() => parseFeed(body, server.url('/feed.xml')), runs, 3);

    const add: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = await startTestCore();
      const start = performance.now();
      await t.core.addFeed({ url: server.url('/feed.xml') });
      add.push(performance.now() - start);
      await t.close();
    }

    const t = await startTestCore();
    const added = await t.core.addFeed({ url: server.url('/feed.xml') });
    const feedId = 'feed' in added ? added.feed.id : 0;
    const unchanged = await timeRuns(() => t.core.refreshFeed({ feedId }), runs, 2);
    etag = true;
    await t.core.refreshFeed({ feedId }); // stores the ETag
    const notModified = await timeRuns(() => t.core.refreshFeed({ feedId }), runs, 2);
    await t.close();

    const floor = median(parse);
    printTable([
      {
        case: `parse alone (${Math.round(body.length / 1024)} KB, 500 items)`,
        'median ms': floor,
        'vs parse': '1.00x',
      },
      { case: 'add: fetch + parse + store', 'median ms': median(add), 'vs parse': ratio(median(add), floor) },
      {
        case: 're-fetch, unchanged (200)',
        'median ms': median(unchanged),
        'vs parse': ratio(median(unchanged), floor),
      },
      {
        case: 're-fetch, unchanged (304)',
        'median ms': median(notModified),
        'vs parse': ratio(median(notModified), floor),
      },
    ]);
    console.log(`runs: ${runs} each; ${memoryMb()}`);
  } finally {
    await server.close();
  }
}
