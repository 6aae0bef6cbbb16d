import type { NormalisedItem } from './normalise-item';
import type { DocumentJob, JobResult } from './parse-here';

/**
 * How many items cross from the parse worker in one message. Taking in a
 * message is native work on the receiving thread (structured clone) that
 * nothing can interrupt: 100,000 items in one message held it ~100 ms, a
 * slice of this size holds it about 2 ms.
 */
export const sliceItems = 2000;

export type WorkerRequest = { id: number; jobs: DocumentJob[] } | { id: number; next: true };
export type Slice = { index: number; items: NormalisedItem[] };
export type WorkerAnswer =
  { id: number; results: JobResult[]; more: boolean } | { id: number; slice: Slice | null; more: boolean };

/**
 * A batch's results as a first message holding at most `sliceItems` items in
 * all, and the rest as slices of that size, each saying whose items it carries
 * (results in order, each one's items in order). The parent appends them.
 */
export function sliceResults(results: JobResult[], size = sliceItems): { first: JobResult[]; rest: Slice[] } {
  let budget = size;
  const rest: Slice[] = [];
  const first = results.map((result, index) => {
    if (!result.ok) return result;
    const items = result.feed.items;
    const kept = Math.max(0, Math.min(budget, items.length));
    budget -= kept;
    if (kept === items.length) return result;
    for (let at = kept; at < items.length; at += size) rest.push({ index, items: items.slice(at, at + size) });
    return { ok: true as const, feed: { ...result.feed, items: items.slice(0, kept) } };
  });
  return { first, rest };
}
