import { Tokenizer } from 'htmlparser2';
import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { vocabularyOfDefaultNamespace, vocabularyOfUndeclaredPrefix, vocabularyOfUri } from './namespaces';

export interface XmlElement {
  /** The name as written, with its prefix (for serialising inline XHTML). */
  name: string;
  /** Lower-cased local name: what the format readers match on. */
  local: string;
  /** The vocabulary (namespaces.ts): '' for the core feed vocabulary, 'dc', 'media', …, or an unknown URI. */
  ns: string;
  /** Attributes by their lower-cased written name, values decoded. */
  attrs: Map<string, string>;
  children: XmlNode[];
  /** The element's base URL: nested xml:base resolved against its parent's (RFC 3986). */
  base: string;
  /** Set when the document ended inside the element (truncated): what it holds may be incomplete. */
  cut?: true;
}
export type XmlNode = XmlElement | string;

export interface XmlTree {
  /** The first element of the document, or null when there is none. */
  root: XmlElement | null;
  /** What was wrong with the document, in words (first few only): empty when it was well-formed enough. */
  problems: string[];
}

/** Deeper nesting than any feed needs; beyond it tags are dropped and their text kept. */
const maxDepth = 256;
/** About 50 elements per entry for 10,000 entries: a bound on memory for hostile input. */
const maxElements = 1_000_000;
const maxProblems = 5;

interface Scope {
  prefixes: Map<string, string>;
  defaultNs: string;
}

/**
 * A lenient XML tree, built from htmlparser2's tokenizer in XML mode with a
 * stack of our own: linear in the input (htmlparser2's Parser keeps its open
 * elements in an array it unshifts, which is quadratic in nesting depth), and
 * tolerant the way real feeds need (a missing close tag, a stray one, HTML
 * entities in XML, truncation). DTDs are skipped and no entity they declare is
 * ever expanded, so "billion laughs" and external entities stay inert text.
 */
export function parseXmlTree(text: string, documentUrl: string): XmlTree {
  const problems: string[] = [];
  const problem = (what: string) => {
    if (problems.length < maxProblems && !problems.includes(what)) problems.push(what);
  };
  const document: XmlElement = {
    name: '#document',
    local: '#document',
    ns: '',
    attrs: new Map(),
    children: [],
    base: documentUrl,
  };
  const stack: XmlElement[] = [document];
  const scopes: Scope[] = [{ prefixes: new Map(), defaultNs: '' }];
  // How many elements of each name are open: a close tag that matches none is
  // dropped in O(1) instead of searching the stack (quadratic on hostile input).
  const openByName = new Map<string, number>();
  let ignoredDepth = 0;
  let elements = 0;
  let pendingText = '';
  // Raw text is decoded once it is whole, so an entity is never split between two slices.
  let pendingRaw = '';
  let pending: { name: string; attrs: Array<[string, string]> } | null = null;
  let attrName = '';
  let attrValue = '';

  const decodeRaw = () => {
    if (pendingRaw) pendingText += decodeHTML(pendingRaw);
    pendingRaw = '';
  };
  const flushText = () => {
    decodeRaw();
    if (!pendingText) return;
    const top = stack[stack.length - 1]!;
    // Text outside the root element (whitespace, a DTD's leftovers) means nothing.
    if (stack.length > 1) top.children.push(pendingText);
    pendingText = '';
  };

  const open = (name: string, attrs: Array<[string, string]>, selfClosing: boolean) => {
    flushText();
    if (stack.length > maxDepth || elements >= maxElements) {
      if (elements >= maxElements) problem(`it has more than ${maxElements.toLocaleString('en')} elements`);
      else problem(`it nests elements more than ${maxDepth} deep`);
      if (!selfClosing) ignoredDepth++;
      return;
    }
    elements++;
    const parent = stack[stack.length - 1]!;
    const parentScope = scopes[scopes.length - 1]!;
    let scope = parentScope;
    const attrMap = new Map<string, string>();
    for (const [key, value] of attrs) {
      const lower = key.toLowerCase();
      if (!attrMap.has(lower)) attrMap.set(lower, value);
      if (lower === 'xmlns' || lower.startsWith('xmlns:')) {
        if (scope === parentScope)
          scope = { prefixes: new Map(parentScope.prefixes), defaultNs: parentScope.defaultNs };
        if (lower === 'xmlns') scope.defaultNs = vocabularyOfDefaultNamespace(value);
        else scope.prefixes.set(lower.slice(6), vocabularyOfUri(value));
      }
    }
    const colon = name.indexOf(':');
    const prefix = colon > 0 ? name.slice(0, colon).toLowerCase() : '';
    const local = (colon > 0 ? name.slice(colon + 1) : name).toLowerCase();
    const ns = prefix ? (scope.prefixes.get(prefix) ?? vocabularyOfUndeclaredPrefix(prefix)) : scope.defaultNs;
    const xmlBase = attrMap.get('xml:base');
    const element: XmlElement = {
      name,
      local,
      ns,
      attrs: attrMap,
      children: [],
      base: xmlBase !== undefined ? resolveBase(xmlBase.trim(), parent.base) : parent.base,
    };
    parent.children.push(element);
    if (selfClosing) return;
    stack.push(element);
    scopes.push(scope);
    const key = name.toLowerCase();
    openByName.set(key, (openByName.get(key) ?? 0) + 1);
  };

  const close = (name: string) => {
    flushText();
    if (ignoredDepth > 0) {
      ignoredDepth--;
      return;
    }
    const key = name.toLowerCase();
    if (!openByName.get(key)) {
      problem(`it has a stray </${name}>`);
      return;
    }
    for (;;) {
      const top = stack.pop()!;
      scopes.pop();
      const topKey = top.name.toLowerCase();
      openByName.set(topKey, openByName.get(topKey)! - 1);
      if (topKey === key) return;
      if (!voidHtml.has(top.local)) problem(`<${top.name}> is not closed`);
    }
  };

  const tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: false },
    {
      onopentagname(start, end) {
        pending = { name: text.slice(start, end), attrs: [] };
      },
      onattribname(start, end) {
        attrName = text.slice(start, end);
        attrValue = '';
      },
      onattribdata(start, end) {
        attrValue += text.slice(start, end);
      },
      onattribentity() {},
      onattribend() {
        pending?.attrs.push([attrName, decodeHTMLAttribute(attrValue)]);
      },
      onopentagend() {
        if (pending) open(pending.name, pending.attrs, false);
        pending = null;
      },
      onselfclosingtag() {
        if (pending) open(pending.name, pending.attrs, true);
        pending = null;
      },
      onclosetag(start, end) {
        close(text.slice(start, end));
      },
      ontext(start, end) {
        pendingRaw += text.slice(start, end);
      },
      ontextentity() {},
      // `end` is where the section's `]]>` ends; `offset` is how much of the closer it still covers.
      oncdata(start, end, offset) {
        decodeRaw();
        pendingText += text.slice(start, end - offset);
      },
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {
        flushText();
      },
    },
  );
  tokenizer.write(text);
  tokenizer.end();
  if (stack.length > 1) problem(`it ends before </${stack[1]!.name}>`);
  for (let i = 1; i < stack.length; i++) stack[i]!.cut = true;
  const root = document.children.find((node): node is XmlElement => typeof node !== 'string') ?? null;
  return { root, problems };
}

function resolveBase(href: string, parentBase: string): string {
  try {
    return new URL(href, parentBase).href;
  } catch {
    return parentBase;
  }
}

/** HTML's void elements: inline XHTML written as HTML leaves them open, which is no fault. */
export const voidHtml = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
