import { decodeBody } from '../feeds/decode-body';

/**
 * The renderer sends the file's bytes (base64) rather than text, so one place
 * (the same decoder feeds use: BOM, then the XML prolog's encoding) turns an
 * ISO-8859-1 or windows-1252 export into the right characters.
 */
export function decodeOpmlBytes(base64: string): string {
  return decodeBody(Buffer.from(base64, 'base64'), null);
}
