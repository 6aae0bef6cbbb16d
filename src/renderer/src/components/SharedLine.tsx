import type { SharedEntry } from '../../../shared/api';
import { relativeTime } from '../relative-time';

/** On a shared item in the reader: when it was shared, its note, and Unshare. */
export function SharedLine({ entry, onUnshare }: { entry: SharedEntry; onUnshare(entry: SharedEntry): void }) {
  return (
    <p className="shared-line" role="status" aria-label="Shared">
      <span>
        Shared {relativeTime(entry.sharedAt)}
        {entry.note ? ': ' : ''}
        {entry.note && <q className="shared-note-inline">{entry.note}</q>}
      </span>
      <button type="button" onClick={() => onUnshare(entry)}>
        Unshare
      </button>
    </p>
  );
}
