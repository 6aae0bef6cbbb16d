/**
 * The text a rule looks at, prepared once per item: case and accents folded
 * (so "cafe" finds "Café"), markup dropped, and bounded so one huge item costs
 * what any other does.
 */

/** Longest stretch of an item's content a rule reads (the opening of a long post says what it is about). */
export const maxRuleTextLength = 64 * 1024;

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Markup to plain text, cheaply: tags become spaces, common entities are decoded, the rest is left. */
export function htmlToRuleText(html: string): string {
  return withoutScriptsAndStyles(html.slice(0, maxRuleTextLength * 2))
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return entities[name.toLowerCase()] ?? whole;
    })
    .slice(0, maxRuleTextLength);
}

/**
 * `<script>` and `<style>` elements, contents and all, replaced by a space, in
 * one forward scan (an unclosed one runs to the end). Stored item HTML has none
 * (the cleaner removed them), but this text is never worth a backtracking
 * pattern: `<script>[^]*?</script>` over 100,000 openers is quadratic.
 */
function withoutScriptsAndStyles(html: string): string {
  const opener = /<(script|style)\b/gi;
  const lower = html.toLowerCase();
  let out = '';
  let from = 0;
  for (let match = opener.exec(html); match; match = opener.exec(html)) {
    out += html.slice(from, match.index) + ' ';
    const close = lower.indexOf(`</${match[1]!.toLowerCase()}`, opener.lastIndex);
    const end = close === -1 ? -1 : lower.indexOf('>', close);
    if (end === -1) return out;
    from = opener.lastIndex = end + 1;
  }
  return out + html.slice(from);
}

/** Lower case without diacritics: what "words" rules compare. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The words and "quoted phrases" of a words rule, folded; empty ones dropped. */
export function ruleWords(value: string): string[] {
  const words: string[] = [];
  for (const match of value.matchAll(/"([^"]*)"|(\S+)/g)) {
    const word = foldText((match[1] ?? match[2] ?? '').trim().replace(/\s+/g, ' '));
    if (word) words.push(word);
  }
  return words;
}
