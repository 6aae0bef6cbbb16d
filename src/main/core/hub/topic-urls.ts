/** Where the shared feed and its hub live on a public base URL (a tunnel's, or an own reverse proxy's). */
export const sharedFeedPath = '/shared.atom';
export const hubPath = '/hub';

export function topicOf(base: string): string {
  return `${base.replace(/\/+$/, '')}${sharedFeedPath}`;
}

/** The hub that serves a topic is on the same base (a topic from an earlier base keeps its own hub URL). */
export function hubUrlOf(topic: string): string {
  return `${topic.slice(0, -sharedFeedPath.length)}${hubPath}`;
}

/** `Link` header values for the topic: self, then Tidings's hub, then the external ones (REC §4: subscribers take the first hub). */
export function linkHeaderValues(topic: string, externalHubs: readonly string[] = []): string[] {
  return [`<${topic}>; rel="self"`, ...[hubUrlOf(topic), ...externalHubs].map((hub) => `<${hub}>; rel="hub"`)];
}
