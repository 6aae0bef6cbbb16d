import { Tokenizer } from 'htmlparser2';
import { voidElements } from './html-elements';

/**
 * How many microformats class names (h-*, p-*, u-*, dt-*, e-*) a page may
 * carry before the microformats parser sees it. The parser collects what it
 * finds with array spreads, so its time grows with the square of their
 * number (32,000 took 4.4 s; one entry of 28,000 properties 3.9 s), while a
 * long h-feed page (100 entries of ten properties) has about 1,000.
 */
export const maxMicroformatClasses = 10_000;
/**
 * How deep a page may nest. The HTML parser under it looks through the open
 * elements at each new one (quadratic in depth: 50,000 nested divs took most
 * of a minute) and the microformats parser walks the tree recursively.
 * Elements HTML closes by themselves (p, li, td…) and void ones do not count.
 */
export const maxPageDepth = 1_000;

const microformatClass = /^(?:h|p|u|dt|e)-[a-z0-9]/i;
const closedBySiblings = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'rb', 'rt', 'rp']);

export interface PageCut {
  /** Where to cut the page: the start of the element that goes past a bound. */
  at: number;
  /** Which bound, in words, for the feed's problems. */
  problem: string;
}

/**
 * Where a page must be cut for the HTML and microformats parsers to stay
 * within bounds, or null when the whole page fits. One pass of htmlparser2's
 * tokenizer with a counter for depth, no tree: linear whatever the page holds.
 */
export function pageCut(html: string): PageCut | null {
  let classes = 0;
  let depth = 0;
  let cut: PageCut | null = null;
  let tagStart = 0;
  let tagName = '';
  let attrName = '';
  let attrValue = '';
  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: false },
    {
      onopentagname(start, end) {
        tagStart = start - 1;
        tagName = html.slice(start, end).toLowerCase();
      },
      onattribname(start, end) {
        attrName = html.slice(start, end).toLowerCase();
        attrValue = '';
      },
      onattribdata(start, end) {
        if (attrName === 'class') attrValue += html.slice(start, end);
      },
      onattribentity() {},
      onattribend() {
        if (cut !== null || attrName !== 'class') return;
        // Split on HTML's spaces, each name tested by a bounded prefix: linear in the value.
        for (const name of attrValue.split(/[ \t\n\f\r]+/)) if (microformatClass.test(name)) classes++;
        if (classes > maxMicroformatClasses) {
          cut = {
            at: tagStart,
            problem: `it has more than ${maxMicroformatClasses.toLocaleString('en')} microformats class names; the rest of the page was not read`,
          };
        }
      },
      onopentagend() {
        if (cut !== null || voidElements.has(tagName) || closedBySiblings.has(tagName)) return;
        depth++;
        if (depth > maxPageDepth) {
          cut = {
            at: tagStart,
            problem: `it nests elements more than ${maxPageDepth.toLocaleString('en')} deep; the rest of the page was not read`,
          };
        }
      },
      onselfclosingtag() {},
      onclosetag(start, end) {
        const name = html.slice(start, end).toLowerCase();
        if (depth > 0 && !voidElements.has(name) && !closedBySiblings.has(name)) depth--;
      },
      ontext() {},
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
  return cut;
}
