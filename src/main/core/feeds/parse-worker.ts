import { parentPort } from 'node:worker_threads';
import { parseHere, type JobResult } from './parse-here';
import { sliceResults, type Slice, type WorkerRequest } from './result-slices';

/**
 * The worker thread's side of parse-off-thread.ts: a batch of documents in,
 * their results out, in order. A result with many items comes back in slices
 * the parent asks for one at a time (result-slices.ts), so taking in 100,000
 * items never holds the parent's thread in one go. It keeps nothing between
 * batches but those slices, so any number of callers can share one worker.
 */
const waiting = new Map<number, Slice[]>();

parentPort?.on('message', (request: WorkerRequest) => {
  if ('next' in request) {
    const slices = waiting.get(request.id);
    const slice = slices?.shift();
    if (!slices || slices.length === 0) waiting.delete(request.id);
    parentPort!.postMessage({ id: request.id, slice: slice ?? null, more: (slices?.length ?? 0) > 0 });
    return;
  }
  const results: JobResult[] = request.jobs.map(parseHere);
  const { first, rest } = sliceResults(results);
  if (rest.length > 0) waiting.set(request.id, rest);
  parentPort!.postMessage({ id: request.id, results: first, more: rest.length > 0 });
});
