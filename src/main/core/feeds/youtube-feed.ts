/**
 * YouTube's feeds, for the pages people paste: a channel (`/channel/UC…`), a
 * user (`/user/…`), a handle (`/@…`), a custom URL (`/c/…`) or a playlist.
 * Channel and playlist ids are in the URL; for the others the channel id is
 * read from the page (its canonical link, its metadata, or its feed link).
 */
const youtubeHosts = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com']);
const channelId = /^UC[\w-]{22}$/;
const feedBase = 'https://www.youtube.com/feeds/videos.xml';

export function isYouTubePage(pageUrl: string): boolean {
  try {
    const url = new URL(pageUrl);
    return youtubeHosts.has(url.hostname) && !url.pathname.startsWith('/feeds/');
  } catch {
    return false;
  }
}

/** The feed a YouTube page leads to, from its URL alone when that says; null when the page must be read. */
export function youTubeFeedFromUrl(pageUrl: string): string | null {
  if (!isYouTubePage(pageUrl)) return null;
  const url = new URL(pageUrl);
  const list = url.searchParams.get('list');
  if (url.pathname === '/playlist' && list) return `${feedBase}?playlist_id=${encodeURIComponent(list)}`;
  const id = /^\/channel\/([^/]+)/.exec(url.pathname)?.[1];
  return id && channelId.test(id) ? `${feedBase}?channel_id=${id}` : null;
}

const markers = [
  'youtube.com/channel/',
  '"channelId":"',
  '"externalId":"',
  'itemprop="channelId" content="',
  'itemprop="identifier" content="',
  'channel_id=',
];

/** The channel feed of a YouTube page, from the channel id the page carries. */
export function youTubeFeedFromPage(html: string): string | null {
  for (const marker of markers) {
    let at = html.indexOf(marker);
    // A page names other channels too (recommendations): the first well-formed id after a marker is the page's.
    for (let tries = 0; at !== -1 && tries < 5; tries++) {
      const id = html.slice(at + marker.length, at + marker.length + 24);
      if (channelId.test(id)) return `${feedBase}?channel_id=${id}`;
      at = html.indexOf(marker, at + marker.length);
    }
  }
  return null;
}
