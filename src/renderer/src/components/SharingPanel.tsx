import { useState } from 'react';
import type { Settings, Sharing, SharingSubscriber } from '../../../shared/api';
import { relativeTime } from '../relative-time';
import { SharingSettings } from './SharingSettings';

interface Props {
  /** Kept current by `sharingChanged`: subscribers, deliveries and hub answers show as they happen. */
  sharing: Sharing | null;
  settings: Settings | null;
  update(patch: Partial<Settings>): Promise<void>;
  onClose(): void;
}

const when = (time: number | null) => (time === null ? '' : relativeTime(time));

/** Leases run for days: "9 days left" says more than "next wk.". */
function leaseLeft(expiresAt: number, now = Date.now()): string {
  const days = Math.floor((expiresAt - now) / 86_400_000);
  if (expiresAt <= now) return 'ended';
  return days >= 1 ? `${days} day${days === 1 ? '' : 's'} left` : `ends ${relativeTime(expiresAt, now)}`;
}

function deliveryOf(subscriber: SharingSubscriber): string {
  if (subscriber.lastDeliveryAt === null) return 'nothing delivered yet';
  return `${subscriber.lastDeliveryStatus ?? ''} ${when(subscriber.lastDeliveryAt)}`.trim();
}

function retriesOf(subscriber: SharingSubscriber): string {
  if (subscriber.nextDeliveryAt === null) return 'none';
  const tries = subscriber.retriesPending;
  return `${tries === 0 ? 'queued' : `${tries} failed`}, next ${when(subscriber.nextDeliveryAt)}`;
}

/** The Sharing panel (issue 12): the shared feed's address, who subscribes and how deliveries go, the external hubs. */
export function SharingPanel({ sharing, settings, update, onClose }: Props) {
  const [copied, setCopied] = useState(false);
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard (a page without permission): the address is selected for Ctrl+C instead.
      (document.getElementById('shared-feed-url') as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div className="backdrop" onClick={onClose}>
      <div
        className="dialog sharing-panel"
        role="dialog"
        aria-label="Sharing"
        tabIndex={-1}
        ref={(element) => element?.focus()}
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => event.key === 'Escape' && onClose()}
      >
        <h2>Sharing</h2>
        {!sharing ? (
          <p className="hint-inline">Reading the sharing state…</p>
        ) : (
          <>
            <section aria-label="Shared feed address">
              <h3>Your shared feed</h3>
              {sharing.feedUrl ? (
                <div className="copy-row">
                  <input
                    id="shared-feed-url"
                    type="text"
                    readOnly
                    aria-label="Shared feed address"
                    value={sharing.feedUrl}
                    onFocus={(event) => event.target.select()}
                  />
                  <button type="button" onClick={() => void copy(sharing.feedUrl!)}>
                    {copied ? 'Copied' : 'Copy'}
                  </button>
                </div>
              ) : (
                <p className="sharing-reason" role="status">
                  No public address: {sharing.reason ?? 'nothing public reaches Tidings.'}
                </p>
              )}
              <p className="hint-inline">
                {sharing.entryCount} {sharing.entryCount === 1 ? 'entry' : 'entries'}
                {sharing.hubUrl ? ` · hub ${sharing.hubUrl}` : ''}
              </p>
            </section>
            <section aria-label="Subscribers">
              <h3>Subscribers ({sharing.subscribers.length})</h3>
              {sharing.subscribers.length === 0 ? (
                <p className="hint-inline">Nobody subscribes yet.</p>
              ) : (
                <table className="sharing-table">
                  <thead>
                    <tr>
                      <th>Callback host</th>
                      <th>Lease ends</th>
                      <th>Last delivery</th>
                      <th>Retries</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sharing.subscribers.map((subscriber) => (
                      <tr key={subscriber.id} data-subscriber-id={subscriber.id}>
                        <td>
                          {subscriber.callbackHost}
                          {subscriber.signed ? ' (signed)' : ''}
                        </td>
                        <td title={new Date(subscriber.leaseExpiresAt).toLocaleString()}>
                          {leaseLeft(subscriber.leaseExpiresAt)}
                        </td>
                        <td
                          className={
                            subscriber.lastDeliveryOk === false ? 'bad' : subscriber.lastDeliveryOk ? 'good' : undefined
                          }
                        >
                          {deliveryOf(subscriber)}
                        </td>
                        <td>{retriesOf(subscriber)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section aria-label="External hubs">
              <h3>External hubs</h3>
              {sharing.hubs.length === 0 ? (
                <p className="hint-inline">None: only Tidings's own hub serves the feed.</p>
              ) : (
                <ul className="sharing-hubs">
                  {sharing.hubs.map((hub) => (
                    <li key={hub.url}>
                      <span className="hub-url">{hub.url}</span>{' '}
                      <span className={hub.lastOk === false ? 'bad' : hub.lastOk ? 'good' : 'muted'}>
                        {hub.lastAnswer === null ? 'not pinged yet' : `${hub.lastAnswer} ${when(hub.lastPingAt)}`}
                        {hub.nextPingAt !== null ? `, again ${when(hub.nextPingAt)}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
        {settings && <SharingSettings settings={settings} update={update} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
