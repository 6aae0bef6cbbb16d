import { Tokenizer } from 'htmlparser2';
import { decodeHTMLAttribute } from 'entities';

export interface HtmlEvents {
  /** A start tag: name lower-cased, attributes decoded in source order (duplicates kept). */
  open(name: string, attributes: Array<[string, string]>): void;
  close(name: string): void;
  /** Text exactly as written (entities not decoded). */
  text(raw: string): void;
}

/**
 * One linear pass over HTML with htmlparser2's tokenizer (no tree, no stack,
 * so no input can make it quadratic). Script, style and the other raw-text
 * elements come out as their text, which callers drop. Comments, doctypes and
 * processing instructions are dropped here.
 */
export function scanHtml(html: string, events: HtmlEvents): void {
  let tagName = '';
  let attributes: Array<[string, string]> = [];
  let attrName = '';
  let attrValue = '';
  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: false },
    {
      onopentagname(start, end) {
        tagName = html.slice(start, end).toLowerCase();
        attributes = [];
      },
      onattribname(start, end) {
        attrName = html.slice(start, end).toLowerCase();
        attrValue = '';
      },
      onattribdata(start, end) {
        attrValue += html.slice(start, end);
      },
      onattribentity() {},
      onattribend() {
        attributes.push([attrName, decodeHTMLAttribute(attrValue)]);
      },
      onopentagend() {
        events.open(tagName, attributes);
      },
      onselfclosingtag() {
        events.open(tagName, attributes);
      },
      onclosetag(start, end) {
        events.close(html.slice(start, end).toLowerCase());
      },
      ontext(start, end) {
        events.text(html.slice(start, end));
      },
      ontextentity() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
}
