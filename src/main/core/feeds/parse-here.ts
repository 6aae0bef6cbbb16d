import { AppError } from '../app-error';
import { decodeBody } from './decode-body';
import { isJsonFeed, readJsonFeed } from './formats/json-feed';
import { readHFeed } from './formats/h-feed';
import { hostOf, readXmlFeed } from './formats/xml-feed';
import type { ParsedFeed } from './parsed-feed';
import { sniffDocument } from './sniff-document';
import { parseXmlTree } from './xml/xml-tree';

/** One document to parse, in a form that crosses to a worker thread as is (structured clone). */
export interface DocumentJob {
  /** Decoded text, or the raw bytes (decoded here, by BOM, charset, prolog and byte pattern). */
  text: string | Uint8Array;
  /** Where the document came from, after redirects. */
  url: string;
  contentType: string | null;
  /** The response's Content-Location, which moves the base of relative URLs (RFC 7231 §3.1.4.2). */
  contentLocation: string | null;
}

/** The outcome of one job; errors are data, so a batch never fails as a whole. */
export type JobResult =
  { ok: true; feed: ParsedFeed } | { ok: false; code: 'NOT_A_FEED' | 'MALFORMED_FEED'; message: string };

/**
 * The whole parse of one document on the calling thread: decode, sniff, read
 * by format (formats/*), normalise. Only NOT_A_FEED or MALFORMED_FEED ever
 * comes out of it; anything else a document provokes is reported as malformed.
 */
export function parseHere(job: DocumentJob): JobResult {
  try {
    return { ok: true, feed: parseOrThrow(job) };
  } catch (error) {
    if (error instanceof AppError && (error.code === 'NOT_A_FEED' || error.code === 'MALFORMED_FEED')) {
      return { ok: false, code: error.code, message: error.message };
    }
    const detail = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : String(error);
    return {
      ok: false,
      code: 'MALFORMED_FEED',
      message: `The feed at ${hostOf(job.url)} could not be read (${detail}).`,
    };
  }
}

function parseOrThrow(job: DocumentJob): ParsedFeed {
  const text = typeof job.text === 'string' ? job.text : decodeBody(job.text, job.contentType);
  const base = baseOf(job);
  const type = (job.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  switch (sniffDocument(text)) {
    case 'feed':
      return readXmlFeed(parseXmlTree(text, base), base);
    case 'json': {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        const detail = error instanceof Error ? error.message.slice(0, 120) : '';
        if (type === 'application/feed+json' || /"version"\s*:\s*"https?:\/\/jsonfeed\.org/.test(text.slice(0, 4096))) {
          throw new AppError('MALFORMED_FEED', `The JSON Feed at ${hostOf(job.url)} is not valid JSON (${detail}).`);
        }
        throw new AppError('NOT_A_FEED', `What ${hostOf(job.url)} sent is not an RSS, Atom or JSON feed.`);
      }
      if (isJsonFeed(json) || type === 'application/feed+json') return readJsonFeed(json, base);
      throw new AppError(
        'NOT_A_FEED',
        `${hostOf(job.url)} sent JSON that is not a JSON Feed (it names no jsonfeed.org version).`,
      );
    }
    case 'html':
      return readHFeed(text, base);
    default:
      if (!text.trim()) throw new AppError('NOT_A_FEED', `${hostOf(job.url)} sent an empty document.`);
      throw new AppError('NOT_A_FEED', `What ${hostOf(job.url)} sent is not an RSS, Atom or JSON feed.`);
  }
}

function baseOf(job: DocumentJob): string {
  if (!job.contentLocation) return job.url;
  try {
    return new URL(job.contentLocation.trim(), job.url).href;
  } catch {
    return job.url;
  }
}
