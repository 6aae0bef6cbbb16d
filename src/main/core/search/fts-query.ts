/**
 * Turns what a person types into a safe FTS5 query. Every word is quoted, so
 * FTS5 syntax in the input ("AND", "NEAR(", a stray quote or "*") is searched
 * for as text and never reaches the parser as an operator; every word must
 * match; the last one also matches as a prefix, so results follow each keystroke.
 * Returns null when nothing searchable is left.
 *
 * `expandPrefix` may give the FTS5 expression for the half-typed last word
 * (search-repo.ts knows which prefixes the index serves and which words exist);
 * without one, or when it gives null, `"word"*` it is.
 */
export function toFtsQuery(input: string, expandPrefix?: (prefix: string) => string | null): string | null {
  const words = input.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
  if (words.length === 0) return null;
  const quoted = words.slice(0, 16).map(quoteWord);
  const typingLast = !/\s$/.test(input);
  if (typingLast) {
    const last = words[Math.min(words.length, 16) - 1]!;
    quoted[quoted.length - 1] = expandPrefix?.(last) ?? `${quoted.at(-1)}*`;
  }
  // Explicit AND: FTS5 accepts "a" "b" but not "a" ("b" OR "c").
  return quoted.join(' AND ');
}

/** A word as an FTS5 string: only a double quote needs escaping inside one. */
export function quoteWord(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/** A word as the index stores it (unicode61, remove_diacritics 2): lower case, accents dropped. */
export function indexForm(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
