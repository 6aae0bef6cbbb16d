import { useEffect, useRef } from 'react';
import type { Feed, ItemSummary } from '../../../shared/api';
import { relativeTime } from '../relative-time';

interface Props {
  title: string;
  feed: Feed | null;
  items: ItemSummary[];
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
}

export function ItemList(props: Props) {
  const { items, selected, feed } = props;
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <section className="items" aria-label="Items">
      <div className="pane-header">
        <h2 title={props.title}>{props.title}</h2>
        <div className="actions">
          <label className="toggle">
            <input type="checkbox" checked={props.unreadOnly} onChange={props.onToggleUnreadOnly} /> Unread
          </label>
          {feed && (
            <>
              <button type="button" onClick={props.onRefresh} disabled={props.refreshing} title="Fetch this feed now">
                {props.refreshing ? 'Refreshing…' : 'Refresh'}
              </button>
              <button type="button" onClick={props.onRemove} title="Stop following this feed">
                Remove
              </button>
            </>
          )}
        </div>
      </div>
      {feed?.lastError && (
        <p className="feed-error" role="status">
          {feed.lastError.message}
        </p>
      )}
      <ul ref={listRef} role="listbox" aria-label="Items" className="item-list">
        {items.map((item) => (
          <li
            key={item.id}
            role="option"
            aria-selected={item.id === selected}
            className={`item-row${item.read ? ' read' : ' unread'}${item.id === selected ? ' selected' : ''}`}
            data-item-id={item.id}
            onClick={() => props.onSelect(item.id)}
          >
            <span className="unread-mark" aria-label={item.read ? undefined : 'unread'} />
            <span className="item-title">{item.title}</span>
            <span className="item-meta">
              <span className="item-feed">{item.feedTitle}</span>
              <time dateTime={new Date(item.publishedAt).toISOString()}>{relativeTime(item.publishedAt)}</time>
            </span>
          </li>
        ))}
      </ul>
      {items.length === 0 && !props.loading && (
        <p className="hint">{props.unreadOnly ? 'Nothing unread here.' : 'No items yet.'}</p>
      )}
      {props.hasMore && (
        <button type="button" className="load-more" onClick={props.onLoadMore} disabled={props.loading}>
          {props.loading ? 'Loading…' : 'Older items'}
        </button>
      )}
    </section>
  );
}
