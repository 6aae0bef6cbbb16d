import { Parser } from 'htmlparser2';
import { resolveHttpUrl } from './resolve-url';

export interface HeadLink {
  rel: string[];
  href: string;
  type: string;
  title: string;
}

/**
 * Every <link> in an HTML page's <head>, with href resolved against the page
 * (and its <base>). Links in the body are ignored on purpose: anyone who can
 * post to a page could otherwise plant a feed or hub there (WebSub §8.1).
 */
export function htmlHeadLinks(html: string, pageUrl: string): HeadLink[] {
  const links: HeadLink[] = [];
  let base = pageUrl;
  let done = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (done) return;
        if (name === 'body') {
          done = true;
          return;
        }
        if (name === 'base' && attributes.href) base = resolveHttpUrl(attributes.href, pageUrl) ?? base;
        if (name !== 'link' || !attributes.href) return;
        const href = resolveHttpUrl(attributes.href, base);
        if (!href) return;
        links.push({
          rel: (attributes.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean),
          href,
          type: (attributes.type ?? '').toLowerCase().trim(),
          title: (attributes.title ?? '').trim(),
        });
      },
      onclosetag(name) {
        if (name === 'head') done = true;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html.slice(0, 1024 * 1024));
  parser.end();
  return links;
}
