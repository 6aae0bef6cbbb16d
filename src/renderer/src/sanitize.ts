import DOMPurify from 'dompurify';

export interface SanitizeOptions {
  /** Off: nothing in the HTML fetches an image (src, srcset, poster); the blocked ones are counted. */
  remoteImages: boolean;
}

export interface SanitizedHtml {
  html: string;
  /** How many images, posters or picture sources were held back (0 when remote images load). */
  blockedImages: number;
}

let base = 'about:blank';
let remoteImages = true;
let blockedImages = 0;

/** Elements that follow a link when clicked, in HTML and SVG alike (SVG names are lower-case). */
const linkElements = new Set(['a', 'area']);
/** Elements whose `src`, `srcset` or `poster` is an image fetched as soon as the element exists. */
const imageAttributes = ['src', 'srcset', 'poster'] as const;

// One pass over every element DOMPurify kept. The rules go by lower-cased
// local name, so `<A HREF>`, `<area>` and an SVG `<a xlink:href>` are one case.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  const name = node.localName;
  if (linkElements.has(name)) {
    // A link opens outside the app: only web and mail addresses are kept, as
    // a plain href (SVG's xlink:href folded into it), in a new browsing context.
    const href = absolute(node.getAttribute('href') ?? node.getAttribute('xlink:href'));
    node.removeAttribute('xlink:href');
    if (href) {
      node.setAttribute('href', href);
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else {
      node.removeAttribute('href');
    }
    return;
  }
  // Nothing else may point anywhere: SVG <image>/<use>/<feImage> and MathML
  // hrefs would fetch or navigate, and no feed needs them.
  node.removeAttribute('href');
  node.removeAttribute('xlink:href');
  if (name === 'img' || name === 'source' || name === 'video' || name === 'audio' || name === 'track') {
    mediaSources(node, name);
  }
});

function mediaSources(node: Element, name: string): void {
  const src = absolute(node.getAttribute('src'));
  if (src && !src.startsWith('mailto:')) node.setAttribute('src', src);
  else node.removeAttribute('src');
  // srcset would pick its own candidate past our URL rules: the src is enough.
  node.removeAttribute('srcset');
  node.setAttribute('referrerpolicy', 'no-referrer');
  if (name === 'video' || name === 'audio') {
    // Media loads only when played, never by merely opening an item.
    node.setAttribute('preload', 'none');
    node.setAttribute('controls', '');
    const poster = absolute(node.getAttribute('poster'));
    if (poster && !poster.startsWith('mailto:')) node.setAttribute('poster', poster);
    else node.removeAttribute('poster');
  }
  if (name === 'img') node.setAttribute('loading', 'lazy');
  if (remoteImages) return;
  // An image's bytes come from the network the moment the element exists (a
  // <source> inside <picture> chooses the <img>'s URL): hold them back.
  const isImage = name === 'img' || (name === 'source' && node.parentElement?.localName === 'picture');
  for (const attribute of imageAttributes) {
    if (attribute === 'src' && !isImage) continue;
    const value = node.getAttribute(attribute);
    if (value && !value.startsWith('data:')) {
      node.removeAttribute(attribute);
      blockedImages++;
    }
  }
  if (name === 'img' && !node.getAttribute('src')) node.setAttribute('data-blocked', '');
}

function absolute(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Feed HTML made safe to show: DOMPurify removes scripts, event handlers,
 * frames, forms and styles that could dress up as the app, and everything
 * that could leave the reader pane's box (dialogs, popovers, inline style,
 * style sheets, autofocus) or navigate the window (links go to a new browsing
 * context, which the desktop app hands to the system browser). The CSP is the
 * second wall: even a script that slipped through would not run.
 */
export function sanitizeFeedHtml(
  html: string,
  baseUrl: string | null,
  options: SanitizeOptions = { remoteImages: true },
): SanitizedHtml {
  base = baseUrl ?? 'about:blank';
  remoteImages = options.remoteImages;
  blockedImages = 0;
  const clean = DOMPurify.sanitize(html, {
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'iframe',
      'frame',
      'frameset',
      'object',
      'embed',
      'link',
      'meta',
      'base',
      'dialog',
      'marquee',
      'portal',
      'fencedframe',
      'animate',
      'animatemotion',
      'animatetransform',
      'set',
    ],
    FORBID_ATTR: [
      'style',
      'class',
      'id',
      'popover',
      'popovertarget',
      'popovertargetaction',
      'command',
      'commandfor',
      'autofocus',
      'autoplay',
      'background',
      'action',
      'formaction',
      'ping',
      'download',
      'target',
      'srcdoc',
      'http-equiv',
    ],
    ALLOW_DATA_ATTR: false,
  });
  return { html: clean, blockedImages };
}
