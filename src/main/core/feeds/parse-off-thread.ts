import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

/**
 * rss-parser in a worker thread, for big documents: a 3 MB feed blocks the
 * thread that parses it for 60-100 ms and a 20 MB one for most of a second
 * (PERFORMANCE.md, TOOLCHAIN.md), and in Electron that thread is the main
 * process, which also answers the window and the hubs.
 *
 * The worker is plain CommonJS given as source and requires rss-parser by the
 * path resolved here, so it works the same under tsx, in the esbuild host
 * bundle and in the electron-vite main bundle, with no extra build entry.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Parser = require(workerData.rssParserPath);
const parser = new Parser(workerData.options);
parentPort.on('message', ({ id, text }) => {
  parser.parseString(text).then(
    (feed) => parentPort.postMessage({ id, feed }),
    (error) => parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
`;

export interface OffThreadParser {
  /** Resolves with rss-parser's result, or rejects with its error message. */
  parse(text: string): Promise<unknown>;
  /** How many documents were parsed in the worker (tests). */
  count(): number;
  close(): Promise<void>;
}

type Pending = { resolve(feed: unknown): void; reject(error: Error): void };

export function createOffThreadParser(options: object): OffThreadParser {
  const rssParserPath = createRequire(import.meta.url).resolve('rss-parser');
  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let parsed = 0;

  const failAll = (error: Error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };

  function start(): Worker {
    const started = new Worker(workerSource, { eval: true, workerData: { rssParserPath, options } });
    started.on('message', ({ id, feed, error }: { id: number; feed?: unknown; error?: string }) => {
      const job = pending.get(id);
      if (!job) return;
      pending.delete(id);
      parsed++;
      if (error === undefined) job.resolve(feed);
      else job.reject(new Error(error));
      // An idle worker never keeps the process alive.
      if (pending.size === 0) started.unref();
    });
    started.on('error', (error) => {
      worker = null;
      failAll(error);
    });
    started.on('exit', () => {
      if (worker === started) worker = null;
      failAll(new Error('The feed parser stopped.'));
    });
    return started;
  }

  return {
    parse(text) {
      worker ??= start();
      worker.ref();
      const id = nextId++;
      const running = worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        running.postMessage({ id, text });
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
