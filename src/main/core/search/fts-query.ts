/**
 * Turns what a person types into a safe FTS5 query. Every word is quoted, so
 * FTS5 syntax in the input ("AND", "NEAR(", a stray quote or "*") is searched
 * for as text and never reaches the parser as an operator; every word must
 * match; the last one also matches as a prefix, so results follow each keystroke.
 * Returns null when nothing searchable is left.
 *
 * `expandPrefix` may list the indexed words the last word begins: FTS5 reads an
 * OR of whole words lazily, newest first, but a `word*` query merges the full
 * posting lists of every matching word first (60 ms for a word in a third of a
 * million items). Without a list (too many words, or none found), `word*` it is.
 */
export function toFtsQuery(input: string, expandPrefix?: (prefix: string) => string[] | null): string | null {
  const words = input.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
  if (words.length === 0) return null;
  const quote = (word: string) => `"${word.replace(/"/g, '""')}"`;
  const quoted = words.slice(0, 16).map(quote);
  const typingLast = !/\s$/.test(input);
  if (typingLast) {
    const last = words[Math.min(words.length, 16) - 1]!;
    const expanded = expandPrefix?.(last);
    quoted[quoted.length - 1] =
      expanded && expanded.length > 0 ? `(${expanded.map(quote).join(' OR ')})` : `${quoted.at(-1)}*`;
  }
  // Explicit AND: FTS5 accepts "a" "b" but not "a" ("b" OR "c").
  return quoted.join(' AND ');
}

/** A word as the index stores it (unicode61, remove_diacritics 2): lower case, accents dropped. */
export function indexForm(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
