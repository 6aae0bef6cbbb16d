import { AppError } from '../app-error';
import type { CoreContext, MethodsPart } from '../context';
import { decodeBody } from '../feeds/decode-body';
import { assertOk } from '../feeds/fetch-url';
import { sniffDocument } from '../feeds/sniff-document';
import { createHostLimiter } from '../poller/host-limiter';
import type { Article } from '../../../shared/api';
import { createArticlesRepo } from './articles-repo';
import { hasPaywallSigns, teaserLength } from './paywall-signs';
import { ArticleReadTimeout, createArticleReader } from './readability-worker';

export interface ArticleTuning {
  maxPageBytes: number;
  timeoutMs: number;
  /** How long Readability may take over one page before it is given up on. */
  readTimeoutMs: number;
}

export const defaultArticleTuning: ArticleTuning = {
  maxPageBytes: 5 * 1024 * 1024,
  timeoutMs: 20_000,
  readTimeoutMs: 30_000,
};

export interface ArticlePart extends MethodsPart<'extractArticle'> {
  /** Reads these items' articles in the background (new items of "always full article" feeds), politely. */
  prefetch(itemIds: readonly number[]): void;
  /** Pages read in the worker (tests). */
  readCount(): number;
  close(): Promise<void>;
}

/** Shorter than this, what Readability found is not an article (Readability's own threshold). */
const minArticleLength = 140;
/** A page Readability itself doubts needs more text than that to count. */
const minDoubtfulLength = 500;

/**
 * The reader view: an item's page fetched with the usual limits, read by
 * Readability in a worker thread, and stored with the item (table articles),
 * so it opens at once and offline from then on. Failures are said in words:
 * no page, not a web page, a paywall, no article on it.
 */
export function createArticleMethods(ctx: CoreContext, tuning: Partial<ArticleTuning> = {}): ArticlePart {
  const limits = { ...defaultArticleTuning, ...tuning };
  const repo = createArticlesRepo(ctx.db);
  const reader = createArticleReader(limits.readTimeoutMs);
  const running = new Map<number, Promise<Article>>();
  const background = createHostLimiter({ total: 2, perHost: 1 });
  let closed = false;

  async function extract(itemId: number): Promise<Article> {
    const item = ctx.library.items.get(itemId);
    if (!item) throw new AppError('NOT_FOUND', 'That item is no longer stored.');
    if (!item.link) throw new AppError('NO_ARTICLE_FOUND', 'This item has no web page to read the article from.');
    const resource = await ctx.fetcher(item.link, {
      maxBytes: limits.maxPageBytes,
      timeoutMs: limits.timeoutMs,
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.3' },
    });
    const host = new URL(resource.url).host;
    if (resource.status === 401 || resource.status === 402) {
      throw new AppError(
        'PAYWALLED',
        `${host} shows this page only to subscribers or signed-in readers (it answered ${resource.status}). Open it in the browser instead.`,
      );
    }
    assertOk(resource);
    const type = (resource.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const html = decodeBody(resource.body, resource.headers.get('content-type'));
    if ((type && type !== 'text/html' && type !== 'application/xhtml+xml') || sniffDocument(html) !== 'html') {
      const what =
        type === 'application/pdf' ? 'a PDF' : type ? `a file of type ${type}` : 'something other than a web page';
      throw new AppError('NO_ARTICLE_FOUND', `${host} sent ${what}, not a web page with an article to read.`);
    }
    let result;
    try {
      result = await reader.read(html, resource.url);
    } catch (error) {
      if (error instanceof ArticleReadTimeout) {
        throw new AppError('TIMEOUT', `The page at ${host} took too long to read. Open it in the browser instead.`);
      }
      ctx.log(`article of item ${itemId} could not be read`, error);
      throw new AppError('NO_ARTICLE_FOUND', `The page at ${host} could not be read as an article.`);
    }
    if (result.textLength < teaserLength && hasPaywallSigns(html)) {
      throw new AppError(
        'PAYWALLED',
        `The article at ${host} is for subscribers: the page shows only its opening. Open it in the browser to sign in.`,
      );
    }
    if (result.textLength < (result.readerable ? minArticleLength : minDoubtfulLength)) {
      throw new AppError('NO_ARTICLE_FOUND', `No article was found on the page at ${host}.`);
    }
    const article: Article = {
      contentHtml: result.contentHtml,
      title: result.title.trim() || item.title,
      byline: result.byline?.trim() || item.author,
      url: resource.url,
    };
    // The item may have been removed (its feed unfollowed) while its page was read.
    if (ctx.library.items.get(itemId)) repo.store(itemId, article, ctx.clock.now());
    return article;
  }

  function extractShared(itemId: number): Promise<Article> {
    const stored = repo.get(itemId);
    if (stored) return Promise.resolve(stored);
    let job = running.get(itemId);
    if (!job) {
      job = extract(itemId).finally(() => running.delete(itemId));
      running.set(itemId, job);
    }
    return job;
  }

  return {
    extractArticle: ({ itemId }) => extractShared(itemId),
    prefetch(itemIds) {
      for (const itemId of itemIds) {
        const link = ctx.library.items.get(itemId)?.link;
        if (!link || repo.get(itemId)) continue;
        void background
          .run(new URL(link).host, () => (closed ? Promise.resolve(null) : extractShared(itemId)))
          .catch((error: unknown) => ctx.log(`article of item ${itemId} was not prefetched`, error));
      }
    },
    readCount: () => reader.count(),
    async close() {
      closed = true;
      await Promise.allSettled(running.values());
      await reader.close();
    },
  };
}
