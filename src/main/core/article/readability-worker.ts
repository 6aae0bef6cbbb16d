import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

/**
 * Mozilla's Readability over a linkedom DOM, in a worker thread: a big page
 * takes a few hundred milliseconds to read (the bench measures it), and in
 * Electron the thread that would do it is the main process.
 *
 * Like the feed parser's worker (feeds/parse-off-thread.ts), the worker is
 * CommonJS given as source and requires both libraries by paths resolved here,
 * so it starts the same under tsx, in the esbuild host bundle and in the
 * electron-vite main bundle, with no extra build entry.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { parseHTML } = require(workerData.linkedomPath);
const { Readability, isProbablyReaderable } = require(workerData.readabilityPath);

// linkedom has no notion of the page's address: make every link and image absolute first.
const urlAttributes = { a: ['href'], area: ['href'], img: ['src'], source: ['src'], video: ['src', 'poster'], audio: ['src'], track: ['src'] };
function absolutise(document, pageUrl) {
  let base = pageUrl;
  const baseElement = document.querySelector('base[href]');
  if (baseElement) {
    try { base = new URL(baseElement.getAttribute('href'), pageUrl).href; } catch {}
  }
  for (const [tag, names] of Object.entries(urlAttributes)) {
    for (const element of document.querySelectorAll(tag)) {
      for (const name of names) {
        const value = element.getAttribute(name);
        if (value === null) continue;
        try { element.setAttribute(name, new URL(value.trim(), base).href); } catch { element.removeAttribute(name); }
      }
      const srcset = element.getAttribute('srcset');
      if (srcset !== null) {
        const fixed = srcset.split(',').map((part) => {
          const [url, ...rest] = part.trim().split(/\\s+/);
          try { return [new URL(url, base).href, ...rest].join(' '); } catch { return ''; }
        }).filter(Boolean).join(', ');
        element.setAttribute('srcset', fixed);
      }
    }
  }
}

parentPort.on('message', ({ id, html, url }) => {
  try {
    const { document } = parseHTML(html);
    absolutise(document, url);
    const readerable = isProbablyReaderable(document);
    const article = new Readability(document, { keepClasses: false }).parse();
    parentPort.postMessage({
      id,
      result: article
        ? { readerable, title: article.title || '', byline: article.byline || null, contentHtml: article.content || '', textLength: article.length || 0 }
        : { readerable, title: '', byline: null, contentHtml: '', textLength: 0 },
    });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

export interface ReadResult {
  /** Readability's own guess that the page has an article at all. */
  readerable: boolean;
  title: string;
  byline: string | null;
  contentHtml: string;
  /** Characters of text in the article. */
  textLength: number;
}

export interface ArticleReader {
  /** Reads the page's article; rejects when the worker fails or takes longer than `timeoutMs` (it is then restarted). */
  read(html: string, url: string): Promise<ReadResult>;
  /** Pages read in the worker (tests). */
  count(): number;
  close(): Promise<void>;
}

type Pending = { resolve(result: ReadResult): void; reject(error: Error): void; timer: NodeJS.Timeout };

export class ArticleReadTimeout extends Error {}

export function createArticleReader(timeoutMs = 30_000): ArticleReader {
  const resolveHere = createRequire(import.meta.url);
  const workerData = {
    linkedomPath: resolveHere.resolve('linkedom'),
    readabilityPath: resolveHere.resolve('@mozilla/readability'),
  };
  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let read = 0;

  const settle = (id: number) => {
    const job = pending.get(id);
    if (job) {
      pending.delete(id);
      clearTimeout(job.timer);
    }
    return job;
  };
  const failAll = (error: Error) => {
    for (const id of [...pending.keys()]) settle(id)?.reject(error);
  };

  function start(): Worker {
    // A hostile page that exhausts the heap kills this worker alone; the next read starts another.
    const started = new Worker(workerSource, {
      eval: true,
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: 768 },
    });
    started.on('message', ({ id, result, error }: { id: number; result?: ReadResult; error?: string }) => {
      const job = settle(id);
      if (!job) return;
      read++;
      if (result) job.resolve(result);
      else job.reject(new Error(error ?? 'unreadable page'));
      // An idle worker never keeps the process alive.
      if (pending.size === 0) started.unref();
    });
    started.on('error', (error) => {
      if (worker === started) worker = null;
      failAll(error);
    });
    started.on('exit', () => {
      if (worker === started) worker = null;
      failAll(new Error('The article reader stopped.'));
    });
    return started;
  }

  return {
    read(html, url) {
      worker ??= start();
      worker.ref();
      const id = nextId++;
      const running = worker;
      return new Promise((resolve, reject) => {
        // A page that keeps Readability busy this long is given up on, and the worker with it.
        const timer = setTimeout(() => {
          settle(id);
          reject(new ArticleReadTimeout());
          if (worker === running) worker = null;
          void running.terminate();
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        running.postMessage({ id, html, url });
      });
    },
    count: () => read,
    async close() {
      const running = worker;
      worker = null;
      await running?.terminate();
    },
  };
}
