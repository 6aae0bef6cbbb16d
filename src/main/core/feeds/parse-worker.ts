import { parentPort } from 'node:worker_threads';
import { parseHere, type DocumentJob, type JobResult } from './parse-here';

/**
 * The worker thread's side of parse-off-thread.ts: a batch of documents in,
 * their results out, in order. It keeps no state between messages, so any
 * number of callers can share one worker.
 */
parentPort?.on('message', ({ id, jobs }: { id: number; jobs: DocumentJob[] }) => {
  const results: JobResult[] = jobs.map(parseHere);
  parentPort!.postMessage({ id, results });
});
