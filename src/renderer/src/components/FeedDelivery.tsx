import type { Delivery, DeliveryMode } from '../../../shared/api';
import { relativeTime } from '../relative-time';

const headline: Record<DeliveryMode, string> = {
  push: 'Live: the hub pushes new items the moment they are published',
  pending: 'Subscribing: waiting for the hub to confirm',
  polling: 'Checked now and then (polling)',
  denied: 'The hub refused the subscription; polling instead',
  error: 'Push is failing; polling meanwhile',
};

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** How the selected feed's items reach Tidings, in words: the sidebar's dot, explained. */
export function FeedDelivery({ delivery }: { delivery: Delivery }) {
  const { mode, hubUrl, leaseExpiresAt, lastPingAt, rejectedSignatures, resubscribes, lastResubscribeAt, reason } =
    delivery;
  return (
    <details className={`feed-delivery ${mode}`}>
      <summary>
        <span className={`dot ${mode}`} aria-hidden="true" /> {headline[mode]}
      </summary>
      <dl>
        {reason && (
          <>
            <dt>Why</dt>
            <dd>{reason}</dd>
          </>
        )}
        {hubUrl && (
          <>
            <dt>Hub</dt>
            <dd title={hubUrl}>{hostOf(hubUrl)}</dd>
          </>
        )}
        {leaseExpiresAt !== null && (
          <>
            <dt>Subscription renews before</dt>
            <dd>
              <time dateTime={new Date(leaseExpiresAt).toISOString()}>{new Date(leaseExpiresAt).toLocaleString()}</time>
            </dd>
          </>
        )}
        <dt>Last push</dt>
        <dd>
          {lastPingAt !== null ? (
            <time dateTime={new Date(lastPingAt).toISOString()}>{relativeTime(lastPingAt)}</time>
          ) : (
            'none yet'
          )}
        </dd>
        {resubscribes > 0 && (
          <>
            <dt>Subscribed again</dt>
            <dd>
              {resubscribes === 1 ? 'once' : `${resubscribes} times`}, because a poll found items the hub never
              delivered
              {lastResubscribeAt !== null && (
                <>
                  {' '}
                  (last{' '}
                  <time dateTime={new Date(lastResubscribeAt).toISOString()}>{relativeTime(lastResubscribeAt)}</time>)
                </>
              )}
            </dd>
          </>
        )}
        {rejectedSignatures > 0 && (
          <>
            <dt>Rejected deliveries</dt>
            <dd className="warn-text">{rejectedSignatures} dropped: signed wrongly, so perhaps not from the hub</dd>
          </>
        )}
      </dl>
    </details>
  );
}
