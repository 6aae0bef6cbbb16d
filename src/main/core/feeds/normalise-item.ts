import { createHash } from 'node:crypto';
import type { Enclosure } from '../../../shared/api';
import { textPreview } from './html/html-to-text';

/**
 * What a format reader (formats/*) makes of one entry, whatever the format:
 * text already plain, HTML already resolved and cleaned (html/rewrite-html.ts),
 * URLs absolute. Normalising it is then the same for every format.
 */
export interface ItemDraft {
  /** The entry's own identity: RSS guid, Atom id, JSON Feed id, h-entry uid. */
  id: string | null;
  link: string | null;
  /** Plain text; empty when the entry has none. */
  title: string;
  author: string | null;
  publishedAt: number | null;
  contentHtml: string;
  /** Plain text of the entry's own summary; empty when it has none (the content's text is used). */
  summaryText: string;
  enclosures: Enclosure[];
  imageUrl: string | null;
  /**
   * Keyed by its content rather than its link: an h-entry whose only URL is a
   * fragment of the page itself (`#quote-0`), which shifts as posts are added.
   */
  keyByContent?: boolean;
}

export interface NormalisedItem {
  /** Stable identity within its feed: `id:` the entry's id, else `link:` its link, else `hash:` of its text. */
  key: string;
  title: string;
  link: string | null;
  author: string | null;
  publishedAt: number | null;
  summary: string;
  contentHtml: string;
  enclosures: Enclosure[];
  imageUrl: string | null;
  /** Changes when the item's text changes, so an edit updates the stored copy. */
  contentHash: string;
}

const summaryLength = 300;

/** The drafts of one document, keyed: entries with neither id nor link that share all their text are told apart by order. */
export function normaliseItems(drafts: readonly ItemDraft[]): NormalisedItem[] {
  const hashKeys = new Map<string, number>();
  return drafts.filter(hasAnything).map((draft) => {
    const item = normaliseItem(draft);
    if (item.key.startsWith('hash:')) {
      const seen = hashKeys.get(item.key) ?? 0;
      hashKeys.set(item.key, seen + 1);
      if (seen > 0) item.key = `${item.key}#${seen + 1}`;
    }
    return item;
  });
}

/** An entry with no id, link, title, text or file (`<item></item>`, a cut-off last entry) is no item. */
function hasAnything(draft: ItemDraft): boolean {
  return Boolean(
    draft.id?.trim() ||
    draft.link ||
    draft.title ||
    draft.contentHtml.trim() ||
    draft.summaryText ||
    draft.enclosures.length,
  );
}

function normaliseItem(draft: ItemDraft): NormalisedItem {
  const summary = truncate(draft.summaryText || textPreview(draft.contentHtml, summaryLength), summaryLength);
  const title = draft.title || truncate(summary, 80) || '(untitled)';
  const { link, author, publishedAt, contentHtml, enclosures, imageUrl } = draft;
  const contentHash = sha1(
    [title, link ?? '', author ?? '', contentHtml, JSON.stringify(enclosures), imageUrl ?? ''].join('\u0000'),
  );
  const id = draft.id?.trim();
  const key = id
    ? `id:${id}`
    : link && !draft.keyByContent
      ? `link:${link}`
      : `hash:${sha1([title, contentHtml, publishedAt ?? ''].join('\u0000'))}`;
  return { key, title, link, author, publishedAt, summary, contentHtml, enclosures, imageUrl, contentHash };
}

export function truncate(value: string, length: number): string {
  return value.length <= length ? value : `${value.slice(0, length - 1).trimEnd()}…`;
}

function sha1(value: string): string {
  return createHash('sha1').update(value).digest('hex');
}
