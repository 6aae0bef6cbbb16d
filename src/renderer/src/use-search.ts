import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../shared/api';
import type { ConnectedApi } from './api-client';

export interface SearchScope {
  feedId?: number;
  folderId?: number;
}

/** Waits this long after the last keystroke before asking: fast typists send one query, not ten. */
const debounceMs = 150;

/**
 * As-you-type search: debounced, and only the answer to the latest query is
 * shown (an older, slower answer arriving late is dropped).
 */
export function useSearch(api: ConnectedApi, scope: SearchScope) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const { feedId, folderId } = scope;

  useEffect(() => {
    const ticket = ++latest.current;
    if (query.trim() === '') {
      setHits([]);
      setSearching(false);
      setError(null);
      return;
    }
    setSearching(true);
    const timer = setTimeout(() => {
      api
        .search({
          query,
          ...(feedId !== undefined ? { feedId } : {}),
          ...(folderId !== undefined ? { folderId } : {}),
        })
        .then(
          (result) => {
            if (ticket !== latest.current) return;
            setHits(result.items);
            setError(null);
          },
          (failure: unknown) => {
            if (ticket === latest.current) setError(failure instanceof Error ? failure.message : String(failure));
          },
        )
        .finally(() => ticket === latest.current && setSearching(false));
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [api, query, feedId, folderId]);

  /** Applies a read or starred change to the shown results at once. */
  const patchHits = useCallback(
    (ids: number[], patch: Partial<Pick<SearchHit, 'read' | 'starred'>>) =>
      setHits((previous) => previous.map((hit) => (ids.includes(hit.id) ? { ...hit, ...patch } : hit))),
    [],
  );

  return { query, setQuery, hits, searching, error, active: query.trim() !== '', patchHits };
}
