import { decodeHTML } from 'entities';
import { highlightEnd, highlightStart } from '../../../shared/api';

/**
 * Plain text from an FTS5 snippet of an item's HTML, keeping the highlight
 * marks. The snippet is a window into the markup, so it can start or end inside
 * a tag: those halves go too. The renderer shows the result as text (never as
 * HTML), turning the marks into <mark> elements.
 */
export function snippetToText(snippet: string): string {
  return (
    decodeHTML(
      snippet
        .replace(/^[^<>]*>/, ' ')
        .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/<[^>]*$/, ' '),
    )
      .replace(/\s+/g, ' ')
      // A tag became a space; punctuation that followed it closes up again.
      .replace(/ ([.,;:!?])/g, '$1')
      .trim()
  );
}

/** True when a highlighted text contains at least one marked match. */
export function hasMark(text: string): boolean {
  return text.includes(highlightStart) && text.includes(highlightEnd);
}

/** Removes the marks (for a text that must be shown plain). */
export function stripMarks(text: string): string {
  return text.split(highlightStart).join('').split(highlightEnd).join('');
}
