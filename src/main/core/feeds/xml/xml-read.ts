import { escapeAttribute, escapeText } from '../html/rewrite-html';
import { voidElements } from '../html/html-elements';
import { resolveSrcset, resolveUrlAttribute } from '../html/resolve-html-urls';
import type { XmlElement, XmlNode } from './xml-tree';

export const isElement = (node: XmlNode): node is XmlElement => typeof node !== 'string';

/** Direct child elements in a vocabulary ('' is the core feed vocabulary) with one of the local names. */
export function childrenNamed(parent: XmlElement, ns: string, ...locals: string[]): XmlElement[] {
  const found: XmlElement[] = [];
  for (const node of parent.children) {
    if (isElement(node) && node.ns === ns && locals.includes(node.local)) found.push(node);
  }
  return found;
}

export function childNamed(parent: XmlElement, ns: string, ...locals: string[]): XmlElement | null {
  for (const local of locals) {
    for (const node of parent.children) {
      if (isElement(node) && node.ns === ns && node.local === local) return node;
    }
  }
  return null;
}

/** An attribute by name, also when the feed wrote it with a prefix (`rdf:about` as `about`). */
export function attribute(element: XmlElement, name: string): string | null {
  const exact = element.attrs.get(name);
  if (exact !== undefined) return exact;
  for (const [key, value] of element.attrs) {
    const colon = key.indexOf(':');
    if (colon > 0 && key.slice(colon + 1) === name && !key.startsWith('xmlns')) return value;
  }
  return null;
}

/** All the text inside an element, markup dropped (iterative: depth is bounded, but no recursion is needed). */
export function textContent(element: XmlElement): string {
  const parts: string[] = [];
  const stack: XmlNode[] = [...element.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node === 'string') parts.push(node);
    else for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return parts.join('');
}

export const hasElementChildren = (element: XmlElement): boolean => element.children.some(isElement);

/**
 * Inline markup (Atom xhtml, an RSS description written as elements) as HTML
 * text: prefixes dropped, text escaped, void elements closed at once (a loose
 * `<br>` in XML swallows what follows; that text is written after it).
 */
export function serialiseChildren(element: XmlElement): string {
  const out: string[] = [];
  const write = (node: XmlNode) => {
    if (typeof node === 'string') {
      out.push(escapeText(node));
      return;
    }
    const name = node.name.slice(node.name.indexOf(':') + 1);
    let tag = `<${name}`;
    for (const [key, value] of node.attrs) {
      if (key === 'xmlns' || key.startsWith('xmlns:') || key.startsWith('xml:')) continue;
      // Each element resolves against its own xml:base, which may differ inside one piece of XHTML.
      const resolved =
        key === 'srcset' ? resolveSrcset(value, node.base) : resolveUrlAttribute(node.local, key, value, node.base);
      if (resolved !== null) tag += ` ${key}="${escapeAttribute(resolved)}"`;
    }
    if (voidElements.has(node.local)) {
      out.push(`${tag} />`);
      node.children.forEach(write);
      return;
    }
    out.push(`${tag}>`);
    node.children.forEach(write);
    out.push(`</${name}>`);
  };
  element.children.forEach(write);
  return out.join('');
}
