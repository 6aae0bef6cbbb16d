import { AppError } from '../app-error';
import { hostOf } from './formats/xml-feed';
import { parseHere, type DocumentJob, type JobResult } from './parse-here';
import { createOffThreadParser, type OffThreadParser } from './parse-off-thread';
import type { ParsedFeed } from './parsed-feed';
import { sniffDocument } from './sniff-document';

export type { FeedLink, FeedFormat, ParsedFeed } from './parsed-feed';

export interface DocumentInput {
  /** The body: text already decoded, or the raw bytes as they came (decoded by BOM, charset, prolog, byte pattern). */
  text: string | Uint8Array;
  /** Where it came from, after redirects: the base of its relative URLs (unless Content-Location moves it). */
  url: string;
  contentType?: string | null;
  /** The response headers (only Content-Location is read here; Link headers are WebSub's). */
  headers?: Headers | Record<string, string | null | undefined>;
}

/**
 * Documents this big or bigger (pages: offThreadHtmlBytes) are parsed in the worker thread, every format:
 * on this thread, parsing and normalising 128 KB takes a few ms (hostile markup: ~25 ms), so
 * nothing parsed here blocks the event loop anywhere near 50 ms.
 */
export const offThreadBytes = 128 * 1024;
/**
 * An HTML page costs several times what XML or JSON of its size does (a DOM,
 * then the microformats parser: a 118 KB h-feed page took 55 ms on this
 * thread, hostile markup of that size 300 ms), so pages go at this size.
 */
export const offThreadHtmlBytes = 16 * 1024;

// One worker for the whole process, started on first need and idle (unref'd)
// otherwise: it holds no state, so every core in the process can share it.
let offThread: OffThreadParser | null = null;
export const offThreadParser = (): OffThreadParser => (offThread ??= createOffThreadParser());

/**
 * The one entry point for parsing a feed document of any format: RSS 0.9x-2.0,
 * RSS 1.0 (RDF), Atom 0.3/1.0, JSON Feed 1.0/1.1, an h-feed HTML page. Sniffs
 * what it is (not trusting Content-Type), reads it with its format's module
 * (formats/*), resolves relative URLs and cleans item HTML, and throws only an
 * AppError: NOT_A_FEED when the input is not a feed at all, MALFORMED_FEED
 * naming what is wrong when it is one that cannot be read.
 */
export async function parseDocument(input: DocumentInput): Promise<ParsedFeed> {
  const [result] = await parseDocuments([input]);
  return unwrap(result!);
}

/**
 * Many documents at once (pings arriving together): parsed on this thread when
 * they are small in total, else in one message to the worker. Each result is
 * the ParsedFeed or the AppError that document got; the batch never fails as a whole.
 */
export async function parseDocuments(inputs: readonly DocumentInput[]): Promise<Array<ParsedFeed | AppError>> {
  const jobs = inputs.map(toJob);
  const size = jobs.reduce((total, job) => total + weightOf(job), 0);
  let results: JobResult[];
  if (size < offThreadBytes) {
    results = jobs.map(parseHere);
  } else {
    try {
      results = await offThreadParser().parse(jobs);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      results = jobs.map((job) => ({
        ok: false as const,
        code: 'MALFORMED_FEED' as const,
        message: `The feed at ${hostOf(job.url)} could not be read (${reason}).`,
      }));
    }
  }
  return results.map((result) => (result.ok ? result.feed : new AppError(result.code, result.message)));
}

/** A document's size as the off-thread rule counts it: HTML weighs as much as XML eight times its size. */
function weightOf(job: DocumentJob): number {
  const head =
    typeof job.text === 'string'
      ? job.text
      : Buffer.from(job.text.buffer, job.text.byteOffset, Math.min(job.text.byteLength, 4096)).toString('latin1');
  const html = job.text.length >= offThreadHtmlBytes && sniffDocument(head) === 'html';
  return html ? job.text.length * (offThreadBytes / offThreadHtmlBytes) : job.text.length;
}

function unwrap(result: ParsedFeed | AppError): ParsedFeed {
  if (result instanceof AppError) throw result;
  return result;
}

function toJob(input: DocumentInput): DocumentJob {
  const headers = input.headers;
  const contentLocation =
    headers instanceof Headers ? headers.get('content-location') : (headers?.['content-location'] ?? null);
  const contentType =
    input.contentType ?? (headers instanceof Headers ? headers.get('content-type') : headers?.['content-type']) ?? null;
  // A Buffer from Node's pool shares its memory with others: send a plain copy of exactly its bytes.
  const text = typeof input.text === 'string' ? input.text : new Uint8Array(input.text);
  return { text, url: input.url, contentType, contentLocation };
}
