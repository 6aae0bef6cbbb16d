import type { ReactNode } from 'react';
import type { Feed } from '../../../shared/api';

interface Props {
  feeds: Feed[];
  totalUnread: number;
  selected: number | null;
  onSelect(feedId: number | null): void;
  onAdd(): void;
  /** Rows for views other than feeds (the starred view), listed under "All items". */
  views?: ReactNode;
  /** The folders and their feeds (issue 6), listed above the feeds in no folder. */
  folders?: ReactNode;
}

export function FeedList({ feeds, totalUnread, selected, onSelect, onAdd, views, folders }: Props) {
  return (
    <nav className="feeds" aria-label="Feeds">
      <div className="pane-header">
        <span className="brand">Tidings</span>
        <button type="button" className="primary" onClick={onAdd} title="Add a feed (a)">
          + Add feed
        </button>
      </div>
      <ul role="list">
        <li>
          <button
            type="button"
            className={`feed-row${selected === null ? ' selected' : ''}`}
            aria-current={selected === null ? 'true' : undefined}
            onClick={() => onSelect(null)}
          >
            <span className="feed-title">All items</span>
            {totalUnread > 0 && <span className="count">{totalUnread}</span>}
          </button>
        </li>
        {views}
        {folders}
        {feeds.map((feed) => (
          <li key={feed.id}>
            <button
              type="button"
              className={`feed-row${selected === feed.id ? ' selected' : ''}`}
              aria-current={selected === feed.id ? 'true' : undefined}
              data-feed-id={feed.id}
              draggable
              onClick={() => onSelect(feed.id)}
              title={feed.lastError ? feed.lastError.message : feed.feedUrl}
            >
              <span
                className={`dot ${feed.delivery.mode}`}
                aria-label={feed.delivery.mode === 'push' ? 'live by push' : feed.delivery.mode}
              />
              <span className="feed-title">{feed.title}</span>
              {feed.lastError && (
                <span className="warn" aria-label="has a problem">
                  !
                </span>
              )}
              {feed.unreadCount > 0 && <span className="count">{feed.unreadCount}</span>}
            </button>
          </li>
        ))}
      </ul>
      {feeds.length === 0 && (
        <p className="hint">No feeds yet. Add one with its address or just a website&apos;s address.</p>
      )}
    </nav>
  );
}
