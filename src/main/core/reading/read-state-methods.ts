import { randomBytes } from 'node:crypto';
import { AppError } from '../app-error';
import type { CoreContext, MethodsPart } from '../context';
import { createReadStateRepo, type FeedMark } from '../db/read-state-repo';
import { createReadMarkApplier } from './apply-read-marks';

/** An undo stays possible this long, for this many recent mark-all-reads. */
const undoLifetimeMs = 30 * 60_000;
const undoKept = 20;

interface UndoEntry {
  ids: number[];
  marks: FeedMark[];
  expiresAt: number;
}

export type ReadStateMethodNames = 'setStarred' | 'markAllRead' | 'undoMarkAllRead';

/**
 * Starring, and marking a feed, a folder or everything read with an undo.
 * Marking a feed read moves its read mark: one row per feed, however many items
 * it covers (the items' flags follow in the background: apply-read-marks.ts).
 * Then the feeds are announced so every screen's unread counts follow.
 */
export function createReadStateMethods(
  ctx: CoreContext,
  statusChanged: () => void,
): MethodsPart<ReadStateMethodNames> & { stop(): void } {
  const repo = createReadStateRepo(ctx.db);
  const undos = new Map<string, UndoEntry>();
  const markFeedRead = ctx.db.transaction((feedId: number) => repo.markFeedRead(feedId));
  const undo = ctx.db.transaction((entry: UndoEntry) => repo.undo(entry.ids, entry.marks));
  const applier = createReadMarkApplier(ctx.db, repo, ctx.clock, ctx.log);
  // Marks a previous run left for its items to follow.
  if (repo.pendingMarks().length > 0) applier.schedule();
  const setStarred = ctx.db.transaction((ids: readonly number[], starred: boolean) => repo.setStarred(ids, starred));

  function remember(ids: number[], marks: FeedMark[]): string {
    const now = ctx.clock.now();
    for (const [token, entry] of undos) if (entry.expiresAt <= now) undos.delete(token);
    while (undos.size >= undoKept) undos.delete(undos.keys().next().value!);
    const token = randomBytes(16).toString('base64url');
    undos.set(token, { ids, marks, expiresAt: now + undoLifetimeMs });
    return token;
  }

  return {
    stop: () => applier.stop(),
    async setStarred({ itemIds, starred }) {
      return { changed: setStarred(itemIds, starred).changed };
    },

    async markAllRead(arg) {
      let feedIds: number[];
      if ('feedId' in arg) {
        if (!ctx.library.feeds.get(arg.feedId))
          throw new AppError('NOT_FOUND', 'That feed is no longer in your library.');
        feedIds = repo.hasUnread(arg.feedId) ? [arg.feedId] : [];
      } else if ('folderId' in arg) {
        feedIds = repo.folderFeedsWithUnread(arg.folderId);
      } else {
        feedIds = repo.feedsWithUnread();
      }
      const ids: number[] = [];
      const marks: FeedMark[] = [];
      for (const feedId of feedIds) {
        const marked = markFeedRead(feedId);
        if (!marked) continue;
        for (const id of marked.ids) ids.push(id);
        marks.push(marked.mark);
      }
      for (const { feedId } of marks) ctx.library.announce(feedId);
      if (marks.length > 0) {
        statusChanged();
        applier.schedule();
      }
      return { changed: ids.length, undoToken: ids.length > 0 ? remember(ids, marks) : null };
    },

    async undoMarkAllRead({ token }) {
      const entry = undos.get(token);
      if (!entry || entry.expiresAt <= ctx.clock.now())
        throw new AppError(
          'NOT_FOUND',
          'That can no longer be undone: it was too long ago, or Tidings restarted since.',
        );
      undos.delete(token);
      const { changed, feeds } = undo(entry);
      for (const feedId of feeds) ctx.library.announce(feedId);
      if (feeds.size > 0) statusChanged();
      // Items removed since then are simply gone; every other one is unread again.
      return { changed };
    },
  };
}
