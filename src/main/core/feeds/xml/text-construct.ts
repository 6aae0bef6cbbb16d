import { htmlToText, foldSpace, looksLikeHtml, textPreview } from '../html/html-to-text';
import { escapeText, rewriteHtml } from '../html/rewrite-html';
import { attribute, hasElementChildren, isElement, serialiseChildren, textContent } from './xml-read';
import type { XmlElement } from './xml-tree';

/** A piece of text from a feed, with what it is and the base its relative URLs resolve against. */
export interface TextValue {
  html: boolean;
  value: string;
  base: string;
}

/**
 * What a text element holds, by Atom's rules (type text/html/xhtml, Atom
 * 0.3's MIME types and mode="escaped|xml|base64") and, where the feed does not
 * say (RSS, a typeless Atom element), by what the text looks like. Null for
 * content that is not text (an image, out-of-line `src`).
 */
export function readText(element: XmlElement | null): TextValue | null {
  if (!element) return null;
  const type = (attribute(element, 'type') ?? '').trim().toLowerCase();
  const mode = (attribute(element, 'mode') ?? '').trim().toLowerCase();
  const base = element.base;
  if (attribute(element, 'src') !== null && !element.children.length) return null;
  if (mode === 'base64') {
    const decoded = Buffer.from(textContent(element).replace(/\s+/g, ''), 'base64').toString('utf8');
    return { html: !isPlainType(type) && (type !== '' || looksLikeHtml(decoded)), value: decoded, base };
  }
  if (hasElementChildren(element)) {
    return { html: true, value: serialiseChildren(unwrapXhtmlDiv(element, type)), base };
  }
  const text = textContent(element);
  if (isPlainType(type)) return { html: false, value: text, base };
  if (type === 'html' || type === 'text/html' || mode === 'escaped' || type === 'xhtml' || type.endsWith('+xml')) {
    return { html: true, value: text, base };
  }
  if (type && !type.startsWith('text/')) return null;
  return { html: looksLikeHtml(text), value: text, base };
}

function isPlainType(type: string): boolean {
  return type === 'text' || type === 'text/plain';
}

/** Atom 1.0's xhtml content sits in one <div> that is not part of it (RFC 4287 §3.1.1.3). */
function unwrapXhtmlDiv(element: XmlElement, type: string): XmlElement {
  const elements = element.children.filter(isElement);
  const onlyDiv =
    elements.length === 1 &&
    elements[0]!.local === 'div' &&
    element.children.every((node) => isElement(node) || !node.trim());
  if (onlyDiv && type === 'xhtml') return elements[0]!;
  return element;
}

/** Plain text of a text value: markup dropped if it is HTML, whitespace folded. */
export function plainText(value: TextValue | null): string {
  if (!value) return '';
  return value.html ? htmlToText(value.value) : foldSpace(value.value);
}

/** The start of a text value's plain text (summaries are cut short anyway): linear in what it reads. */
export function plainPreview(value: TextValue | null, length: number): string {
  if (!value) return '';
  return value.html ? textPreview(value.value, length) : foldSpace(value.value.slice(0, length * 4));
}

/** The value as stored item HTML: HTML resolved and cleaned, plain text escaped with its line breaks kept. */
export function storedHtml(value: TextValue | null): string {
  if (!value) return '';
  if (value.html) return rewriteHtml(value.value.trim(), value.base);
  return escapeText(value.value.trim()).replace(/\r?\n/g, '<br />');
}
