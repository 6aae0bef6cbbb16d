import { z } from 'zod';
import type { Enclosure } from '../../../../shared/api';
import { AppError } from '../../app-error';
import { foldSpace, textOfAmbiguous } from '../html/html-to-text';
import { escapeText, rewriteHtml } from '../html/rewrite-html';
import { normaliseItems, type ItemDraft } from '../normalise-item';
import { parseFeedDate } from '../parse-date';
import type { FeedLink, ParsedFeed } from '../parsed-feed';
import { resolveHttpUrl } from '../resolve-url';
import { hostOf } from './xml-feed';

// Every optional field falls back to "absent" when it has the wrong type: one
// odd field must not cost the whole feed, nor an item its other fields.
const text = z.string().optional().catch(undefined);
const count = z.number().nonnegative().optional().catch(undefined);
const author = z.object({ name: text, url: text }).optional().catch(undefined);
const authors = z
  .array(z.object({ name: text }).catch({ name: undefined }))
  .optional()
  .catch(undefined);

const attachment = z.object({
  url: z.string(),
  mime_type: text,
  title: text,
  size_in_bytes: count,
  duration_in_seconds: count,
});

const item = z.object({
  // The spec says a string; numbers are common and mean the same.
  id: z.union([z.string(), z.number().transform(String)]),
  url: text,
  external_url: text,
  title: text,
  content_html: text,
  content_text: text,
  summary: text,
  image: text,
  banner_image: text,
  date_published: text,
  date_modified: text,
  author,
  authors,
  attachments: z.array(z.unknown()).optional().catch(undefined),
});

const feed = z.object({
  version: z.string(),
  title: text,
  home_page_url: text,
  feed_url: text,
  icon: text,
  favicon: text,
  author,
  authors,
  hubs: z
    .array(z.object({ type: text, url: text }).catch({ type: undefined, url: undefined }))
    .optional()
    .catch(undefined),
  // Required by the spec, yet a feed without a list (or with something else there) still has its title and hubs.
  items: z.array(z.unknown()).optional().catch(undefined),
});

/** True for a parsed JSON value that says it is a JSON Feed (1.0 or 1.1) by its version URL. */
export function isJsonFeed(value: unknown): boolean {
  const version = (value as { version?: unknown } | null)?.version;
  return typeof version === 'string' && /^https?:\/\/jsonfeed\.org\/version\//i.test(version.trim());
}

/**
 * JSON Feed 1.0 and 1.1, validated with zod. Items without an `id` are dropped,
 * as the spec says; `feed_url` is the feed's self link and `hubs` of type
 * WebSub its hubs, so push works for JSON Feeds too.
 */
export function readJsonFeed(json: unknown, documentUrl: string): ParsedFeed {
  const parsed = feed.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `"${issue.path.join('.')}"` : 'the top level';
    throw new AppError(
      'MALFORMED_FEED',
      `The JSON Feed at ${hostOf(documentUrl)} could not be read: ${where} is missing or has the wrong type.`,
    );
  }
  const data = parsed.data;
  const feedAuthor = authorNames(data.authors, data.author);
  const links: FeedLink[] = [];
  const site = resolveHttpUrl(data.home_page_url ?? '', documentUrl);
  if (site) links.push({ rel: 'alternate', href: site });
  const self = resolveHttpUrl(data.feed_url ?? '', documentUrl);
  if (self) links.push({ rel: 'self', href: self });
  for (const hub of data.hubs ?? []) {
    const href = resolveHttpUrl(hub.url ?? '', documentUrl);
    if (href && /^(websub|pubsubhubbub)$/i.test((hub.type ?? '').trim())) links.push({ rel: 'hub', href });
  }
  const drafts: ItemDraft[] = [];
  const problems = Array.isArray(data.items) ? [] : ['it has no "items" list'];
  if (problems.length && !data.title?.trim()) {
    throw new AppError(
      'MALFORMED_FEED',
      `The JSON Feed at ${hostOf(documentUrl)} could not be read: "items" is missing or has the wrong type.`,
    );
  }
  for (const raw of data.items ?? []) {
    const entry = item.safeParse(raw);
    if (!entry.success || !String(entry.data.id).trim()) continue;
    drafts.push(draftOf(entry.data, documentUrl, feedAuthor));
  }
  return {
    format: 'json-feed',
    title: foldSpace(data.title ?? '') || hostOf(documentUrl),
    siteUrl: site,
    links,
    iconUrl: resolveHttpUrl(data.favicon ?? '', documentUrl) ?? resolveHttpUrl(data.icon ?? '', documentUrl),
    items: normaliseItems(drafts),
    ttlMinutes: null,
    problems,
  };
}

function draftOf(entry: z.infer<typeof item>, base: string, feedAuthor: string | null): ItemDraft {
  const contentHtml = entry.content_html
    ? rewriteHtml(entry.content_html.trim(), base)
    : escapeText((entry.content_text ?? entry.summary ?? '').trim()).replace(/\r?\n/g, '<br />');
  return {
    id: String(entry.id),
    link: resolveHttpUrl(entry.url ?? '', base) ?? resolveHttpUrl(entry.external_url ?? '', base),
    title: textOfAmbiguous(entry.title ?? ''),
    author: authorNames(entry.authors, entry.author) ?? feedAuthor,
    publishedAt: parseFeedDate(entry.date_published) ?? parseFeedDate(entry.date_modified),
    contentHtml,
    summaryText: foldSpace(entry.summary ?? ''),
    enclosures: attachmentsOf(entry.attachments ?? [], base),
    imageUrl: resolveHttpUrl(entry.image ?? '', base) ?? resolveHttpUrl(entry.banner_image ?? '', base),
  };
}

function attachmentsOf(list: unknown[], base: string): Enclosure[] {
  const enclosures: Enclosure[] = [];
  for (const raw of list) {
    const parsed = attachment.safeParse(raw);
    if (!parsed.success) continue;
    const url = resolveHttpUrl(parsed.data.url, base);
    if (!url || enclosures.some((known) => known.url === url)) continue;
    enclosures.push({
      url,
      type: parsed.data.mime_type?.trim().toLowerCase() || null,
      length: parsed.data.size_in_bytes ? Math.round(parsed.data.size_in_bytes) : null,
      title: parsed.data.title?.trim() || null,
      durationSeconds: parsed.data.duration_in_seconds ? Math.round(parsed.data.duration_in_seconds) : null,
    });
  }
  return enclosures;
}

function authorNames(
  list: Array<{ name?: string | undefined }> | undefined,
  single: { name?: string | undefined } | undefined,
): string | null {
  const names = (list ?? (single ? [single] : [])).map((person) => foldSpace(person.name ?? '')).filter(Boolean);
  return names.length ? [...new Set(names)].join(', ') : null;
}
