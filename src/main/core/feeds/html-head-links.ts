import { decodeHTML } from 'entities';
import { foldSpace } from './html/html-to-text';
import { scanHtml } from './html/scan-html';
import { resolveHttpUrl } from './resolve-url';

export interface HeadLink {
  rel: string[];
  href: string;
  type: string;
  title: string;
}

export interface HtmlHead {
  /** The page's base URL: its <base href>, else its own URL. */
  base: string;
  /** The page's <title>, as text. */
  title: string;
  /** <link>s in <head>: the only place hub and self count (WebSub §8.1). */
  links: HeadLink[];
  /** <link>s anywhere, <head> and <body>: feed alternates count there too (YouTube puts its feed link in the body). */
  allLinks: HeadLink[];
}

/** What may stand in <head>: any other element starts the body, whether or not <body> is written. */
const headElements = new Set([
  'html',
  'head',
  'title',
  'base',
  'link',
  'meta',
  'style',
  'script',
  'noscript',
  'template',
]);

/** Pages are scanned this far: a feed link or h-feed head lies in the first few hundred kilobytes. */
const scanLimit = 2 * 1024 * 1024;

/**
 * One tokenizer pass over an HTML page (linear, no tree): its base, title and
 * <link> elements, with hrefs resolved against the page and its <base>.
 */
export function htmlHead(html: string, pageUrl: string): HtmlHead {
  const head: HtmlHead = { base: pageUrl, title: '', links: [], allLinks: [] };
  let inHead = true;
  let inTitle = false;
  let title = '';
  scanHtml(html.slice(0, scanLimit), {
    open(name, attributes) {
      if (!headElements.has(name)) inHead = false;
      if (name === 'title' && inHead && !head.title) inTitle = true;
      const get = (key: string) => attributes.find(([attribute]) => attribute === key)?.[1];
      const href = get('href');
      if (name === 'base' && href && inHead) head.base = resolveHttpUrl(href, pageUrl) ?? head.base;
      if (name !== 'link' || !href) return;
      const resolved = resolveHttpUrl(href, head.base);
      if (!resolved) return;
      const link: HeadLink = {
        rel: (get('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean),
        href: resolved,
        type: (get('type') ?? '').toLowerCase().split(';')[0]!.trim(),
        title: (get('title') ?? '').trim(),
      };
      head.allLinks.push(link);
      if (inHead) head.links.push(link);
    },
    close(name) {
      if (name === 'head') inHead = false;
      if (name === 'title' && inTitle) {
        inTitle = false;
        head.title = foldSpace(decodeHTML(title));
      }
    },
    text(raw) {
      if (inTitle) title += raw;
    },
  });
  return head;
}

/**
 * Every <link> in an HTML page's <head>, with href resolved against the page
 * (and its <base>). Links in the body are ignored on purpose: anyone who can
 * post to a page could otherwise plant a feed or hub there (WebSub §8.1).
 */
export function htmlHeadLinks(html: string, pageUrl: string): HeadLink[] {
  return htmlHead(html, pageUrl).links;
}
