import { decodeHTML } from 'entities';
import { blockElements, contentlessElements, htmlElementNames } from './html-elements';
import { scanHtml } from './scan-html';

/**
 * Plain text from HTML, for titles, authors and summaries: every tag dropped,
 * the text of scripts, styles and the like dropped with it, entities decoded
 * once, whitespace folded. One tokenizer pass, linear in the input.
 */
export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return foldSpace(html);
  const parts: string[] = [];
  let raw = '';
  // The contentless element we are inside, and how many of it are nested.
  let skipping: string | null = null;
  let skipDepth = 0;
  const flush = () => {
    if (raw) parts.push(decodeHTML(raw));
    raw = '';
  };
  scanHtml(html, {
    open(name) {
      if (skipping) {
        if (name === skipping) skipDepth++;
        return;
      }
      if (contentlessElements.has(name)) {
        skipping = name;
        skipDepth = 1;
        return;
      }
      if (blockElements.has(name)) raw += ' ';
    },
    close(name) {
      if (skipping) {
        if (name === skipping && --skipDepth === 0) skipping = null;
        return;
      }
      if (blockElements.has(name)) raw += ' ';
    },
    text(text) {
      if (!skipping) raw += text;
    },
  });
  flush();
  return foldSpace(parts.join(''));
}

/**
 * The first `length` characters of an HTML fragment's text, for summaries:
 * growing prefixes of the HTML are read (a tag cut in two at the end does no
 * harm), so a long article costs a few kilobytes of tokenizing, not all of it.
 */
export function textPreview(html: string, length: number): string {
  for (let size = 4096; ; size *= 4) {
    const text = htmlToText(html.length <= size ? html : html.slice(0, size));
    if (html.length <= size) return text;
    // The last word of a cut prefix may be cut too: keep one more word's worth than asked.
    if (text.length > length + 40) return text.slice(0, text.lastIndexOf(' '));
  }
}

/** Plain text from a value that may be plain text or HTML (RSS never says which): HTML only if it looks like it. */
export function textOfAmbiguous(value: string): string {
  return looksLikeHtml(value) ? htmlToText(value) : foldSpace(value);
}

const tagOrEntity = /<\/?([a-zA-Z][a-zA-Z0-9]*)|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/g;

/** True when the text holds a tag of a real HTML element or an entity reference. */
export function looksLikeHtml(value: string): boolean {
  if (!value.includes('<') && !value.includes('&')) return false;
  tagOrEntity.lastIndex = 0;
  for (let match = tagOrEntity.exec(value); match; match = tagOrEntity.exec(value)) {
    const name = match[1];
    if (name === undefined || htmlElementNames.has(name.toLowerCase())) return true;
  }
  return false;
}

export function foldSpace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
