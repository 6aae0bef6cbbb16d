import { highlightEnd, highlightStart } from '../../../shared/api';

/**
 * Text from a search result with its marked matches as <mark> elements.
 * Everything is rendered as React text nodes, never as HTML, so a feed's
 * title or snippet can't inject markup whatever it contains.
 */
export function Highlighted({ text }: { text: string }) {
  const parts: Array<{ text: string; marked: boolean }> = [];
  let marked = false;
  let run = '';
  const flush = () => {
    if (run) parts.push({ text: run, marked });
    run = '';
  };
  for (const char of text) {
    if (char === highlightStart || char === highlightEnd) {
      flush();
      marked = char === highlightStart;
    } else {
      run += char;
    }
  }
  flush();
  return <>{parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : part.text))}</>;
}
