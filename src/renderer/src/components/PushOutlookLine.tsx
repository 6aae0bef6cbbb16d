import type { Delivery, PushOutlook } from '../../../shared/api';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A feed's delivery, once added, in the words the add-feed dialog used before: push via which hub, or polled and why. */
export function deliveryOutlook(delivery: Delivery): PushOutlook {
  const hubUrl = delivery.hubUrl;
  const host = hubUrl ? hostOf(hubUrl) : null;
  switch (delivery.mode) {
    case 'push':
      return { capable: true, live: true, hubUrl, reason: `Live by push via ${host}.` };
    case 'pending':
      return {
        capable: true,
        live: false,
        hubUrl,
        reason: `Subscribing at ${host}: live by push once the hub confirms, polled meanwhile.`,
      };
    default:
      return {
        capable: hubUrl !== null,
        live: false,
        hubUrl,
        reason: `Polled. ${delivery.reason ?? 'Tidings checks it now and then.'}`,
      };
  }
}

/** One line: a dot (green when live by push) and the reason. */
export function PushOutlookLine({ outlook }: { outlook: PushOutlook }) {
  const kind = outlook.live ? 'push' : outlook.capable ? 'pending' : 'polling';
  return (
    <span className={`push-outlook ${kind}`} data-push={kind}>
      <span className={`dot ${kind}`} aria-hidden="true" /> {outlook.reason}
    </span>
  );
}
