/**
 * Issue 15: the longest event-loop block while the core does big work from
 * outside, each beside the same work on quiet input, in one run: adding a
 * 10 MB feed (100,000 <script> openers' worth of hostile markup vs a 60 KB
 * ordinary feed), importing a 20,000-feed OPML (vs 200 feeds) and refreshing
 * all of them while every fetch fails at once, and merging a
 * signed 100,000-entry ping (vs a 10-entry one). The work runs in this
 * process: what blocks here would delay every API answer. Goal: ~50 ms.
 */
import { startFixtureServer, send } from '../test/support/fixture-server';
import { startTestCore } from '../test/support/test-core';
import { startTestHub } from '../test/support/test-hub';
import { atom, compactAtom } from '../test/support/feeds';
import { measureEventLoopBlock, printBlockComparison, type BlockComparison } from './event-loop-block';

const entries = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, title: `Entry ${i} of ${prefix}` }));

function opml(feeds: number): string {
  const lines: string[] = [];
  for (let i = 0; i < feeds; i++) {
    lines.push(`<outline type="rss" text="Feed ${i}" xmlUrl="http://127.0.0.1:9/${i}.xml" category="/F${i % 40}"/>`);
  }
  return `<opml version="2.0"><body>${lines.join('\n')}</body></opml>`;
}

async function addFeedRow(): Promise<BlockComparison> {
  const quiet = atom('Quiet', entries(60, 'q'));
  const hostile = atom('Hostile', [{ id: 'h', title: 'Openers', content: '<script>'.repeat(1_250_000) }]);
  const site = await startFixtureServer({
    '/quiet.xml': send(quiet, 'application/atom+xml'),
    '/hostile.xml': send(hostile, 'application/atom+xml'),
  });
  const row = async (path: string) => {
    const t = await startTestCore({ fetchOptions: { timeoutMs: 30_000 } });
    try {
      return await measureEventLoopBlock(() => t.core.addFeed({ url: site.url(path) }));
    } finally {
      await t.close();
    }
  };
  try {
    const q = await row('/quiet.xml');
    const h = await row('/hostile.xml');
    return {
      work: 'add a feed',
      quiet: { label: `${Math.round(quiet.length / 1024)} KB, 60 items`, ...q },
      hostile: { label: `${(hostile.length / 1e6).toFixed(1)} MB of <script> openers`, ...h },
    };
  } finally {
    await site.close();
  }
}

/** Importing an OPML until every feed is fetched, then Refresh all of them: both rows from the same cores. */
async function opmlRows(): Promise<BlockComparison[]> {
  const row = async (feeds: number) => {
    const t = await startTestCore({ fetchOptions: { timeoutMs: 1_000 } });
    try {
      let finished = false;
      const off = t.core.events.on('importProgress', (progress) => (finished ||= progress.finished));
      try {
        // The import, then its background fetches to the last (each fails at once: port 9 is closed).
        const imported = await measureEventLoopBlock(async () => {
          await t.core.importOpml({ text: opml(feeds) });
          while (!finished) await new Promise((resolve) => setTimeout(resolve, 20));
        });
        // What an offline user with that library meets on Refresh all: every poll fails at once.
        const refreshed = await measureEventLoopBlock(() => t.core.refreshAll({}));
        return { imported, refreshed };
      } finally {
        off();
      }
    } finally {
      await t.close();
    }
  };
  const q = await row(200);
  const h = await row(20_000);
  return [
    {
      work: 'import an OPML (until every feed is fetched)',
      quiet: { label: '200 feeds', ...q.imported },
      hostile: { label: '20,000 feeds', ...h.imported },
    },
    {
      work: 'Refresh all, every feed failing at once',
      quiet: { label: '200 feeds', ...q.refreshed },
      hostile: { label: '20,000 feeds', ...h.refreshed },
    },
  ];
}

async function pingRow(): Promise<BlockComparison> {
  const row = async (count: number) => {
    const hub = await startTestHub();
    const t = await startTestCore({ allowHttpSecret: true });
    try {
      t.core.push.setPublicBaseUrl(t.core.push.callbackOrigin());
      hub.setTopic('big', { entries: [] });
      await t.core.addFeed({ url: hub.topicUrl('big') });
      const subscription = await hub.waitFor(() => hub.subscriptions('big')[0], 'the subscription', 15_000);
      const body = compactAtom(count, `p${count}-`);
      return await measureEventLoopBlock(async () => {
        const status = await hub.deliver(subscription, body, 'application/atom+xml');
        if (status < 200 || status > 299) throw new Error(`the ping of ${count} entries was answered ${status}`);
        const until = Date.now() + 300_000;
        for (;;) {
          const total = (await t.core.listFeeds({})).reduce((sum, f) => sum + f.unreadCount, 0);
          if (total >= count) return;
          if (Date.now() > until) throw new Error(`only ${total} of ${count} entries stored after 300 s`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });
    } finally {
      await t.close();
      await hub.close();
    }
  };
  const q = await row(10);
  const h = await row(100_000);
  return {
    work: 'merge a signed ping (until stored)',
    quiet: { label: '10 entries', ...q },
    hostile: { label: `100,000 entries (${(compactAtom(100_000, 'p100000-').length / 1e6).toFixed(1)} MB)`, ...h },
  };
}

export default async function hostileInput(): Promise<void> {
  printBlockComparison([await addFeedRow(), ...(await opmlRows()), await pingRow()]);
}
