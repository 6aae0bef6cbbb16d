/**
 * The longest time the event loop could not run anything while some work ran:
 * the figure behind "an API call is answered promptly" (issue 15: no block over
 * ~50 ms). Shared by every bench that compares hostile input with quiet input.
 *
 * It uses Node's own event-loop delay histogram (perf_hooks), sampling every
 * millisecond: a synchronous stretch of N ms shows as a delay of about N ms.
 * The work runs in this process (a core started in the bench), so what is
 * measured is exactly the thread that would answer the API.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { printTable, ratio } from './measure';

export interface BlockReport<T> {
  value: T;
  /** Longest single block, ms. */
  longestMs: number;
  /** 99th percentile of the per-millisecond delays, ms. */
  p99Ms: number;
  /** Wall time of the whole work, ms. */
  wallMs: number;
}

export async function measureEventLoopBlock<T>(work: () => Promise<T> | T): Promise<BlockReport<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  // Let a pending turn finish, so an earlier bench's tail isn't counted here.
  await new Promise((resolve) => setImmediate(resolve));
  histogram.enable();
  // The histogram drops its first interval: let it take two samples before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 3));
  const start = performance.now();
  try {
    const value = await work();
    const wallMs = performance.now() - start;
    // One more turn, so a block at the very end of the work is sampled too.
    await new Promise((resolve) => setTimeout(resolve, 2));
    histogram.disable();
    return { value, longestMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, wallMs };
  } finally {
    histogram.disable();
  }
}

export interface BlockComparison {
  /** What the row measures ("import a 20,000-feed OPML"). */
  work: string;
  quiet: { label: string; longestMs: number; wallMs: number };
  hostile: { label: string; longestMs: number; wallMs: number };
}

/** One table: the longest block on quiet and on hostile input, side by side, and their ratio. */
export function printBlockComparison(rows: BlockComparison[]): void {
  printTable(
    rows.flatMap((row) => [
      {
        work: row.work,
        input: row.quiet.label,
        'longest block ms': row.quiet.longestMs,
        'wall ms': row.quiet.wallMs,
        'vs quiet': '1.00x',
      },
      {
        work: '',
        input: row.hostile.label,
        'longest block ms': row.hostile.longestMs,
        'wall ms': row.hostile.wallMs,
        'vs quiet': ratio(row.hostile.longestMs, row.quiet.longestMs),
      },
    ]),
  );
  console.log('goal: no block over ~50 ms on any input (issue 15)');
}
