import { highlightEnd, highlightStart, type SearchHit } from '../../../shared/api';
import { AppError } from '../app-error';
import type { CoreContext, MethodsPart } from '../context';
import { createSearchRepo, type SearchScope } from '../db/search-repo';
import { toItemSummary } from '../to-dto';
import { toFtsQuery } from './fts-query';
import { hasMark, snippetToText } from './highlight-marks';

const defaultLimit = 50;
/** How many of the newest matches are ranked (see search-repo.ts). */
const rankWindow = 1000;

/** Full-text search over every stored item's title, summary, content and author. */
export function createSearchMethods(ctx: CoreContext): MethodsPart<'search'> {
  const repo = createSearchRepo(ctx.db);

  return {
    async search({ query, feedId, folderId, limit = defaultLimit }) {
      const match = toFtsQuery(query, repo.prefixQuery);
      if (match === null) return { items: [] };
      if (feedId !== undefined && folderId !== undefined)
        throw new AppError('INVALID_INPUT', 'Search one feed or one folder, not both at once.');
      const scope: SearchScope =
        feedId !== undefined
          ? { kind: 'feed', feedId }
          : folderId !== undefined
            ? { kind: 'folder', folderId }
            : { kind: 'all' };
      const scoped = repo.scoped(match, scope);
      const candidates = repo.candidates(scoped, limit, Math.max(rankWindow, limit));
      const ids = candidates.map((c) => c.id);
      const rows = new Map(ctx.library.items.byIds(ids).map((row) => [row.id, row]));
      const marks = new Map(repo.marks(scoped, ids, highlightStart, highlightEnd).map((m) => [m.id, m]));
      const hits: SearchHit[] = [];
      for (const id of ids) {
        const row = rows.get(id);
        const marked = marks.get(id);
        if (!row || !marked) continue;
        const content = snippetToText(marked.content);
        // The summary is the content's opening: a match further in shows from the content.
        const snippet = hasMark(content) ? content : hasMark(marked.summary) ? marked.summary : row.summary;
        hits.push({ ...toItemSummary(row), titleHighlighted: marked.title, snippet });
      }
      return { items: hits };
    },
  };
}
