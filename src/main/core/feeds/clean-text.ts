/** Plain text from a title or snippet that may carry markup: tags dropped, whitespace folded. */
export function cleanText(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
