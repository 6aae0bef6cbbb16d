import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { rss, type EntrySpec } from '../support/feeds';
import type { Reader } from '../../src/main/core/reader';
import { before, after } from 'node:test';
import { startTestCore, type TestCore } from '../support/test-core';

/** Feeds whose entries a test changes between fetches, served over real HTTP. */
export interface FeedServer {
  server: FixtureServer;
  /** Serves `entries` at /<name>.xml (replacing what was there) and returns the URL. */
  publish(name: string, entries: EntrySpec[]): string;
  /** Publishes and adds the feed to the core; returns its id. */
  follow(core: Reader, name: string, entries: EntrySpec[]): Promise<number>;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const server = await startFixtureServer();
  const documents = new Map<string, string>();
  const publish = (name: string, entries: EntrySpec[]) => {
    const path = `/${name.replace(/[^a-z0-9]+/gi, '-')}.xml`;
    documents.set(path, rss(name, entries));
    server.route(path, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(documents.get(path));
    });
    return server.url(path);
  };
  return {
    server,
    publish,
    async follow(core, name, entries) {
      const result = await core.addFeed({ url: publish(name, entries) });
      if (!('feed' in result)) throw new Error(`${name} did not add as a feed`);
      return result.feed.id;
    },
    close: () => server.close(),
  };
}

/** `count` entries, newest first, one hour apart, ending at `newest`. */
export function entriesOf(prefix: string, count: number, newest = Date.UTC(2026, 10, 1)): EntrySpec[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-${index}`,
    title: `${prefix} item ${index}`,
    published: new Date(newest - index * 3_600_000).toISOString(),
  }));
}

/**
 * One feed server and one real core for a whole test file, started before its
 * tests and closed after them. Read the fields inside tests (they are set in `before`).
 */
export function useFeedsAndCore(): { feeds: FeedServer; t: TestCore } {
  const fixture = {} as { feeds: FeedServer; t: TestCore };
  before(async () => {
    fixture.feeds = await startFeedServer();
    fixture.t = await startTestCore();
  });
  after(async () => {
    await fixture.t.close();
    await fixture.feeds.close();
  });
  return fixture;
}
