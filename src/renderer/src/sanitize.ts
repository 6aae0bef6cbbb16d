import DOMPurify from 'dompurify';

let base = 'about:blank';

// Links and images in feed HTML are often relative to the item's page; they
// open outside the app and load without sending a referrer.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = absolute(node.getAttribute('href'));
    if (href) {
      node.setAttribute('href', href);
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else {
      node.removeAttribute('href');
    }
  }
  if (node.tagName === 'IMG' || node.tagName === 'SOURCE' || node.tagName === 'VIDEO' || node.tagName === 'AUDIO') {
    const src = absolute(node.getAttribute('src'));
    if (src) node.setAttribute('src', src);
    else node.removeAttribute('src');
    node.removeAttribute('srcset');
    node.setAttribute('referrerpolicy', 'no-referrer');
    if (node.tagName === 'IMG') node.setAttribute('loading', 'lazy');
  }
});

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
 * frames, forms and styles that could dress up as the app. The CSP is the
 * second wall: even a script that slipped through would not run.
 */
export function sanitizeFeedHtml(html: string, baseUrl: string | null): string {
  base = baseUrl ?? 'about:blank';
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'iframe',
      'frame',
      'object',
      'embed',
      'link',
      'meta',
      'base',
    ],
    FORBID_ATTR: ['style', 'class', 'id'],
    ALLOW_DATA_ATTR: false,
  });
}
