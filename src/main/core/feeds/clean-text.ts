import { decodeHTML } from 'entities';

// Only real HTML tags are dropped, so a title like "Tide at <noon>" keeps its words.
const htmlTag =
  /<\/?(?:a|abbr|b|big|br|cite|code|del|dfn|div|em|font|h[1-6]|hr|i|img|ins|kbd|mark|p|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var)\b[^>]*>/gi;

/** Plain text from a title or snippet that may carry markup: tags dropped, entities decoded, whitespace folded. */
export function cleanText(text: string): string {
  return decodeHTML(text.replace(htmlTag, '')).replace(/\s+/g, ' ').trim();
}

/** Plain text from an HTML fragment (summaries): every tag dropped. */
export function htmlToText(html: string): string {
  return decodeHTML(html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
