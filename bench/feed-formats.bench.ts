/**
 * Issue 10: parse time of the same entries in every format Tidings reads,
 * side by side in one run (ratios to RSS), with rss-parser (the reader this
 * pipeline replaced) as the reference for RSS and Atom. Then the off-thread
 * rule: while a 3 MB document of each format is parsed through
 * parseDocument, the longest the event loop is blocked, against what parsing
 * it on this thread would block.
 */
import Parser from 'rss-parser';
import { parseDocument } from '../src/main/core/feeds/parse-document';
import { parseHere } from '../src/main/core/feeds/parse-here';
import { atom, rss, type EntrySpec } from '../test/support/feeds';
import { median, printTable, ratio, timeRuns } from './measure';
import { watchStalls } from '../test/support/stall-watch';

function entries(count: number): EntrySpec[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `entry-${i}`,
    title: `Entry ${i} about tides &amp; harbours`,
    link: `https://bench.example/posts/${i}`,
    published: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
    content: `<p>${'Paragraph of feed content with <b>markup</b> and <a href="/x">a link</a>. '.repeat(6)}</p>`,
  }));
}

function jsonFeed(list: EntrySpec[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Bench feed',
    items: list.map((entry) => ({
      id: entry.id,
      url: entry.link,
      title: entry.title.replace('&amp;', '&'),
      date_published: entry.published,
      content_html: entry.content,
    })),
  });
}

function hFeed(list: EntrySpec[]): string {
  const body = list
    .map(
      (entry) => `<article class="h-entry"><h2 class="p-name">${entry.title}</h2>
  <a class="u-url" href="${entry.link}">link</a> <time class="dt-published" datetime="${entry.published}">then</time>
  <div class="e-content">${entry.content}</div></article>`,
    )
    .join('\n');
  return `<!doctype html><html><head><title>Bench feed</title></head><body><div class="h-feed">${body}</div></body></html>`;
}

const formats = {
  RSS: (list: EntrySpec[]) => rss('Bench feed', list),
  Atom: (list: EntrySpec[]) => atom('Bench feed', list),
  'JSON Feed': jsonFeed,
  'h-feed': hFeed,
};

const here = (text: string) =>
  parseHere({ text, url: 'https://bench.example/', contentType: null, contentLocation: null });

async function longestBlock(work: () => Promise<unknown>): Promise<number> {
  const stalls = watchStalls(1);
  await work();
  return stalls.stop();
}

export default async function feedFormats(): Promise<void> {
  const small = entries(100);
  const rssParser = new Parser();
  const runs = 15;
  const rows: Array<Record<string, string | number>> = [];
  let floor = 0;
  for (const [name, make] of Object.entries(formats)) {
    const text = make(small);
    const ms = median(await timeRuns(() => here(text), runs, 3));
    if (name === 'RSS') floor = ms;
    rows.push({
      case: `${name}, 100 entries`,
      KB: Math.round(text.length / 1024),
      'median ms': ms,
      'vs RSS': ratio(ms, floor),
    });
    if (name === 'RSS' || name === 'Atom') {
      const reference = median(await timeRuns(() => rssParser.parseString(text), runs, 3));
      rows.push({
        case: `  rss-parser, same ${name}`,
        KB: '',
        'median ms': reference,
        'vs RSS': ratio(reference, floor),
      });
    }
  }
  printTable(rows);

  const big: Array<Record<string, string | number>> = [];
  for (const [name, make] of Object.entries(formats)) {
    let count = 1000;
    while (make(entries(count)).length < 3 * 1024 * 1024) count = Math.ceil(count * 1.3);
    const text = make(entries(count));
    await parseDocument({ text, url: 'https://bench.example/' }); // the worker is warm
    const onThread = median(await timeRuns(() => here(text), 3, 1));
    const blocks: number[] = [];
    for (let i = 0; i < 3; i++)
      blocks.push(await longestBlock(() => parseDocument({ text, url: 'https://bench.example/' })));
    big.push({
      case: `${name}, ${(text.length / 1024 / 1024).toFixed(1)} MB`,
      'on this thread ms': onThread,
      'longest block via parseDocument ms': median(blocks),
      'block vs on-thread': ratio(median(blocks), onThread),
    });
  }
  printTable(big);
  console.log(`runs: ${runs} (small), 3 (3 MB); a block is the longest gap between 1 ms timer ticks`);
}
