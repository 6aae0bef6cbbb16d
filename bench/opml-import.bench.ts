/**
 * Issue 6: importing a 2,000-feed OPML file (40 folders), up to the stored
 * subscription list (before any fetch), as a ratio to parsing the same file
 * alone, measured in the same run. Goal: under 2 s. Export of the same library
 * is shown too. Feeds point at a closed local port so the background fetches
 * that follow each import end at once and cost the next run nothing.
 */
import { parseOpml } from '../src/main/core/opml/parse-opml';
import { startTestCore } from '../test/support/test-core';
import { median, memoryMb, printTable, ratio, timeRuns } from './measure';

function bigOpml(feeds: number, folders: number): string {
  const lines: string[] = [];
  const perFolder = feeds / folders;
  for (let f = 0; f < folders; f++) {
    lines.push(`    <outline text="Folder ${f} &amp; friends" title="Folder ${f} &amp; friends">`);
    for (let i = 0; i < perFolder; i++) {
      const n = f * perFolder + i;
      lines.push(
        `      <outline type="rss" text="Feed number ${n} about tides" title="Feed number ${n} about tides" ` +
          `xmlUrl="http://127.0.0.1:9/site-${n}/feed.xml" htmlUrl="https://site-${n}.example.org/"/>`,
      );
    }
    lines.push('    </outline>');
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head><title>Bench</title></head>\n  <body>\n${lines.join('\n')}\n  </body>\n</opml>\n`;
}

export default async function opmlImport(): Promise<void> {
  const text = bigOpml(2000, 40);
  const runs = 7;
  const parse = await timeRuns(() => parseOpml(text), runs, 2);

  const store: number[] = [];
  const exportTimes: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t = await startTestCore({ fetchOptions: { timeoutMs: 1_000 } });
    const start = performance.now();
    const result = await t.core.importOpml({ text });
    const took = performance.now() - start;
    if (result.added !== 2000) throw new Error(`expected 2000 feeds stored, got ${result.added}`);
    const exportStart = performance.now();
    await t.core.exportOpml({});
    const exportTook = performance.now() - exportStart;
    if (i > 0) {
      // The first run warms the JIT and the SQLite statements' code paths.
      store.push(took);
      exportTimes.push(exportTook);
    }
    await t.close();
  }

  const floor = median(parse);
  printTable([
    {
      case: `parse alone (${Math.round(text.length / 1024)} KB, 2,000 feeds)`,
      'median ms': floor,
      'vs parse': '1.00x',
    },
    {
      case: 'importOpml: parse + store list + folders',
      'median ms': median(store),
      'vs parse': ratio(median(store), floor),
    },
    {
      case: 'exportOpml of the same library',
      'median ms': median(exportTimes),
      'vs parse': ratio(median(exportTimes), floor),
    },
  ]);
  console.log(`goal: import under 2000 ms; worst run ${Math.max(...store).toFixed(0)} ms; ${memoryMb()}`);
}
