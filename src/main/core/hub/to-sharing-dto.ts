import type { SharedEntry, SharingHub, SharingSubscriber } from '../../../shared/api';
import type { SubscriberRow } from './hub-subscriptions-repo';
import type { PublishPingRow } from './publish-pings-repo';
import type { SharedEntryRow } from './shared-entries-repo';
import type { SharedAtomEntry } from './shared-atom';

export function toSharedEntry(row: SharedEntryRow): SharedEntry {
  return {
    id: row.id,
    itemId: row.item_id,
    title: row.title,
    link: row.link,
    author: row.author,
    note: row.note,
    summary: row.summary,
    feedTitle: row.source_title,
    feedUrl: row.source_url,
    sharedAt: row.shared_at,
  };
}

export function toAtomEntry(row: SharedEntryRow): SharedAtomEntry {
  return {
    atomId: row.atom_id,
    title: row.title,
    link: row.link,
    author: row.author,
    note: row.note,
    summary: row.summary,
    sourceTitle: row.source_title,
    sourceUrl: row.source_url,
    sourceSiteUrl: row.source_site_url,
    sharedAt: row.shared_at,
  };
}

export function toSharingSubscriber(row: SubscriberRow): SharingSubscriber {
  let callbackHost: string;
  try {
    callbackHost = new URL(row.callback).host;
  } catch {
    callbackHost = '?';
  }
  return {
    id: row.id,
    callbackHost,
    leaseExpiresAt: row.lease_expires_at,
    signed: row.secret !== null,
    lastDeliveryAt: row.last_delivery_at,
    lastDeliveryStatus: row.last_delivery_status,
    lastDeliveryOk: row.last_delivery_ok === null ? null : row.last_delivery_ok === 1,
    retriesPending: row.queued_attempts ?? 0,
    nextDeliveryAt: row.next_attempt_at,
  };
}

export function toSharingHub(row: PublishPingRow): SharingHub {
  return {
    url: row.hub_url,
    lastPingAt: row.last_ping_at,
    lastAnswer: row.last_answer,
    lastOk: row.last_ok === null ? null : row.last_ok === 1,
    nextPingAt: row.topic === null ? null : row.next_attempt_at,
  };
}
