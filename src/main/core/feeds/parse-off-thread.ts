import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentJob, JobResult } from './parse-here';
import type { WorkerAnswer } from './result-slices';

/**
 * The whole parse, every format, in a worker thread: a 3 MB feed blocks the
 * thread that parses it for 60-100 ms and a 20 MB one for most of a second
 * (PERFORMANCE.md), and in Electron that thread is the main process, which
 * also answers the window and the hubs.
 *
 * Batches: one message carries any number of documents and one answer brings
 * their results back in order, so parsing many small pings costs one round
 * trip. The worker holds no state; one per process serves every caller.
 *
 * Results with many items come back in slices (result-slices.ts), each asked
 * for on a later turn of this thread's event loop: a message is taken in
 * whole, and a 100,000-item one held this thread ~100 ms.
 *
 * Where the worker's code is: `parse-worker.js` beside the bundle that runs
 * (both builds emit it as an entry of its own: out/host/, out/main/), or, from
 * source under tsx (tests, benches), `parse-worker.ts` beside this file.
 */
export interface OffThreadParser {
  parse(jobs: readonly DocumentJob[]): Promise<JobResult[]>;
  /** How many documents the worker has parsed (tests). */
  count(): number;
  close(): Promise<void>;
}

type Pending = {
  jobs: number;
  results: JobResult[] | null;
  resolve(results: JobResult[]): void;
  reject(error: Error): void;
};

/** A worker that runs out of memory on a hostile document dies alone; the next batch starts a new one. */
const workerHeapMb = 1024;

export function createOffThreadParser(): OffThreadParser {
  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let parsed = 0;

  const failAll = (error: Error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };

  function start(): Worker {
    const { url, execArgv } = workerEntry();
    const started = new Worker(url, { execArgv, resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } });
    const done = (id: number, job: Pending, results: JobResult[]) => {
      pending.delete(id);
      parsed += results.length;
      job.resolve(results);
      // An idle worker never keeps the process alive.
      if (pending.size === 0) started.unref();
    };
    // The next slice is asked for on a later turn, so what else waits (an API call, a hub) runs between.
    const askNext = (id: number) => setImmediate(() => pending.has(id) && started.postMessage({ id, next: true }));
    started.on('message', (answer: WorkerAnswer) => {
      const job = pending.get(answer.id);
      if (!job) return;
      if ('results' in answer) job.results = answer.results;
      else if (answer.slice && job.results) {
        const result = job.results[answer.slice.index];
        if (result?.ok) for (const item of answer.slice.items) result.feed.items.push(item);
      }
      if (answer.more) askNext(answer.id);
      else done(answer.id, job, job.results ?? []);
    });
    started.on('error', (error) => {
      if (worker === started) worker = null;
      failAll(error);
    });
    started.on('exit', () => {
      if (worker === started) worker = null;
      failAll(new Error('the parser stopped'));
    });
    return started;
  }

  return {
    parse(jobs) {
      if (jobs.length === 0) return Promise.resolve([]);
      worker ??= start();
      worker.ref();
      const id = nextId++;
      const running = worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { jobs: jobs.length, results: null, resolve, reject });
        running.postMessage({ id, jobs });
      });
    },
    count: () => parsed,
    async close() {
      const running = worker;
      worker = null;
      await running?.terminate();
    },
  };
}

/** `execArgv` undefined: the worker inherits the process's own (filtered by Node to what a worker accepts). */
function workerEntry(): { url: URL; execArgv: string[] | undefined } {
  for (const candidate of ['./parse-worker.js', '../parse-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return { url, execArgv: undefined };
  }
  // A bundle without its worker file is a build mistake: say so rather than reach for the sources.
  if (!import.meta.url.endsWith('.ts')) throw new Error(`parse-worker.js is missing beside ${import.meta.url}`);
  // From source: the worker needs tsx too, which the parent has unless it was started some other way.
  const hasTsx = process.execArgv.some((arg) => arg.includes('tsx'));
  return { url: new URL('./parse-worker.ts', import.meta.url), execArgv: hasTsx ? undefined : ['--import', 'tsx'] };
}
