import type { MouseEvent } from 'react';

/**
 * A click anywhere on a link in item HTML (HTML `a` or `area`, SVG `a`; the
 * selector matches them all) never navigates the window: the link's address
 * goes to `onOpen`, which opens it outside the app, as the sanitiser's
 * `target="_blank"` would. Only web and mail addresses leave.
 */
export function openLinksOutside(onOpen: (url: string) => void) {
  return (event: MouseEvent<HTMLElement>) => {
    const link = (event.target as Element | null)?.closest?.('a, area');
    if (!link || !event.currentTarget.contains(link)) return;
    event.preventDefault();
    const href = link.getAttribute('href');
    if (href && /^(?:https?|mailto):/i.test(href)) onOpen(href);
  };
}
