import type { Changes, EventName, EventPayloads, ItemSummary } from '../../shared/api';
import type { ConnectedApi } from './api-client';

export interface CatchUpOptions {
  /** How often to check whether the event stream has gone quiet. */
  checkEveryMs?: number;
  /** Ask for changes when no event came for this long. */
  quietMs?: number;
}

type Listener = (payload: never) => void;

/**
 * The renderer's polling fallback: events can be lost (sleep, a dropped
 * stream, a reload racing a write), so on focus, when the page becomes
 * visible, and when no event has come for a while, it asks the core for the
 * changes since its cursor and replays them as the same events the live
 * stream sends. Every listener (lists, counts, notifications) merges them
 * like live ones, by id, so a change seen twice is harmless.
 */
export function withCatchUp(
  api: ConnectedApi,
  options: CatchUpOptions = {},
): ConnectedApi & { catchUp(): Promise<void>; stop(): void } {
  const checkEveryMs = options.checkEveryMs ?? 30_000;
  const quietMs = options.quietMs ?? 60_000;
  const local = new Map<EventName, Set<Listener>>();
  const reconnectListeners = new Set<() => void>();
  let cursor: number | null = null;
  let lastEventAt = Date.now();
  let running: Promise<void> | null = null;

  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) =>
    local.get(event)?.forEach((listener) => (listener as (p: EventPayloads[E]) => void)(payload));

  function replay(changes: Changes): void {
    for (const feed of changes.feeds) emit('feedChanged', { feedId: feed.id, feed });
    for (const feedId of changes.removedFeedIds) emit('feedChanged', { feedId, feed: null });
    const byFeed = new Map<number, ItemSummary[]>();
    for (const item of changes.items) byFeed.set(item.feedId, [...(byFeed.get(item.feedId) ?? []), item]);
    for (const [feedId, items] of byFeed) emit('itemsAdded', { feedId, items });
  }

  async function run(): Promise<void> {
    const changes = await api.changesSince(cursor === null ? {} : { cursor });
    const first = cursor === null;
    cursor = changes.cursor;
    // The first answer only sets the cursor: the lists were just loaded.
    if (first) return;
    if (changes.reset) reconnectListeners.forEach((listener) => listener());
    else replay(changes);
  }

  function catchUp(): Promise<void> {
    running ??= run()
      .catch(() => {
        // The core is unreachable for now; the next focus or tick tries again.
      })
      .finally(() => (running = null));
    return running;
  }

  // Every live event means the stream works; its timestamp decides when the timer steps in.
  const offLive = (['itemsAdded', 'feedChanged', 'statusChanged', 'settingsChanged'] as const).map((event) =>
    api.on(event, () => void (lastEventAt = Date.now())),
  );
  void catchUp();
  const onVisible = () => {
    if (document.visibilityState === 'visible') void catchUp();
  };
  window.addEventListener('focus', onVisible);
  document.addEventListener('visibilitychange', onVisible);
  const timer = setInterval(() => {
    if (Date.now() - lastEventAt >= quietMs) {
      lastEventAt = Date.now();
      void catchUp();
    }
  }, checkEveryMs);

  return {
    ...api,
    catchUp,
    stop() {
      offLive.forEach((off) => off());
      window.removeEventListener('focus', onVisible);
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(timer);
    },
    on(event, listener) {
      const off = api.on(event, listener);
      let set = local.get(event);
      if (!set) local.set(event, (set = new Set()));
      set.add(listener as Listener);
      return () => {
        off();
        set.delete(listener as Listener);
      };
    },
    onReconnect(listener) {
      const off = api.onReconnect(listener);
      reconnectListeners.add(listener);
      return () => {
        off();
        reconnectListeners.delete(listener);
      };
    },
  };
}
