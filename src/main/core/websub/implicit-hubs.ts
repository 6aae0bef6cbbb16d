/**
 * Publishers that push through a hub their feeds never name. Used only when a
 * feed names no hub at all (an advertised hub always wins). Keep this table
 * small, and add a publisher only with a source that documents its hub.
 */
export interface ImplicitHub {
  /** Who this is, for the feed's delivery details. */
  publisher: string;
  hub: string;
  /** The topic to subscribe to for this feed URL, or null when the rule does not apply. */
  topicFor(url: URL): string | null;
}

export const implicitHubs: readonly ImplicitHub[] = [
  {
    // YouTube pushes new and updated videos through Google's hub
    // (developers.google.com/youtube/v3/guides/push_notifications), for channel
    // feeds; its feeds carry no rel="hub". The topic is the channel's feed URL.
    publisher: 'YouTube',
    hub: 'https://pubsubhubbub.appspot.com/',
    topicFor(url) {
      if (!/^(www\.|m\.)?youtube\.com$/i.test(url.hostname)) return null;
      if (url.pathname !== '/feeds/videos.xml' && url.pathname !== '/xml/feeds/videos.xml') return null;
      const channel = url.searchParams.get('channel_id');
      if (!channel || !/^[\w-]{10,64}$/.test(channel)) return null;
      return `https://www.youtube.com/feeds/videos.xml?channel_id=${channel}`;
    },
  },
];

/** The implicit hub for a feed that names none, trying each URL the feed is known by (self, then where it came from). */
export function implicitHubFor(
  urls: readonly string[],
  table: readonly ImplicitHub[] = implicitHubs,
): { hub: string; topic: string; publisher: string } | null {
  for (const href of urls) {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      continue;
    }
    for (const entry of table) {
      const topic = entry.topicFor(url);
      if (topic) return { hub: entry.hub, topic, publisher: entry.publisher };
    }
  }
  return null;
}
