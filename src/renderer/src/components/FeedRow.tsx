import type { Feed } from '../../../shared/api';
import { FeedIcon } from './FeedIcon';

const deliveryLabel: Record<Feed['delivery']['mode'], string> = {
  push: 'live by push',
  pending: 'push pending',
  polling: 'polled',
  denied: 'push denied, polled',
  error: 'push failed, polled',
};

/** One feed in the sidebar, in or out of a folder: delivery dot, icon (or letter tile), title, problem mark, unread count. */
export function FeedRow({
  feed,
  selected,
  onSelect,
}: {
  feed: Feed;
  selected: boolean;
  onSelect(feedId: number): void;
}) {
  return (
    <li>
      <button
        type="button"
        draggable
        className={`feed-row${selected ? ' selected' : ''}`}
        aria-current={selected ? 'true' : undefined}
        data-feed-id={feed.id}
        onClick={() => onSelect(feed.id)}
        title={feed.lastError ? feed.lastError.message : feed.feedUrl}
      >
        <span className={`dot ${feed.delivery.mode}`} aria-label={deliveryLabel[feed.delivery.mode]} />
        <FeedIcon iconUrl={feed.iconUrl} title={feed.title} size={16} />
        <span className="feed-title">{feed.title}</span>
        {feed.lastError && (
          <span className="warn" aria-label="has a problem">
            !
          </span>
        )}
        {feed.unreadCount > 0 && <span className="count">{feed.unreadCount}</span>}
      </button>
    </li>
  );
}
