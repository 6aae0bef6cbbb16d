/**
 * Turns what a person types into a safe FTS5 query. Every word is quoted, so
 * FTS5 syntax in the input ("AND", "NEAR(", a stray quote or "*") is searched
 * for as text and never reaches the parser as an operator; every word must
 * match; the last one also matches as a prefix, so results follow each keystroke.
 * Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
  if (words.length === 0) return null;
  const quoted = words.slice(0, 16).map((word) => `"${word.replace(/"/g, '""')}"`);
  const typingLast = !/\s$/.test(input);
  if (typingLast) quoted[quoted.length - 1] += '*';
  return quoted.join(' ');
}
