import { contentlessElements, strippedElements, voidElements } from './html-elements';
import { scanHtml } from './scan-html';
import { resolveSrcset, resolveUrlAttribute } from './resolve-html-urls';

const validAttributeName = /^[a-z_:][-a-z0-9_:.]*$/;
/**
 * Attributes that can start a request or a script no matter their value, or
 * take an element out of the reader pane's box (inline style, popovers and
 * their invokers, autofocus): the renderer's sanitiser drops the same.
 */
const droppedAttributes = new Set([
  'srcdoc',
  'formaction',
  'action',
  'ping',
  'xmlns',
  'http-equiv',
  'style',
  'popover',
  'popovertarget',
  'popovertargetaction',
  'command',
  'commandfor',
  'autofocus',
]);

/**
 * Item HTML as Tidings stores it, in one tokenizer pass: every relative URL
 * (href, src, srcset, poster, …) resolved against the base where the feed
 * defined it, and, as a first wall before the renderer's DOMPurify, scripts,
 * styles, frames, event handlers and script URLs removed. Text passes through
 * as written; tags are written again in one normal form.
 */
export function rewriteHtml(html: string, base: string): string {
  if (!html.includes('<')) return html;
  const out: string[] = [];
  let skipping: string | null = null;
  let skipDepth = 0;
  scanHtml(html, {
    open(name, attributes) {
      if (skipping) {
        if (name === skipping) skipDepth++;
        return;
      }
      if (contentlessElements.has(name)) {
        if (!voidElements.has(name)) {
          skipping = name;
          skipDepth = 1;
        }
        return;
      }
      if (strippedElements.has(name) || !validAttributeName.test(name)) return;
      out.push(startTag(name, attributes, base));
    },
    close(name) {
      if (skipping) {
        if (name === skipping && --skipDepth === 0) skipping = null;
        return;
      }
      if (strippedElements.has(name) || contentlessElements.has(name) || voidElements.has(name)) return;
      if (validAttributeName.test(name)) out.push(`</${name}>`);
    },
    text(raw) {
      if (!skipping) out.push(raw);
    },
  });
  return out.join('');
}

function startTag(name: string, attributes: Array<[string, string]>, base: string): string {
  let tag = `<${name}`;
  const seen = new Set<string>();
  for (const [attribute, value] of attributes) {
    if (seen.has(attribute) || !validAttributeName.test(attribute)) continue;
    seen.add(attribute);
    if (attribute.startsWith('on') || droppedAttributes.has(attribute)) continue;
    let kept: string | null = value;
    if (attribute === 'srcset' || attribute === 'imagesrcset') kept = resolveSrcset(value, base);
    else kept = resolveUrlAttribute(name, attribute, value, base);
    if (kept === null) continue;
    tag += ` ${attribute}="${escapeAttribute(kept)}"`;
  }
  return voidElements.has(name) ? `${tag} />` : `${tag}>`;
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
