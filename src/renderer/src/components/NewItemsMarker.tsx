import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ConnectedApi } from '../api-client';

/** Rows get this long to be rendered before their position is checked. */
const renderDelayMs = 80;

const listOf = () => document.querySelector<HTMLElement>('.item-list');

/** Ids of rows that sit above the visible part of the list. */
function hiddenAbove(list: HTMLElement, ids: Iterable<number>): number[] {
  const top = list.getBoundingClientRect().top;
  const hidden: number[] = [];
  for (const id of ids) {
    const row = list.querySelector(`[data-item-id="${id}"]`);
    if (row ? row.getBoundingClientRect().bottom <= top + 1 : list.scrollTop > 0) hidden.push(id);
  }
  return hidden;
}

/**
 * "N new" when items arrive above the part of the list the user is reading:
 * the list keeps its scroll position (the browser's scroll anchoring), and
 * this says what came in; a click goes up to them.
 */
export function NewItemsMarker({ api, viewKey }: { api: ConnectedApi; viewKey: string }) {
  const [above, setAbove] = useState<ReadonlySet<number>>(new Set());
  const [host, setHost] = useState<Element | null>(null);

  useEffect(() => {
    setAbove(new Set());
    setHost(document.querySelector('section.items'));
  }, [viewKey]);

  useEffect(
    () =>
      api.on('itemsAdded', ({ items }) => {
        const ids = items.map((item) => item.id);
        setTimeout(() => {
          const list = listOf();
          const hidden = list ? hiddenAbove(list, ids) : [];
          if (hidden.length > 0) setAbove((previous) => new Set([...previous, ...hidden]));
        }, renderDelayMs);
      }),
    [api],
  );

  const watching = above.size > 0;
  useEffect(() => {
    const list = listOf();
    if (!watching || !list) return;
    // Scrolling up past them counts as seeing them.
    const onScroll = () =>
      setAbove((previous) => {
        const still = new Set(hiddenAbove(list, previous));
        return still.size === previous.size ? previous : still;
      });
    list.addEventListener('scroll', onScroll, { passive: true });
    return () => list.removeEventListener('scroll', onScroll);
  }, [watching]);

  if (!watching || !host) return null;
  return createPortal(
    <button
      type="button"
      className="new-items-marker"
      onClick={() => {
        listOf()?.scrollTo({ top: 0, behavior: 'smooth' });
        setAbove(new Set());
      }}
    >
      ↑ {above.size} new
    </button>,
    host,
  );
}
