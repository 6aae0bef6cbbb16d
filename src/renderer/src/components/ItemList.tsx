import { useEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Feed, ItemSummary, SearchHit } from '../../../shared/api';
import { relativeTime } from '../relative-time';
import { Highlighted } from './Highlighted';
import { FeedDelivery } from './FeedDelivery';
import { FeedIcon } from './FeedIcon';

interface Props {
  title: string;
  feed: Feed | null;
  /** Items, or search hits (shown with their marked matches and a snippet). */
  items: Array<ItemSummary | SearchHit>;
  selected: number | null;
  unreadOnly: boolean;
  hasMore: boolean;
  loading: boolean;
  refreshing: boolean;
  onSelect(itemId: number): void;
  onToggleUnreadOnly(): void;
  onLoadMore(): void;
  onRefresh(): void;
  onRemove(): void;
  /** Shown above the list, and kept mounted whatever the list shows (so typing keeps focus). */
  searchBox?: ReactNode;
  /** Offered when something in the view is unread. */
  onMarkAllRead?(): void;
  /** What an empty list says, when the view has its own words for it. */
  emptyHint?: string;
  /** A feed's icon (data URL) for the rows, or null for its letter tile. */
  iconOf?(feedId: number): string | null;
}

/** Rows before the end at which the next page is asked for, so scrolling rarely waits. */
const loadAhead = 10;

const isHit = (item: ItemSummary | SearchHit): item is SearchHit => 'titleHighlighted' in item;

/**
 * The item list, virtualised by @tanstack/react-virtual: only the rows in view
 * (and a few either side) are in the DOM, so a view of 100,000 items scrolls as
 * lightly as one of 10. Older pages load as the end comes into view.
 */
export function ItemList(props: Props) {
  const { items, selected, feed, hasMore, loading, onLoadMore } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 58,
    overscan: 12,
    getItemKey: (index) => items[index]?.id ?? index,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.at(-1)?.index ?? -1;

  // Keep the selected row in view (j/k, or a selection made elsewhere).
  useEffect(() => {
    const index = items.findIndex((item) => item.id === selected);
    if (index !== -1) virtualizer.scrollToIndex(index, { align: 'auto' });
    // Only a new selection scrolls: new items arriving must not move the view.
  }, [selected]);

  useEffect(() => {
    if (hasMore && !loading && items.length > 0 && lastShown >= items.length - loadAhead) onLoadMore();
  }, [hasMore, loading, items.length, lastShown, onLoadMore]);

  return (
    <section className="items" aria-label="Items">
      {props.searchBox}
      {/* The name on a row of its own and the actions on one row below it: both fit at 720 px. */}
      <div className="pane-header feed-header">
        <h2 title={props.title}>
          {feed && <FeedIcon iconUrl={feed.iconUrl} title={feed.title} size={18} />}
          <span className="feed-header-name">{props.title}</span>
        </h2>
        <div className="actions">
          <label className="toggle">
            <input type="checkbox" checked={props.unreadOnly} onChange={props.onToggleUnreadOnly} /> Unread
          </label>
          {props.onMarkAllRead && (
            <button type="button" onClick={props.onMarkAllRead} title="Mark everything in this view read (A)">
              Mark all read
            </button>
          )}
          {feed && (
            <>
              <button
                type="button"
                className="icon-button"
                onClick={props.onRefresh}
                disabled={props.refreshing}
                aria-label="Refresh"
                title={props.refreshing ? 'Refreshing…' : 'Fetch this feed now'}
              >
                <span className={props.refreshing ? 'spin' : undefined}>⟳</span>
              </button>
              <button
                type="button"
                className="icon-button"
                onClick={props.onRemove}
                aria-label="Remove"
                title="Stop following this feed"
              >
                ✕
              </button>
            </>
          )}
        </div>
      </div>
      {feed && <FeedDelivery delivery={feed.delivery} />}
      {feed?.lastError && (
        <p className="feed-error" role="status">
          {feed.lastError.message}
        </p>
      )}
      <div ref={scrollRef} role="listbox" aria-label="Items" className="item-list">
        <div className="item-list-track" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const item = items[row.index]!;
            const hit = isHit(item) ? item : null;
            return (
              <div
                key={row.key}
                ref={virtualizer.measureElement}
                data-index={row.index}
                role="option"
                aria-selected={item.id === selected}
                aria-posinset={row.index + 1}
                aria-setsize={hasMore ? -1 : items.length}
                className={`item-row${item.read ? ' read' : ' unread'}${item.id === selected ? ' selected' : ''}`}
                data-item-id={item.id}
                style={{ transform: `translateY(${row.start}px)` }}
                onClick={() => props.onSelect(item.id)}
              >
                <span className="unread-mark" aria-label={item.read ? undefined : 'unread'} />
                <span className="item-title">{hit ? <Highlighted text={hit.titleHighlighted} /> : item.title}</span>
                {hit && hit.snippet && (
                  <span className="item-snippet">
                    <Highlighted text={hit.snippet} />
                  </span>
                )}
                <span className="item-meta">
                  <span className="item-feed">
                    <FeedIcon iconUrl={props.iconOf?.(item.feedId)} title={item.feedTitle} size={14} />
                    {item.feedTitle}
                  </span>
                  {item.starred && (
                    <span className="star" aria-label="starred" title="Starred (s)">
                      ★
                    </span>
                  )}
                  <time dateTime={new Date(item.publishedAt).toISOString()}>{relativeTime(item.publishedAt)}</time>
                </span>
              </div>
            );
          })}
        </div>
      </div>
      {items.length === 0 && !props.loading && (
        <p className="hint">{props.emptyHint ?? (props.unreadOnly ? 'Nothing unread here.' : 'No items yet.')}</p>
      )}
      {hasMore && (
        <button type="button" className="load-more" onClick={onLoadMore} disabled={loading}>
          {loading ? 'Loading…' : 'Older items'}
        </button>
      )}
    </section>
  );
}
