import { useEffect } from 'react';
import type { Feed } from '../../../shared/api';
import { deliveryOutlook, PushOutlookLine } from './PushOutlookLine';

/**
 * After adding: how the new feed's items will arrive, kept up to date as the
 * hub confirms (pending, then live by push) or push fails. Not modal; it goes
 * away on a click or after a while.
 */
export function AddedFeedNotice({ feed, onDismiss }: { feed: Feed | undefined; onDismiss(): void }) {
  useEffect(() => {
    const timer = setTimeout(onDismiss, 20_000);
    return () => clearTimeout(timer);
  }, [onDismiss]);
  if (!feed) return null;
  return (
    <div className="added-feed-notice" role="status" aria-label="Feed added" onClick={onDismiss}>
      Added <strong>{feed.title}</strong>: <PushOutlookLine outlook={deliveryOutlook(feed.delivery)} />
    </div>
  );
}
