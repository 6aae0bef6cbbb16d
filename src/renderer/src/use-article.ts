import { useCallback, useEffect, useState } from 'react';
import type { Article, Item } from '../../shared/api';
import type { ConnectedApi } from './api-client';

export interface ArticleView {
  /** What the reader pane shows: the feed's text, or the page's article. */
  showing: 'feed' | 'article';
  article: Article | null;
  loading: boolean;
  /** Why the article could not be read, in the core's words. */
  error: string | null;
  /** The button and `v`: read the article (stored ones open at once, offline too), or go back to the feed's text. */
  toggle(): void;
}

interface State {
  itemId: number | null;
  showing: 'feed' | 'article';
  article: Article | null;
  loading: boolean;
  error: string | null;
}

const idle: State = { itemId: null, showing: 'feed', article: null, loading: false, error: null };

/** The reader view of the item shown; opens as the article by itself for feeds set to "Always show the full article". */
export function useArticle(api: ConnectedApi, item: Item | null, alwaysFull: boolean): ArticleView {
  const [state, setState] = useState<State>(idle);
  const itemId = item?.id ?? null;
  const canRead = Boolean(item?.link);

  const load = useCallback(
    (id: number) => {
      setState({ itemId: id, showing: 'article', article: null, loading: true, error: null });
      api.extractArticle({ itemId: id }).then(
        (article) => setState((s) => (s.itemId === id ? { ...s, article, loading: false } : s)),
        (error: unknown) =>
          setState((s) =>
            s.itemId === id
              ? { ...s, showing: 'feed', loading: false, error: error instanceof Error ? error.message : String(error) }
              : s,
          ),
      );
    },
    [api],
  );

  useEffect(() => {
    if (itemId === null) return setState(idle);
    if (alwaysFull && canRead) load(itemId);
    else setState({ ...idle, itemId });
  }, [itemId, alwaysFull, canRead, load]);

  const toggle = useCallback(() => {
    if (itemId === null || !canRead) return;
    if (state.showing === 'article') setState((s) => ({ ...s, showing: 'feed', loading: false }));
    else if (state.article) setState((s) => ({ ...s, showing: 'article', error: null }));
    else load(itemId);
  }, [itemId, canRead, state.showing, state.article, load]);

  const current = state.itemId === itemId ? state : idle;
  return { showing: current.showing, article: current.article, loading: current.loading, error: current.error, toggle };
}
