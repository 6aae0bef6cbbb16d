import type { ReactNode } from 'react';
import type { Feed } from '../../../shared/api';
import { FeedRow } from './FeedRow';

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
          <FeedRow key={feed.id} feed={feed} selected={selected === feed.id} onSelect={onSelect} />
        ))}
      </ul>
      {feeds.length === 0 && (
        <p className="hint">No feeds yet. Add one with its address or just a website&apos;s address.</p>
      )}
    </nav>
  );
}
