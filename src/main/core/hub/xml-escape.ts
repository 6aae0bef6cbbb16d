/**
 * XML 1.0 escaping for the shared feed. Text and attribute values are escaped
 * for every context (`&`, `<`, `>`, both quotes), and characters XML 1.0 forbids
 * (C0 controls other than tab/newline/return, lone surrogates, U+FFFE/U+FFFF)
 * are dropped: one of them from a feed's title would make the whole document
 * unreadable to every subscriber's parser.
 */
const forbidden =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Safe in XML text and attributes, and in HTML text and attributes too (the entry's content is HTML). */
export function escapeXml(value: string): string {
  return value.replace(forbidden, '').replace(/[&<>"']/g, (char) => entities[char]!);
}
