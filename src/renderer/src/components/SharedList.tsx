import type { SharedEntry } from '../../../shared/api';
import { relativeTime } from '../relative-time';

interface Props {
  entries: SharedEntry[];
  selectedItemId: number | null;
  onOpen(itemId: number): void;
  onUnshare(entry: SharedEntry): void;
  onShowPanel(): void;
}

/** The Shared view: what the shared feed carries, newest first, with the notes; unshare from here. */
export function SharedList({ entries, selectedItemId, onOpen, onUnshare, onShowPanel }: Props) {
  return (
    <section className="items" aria-label="Items">
      <div className="pane-header feed-header">
        <h2 title="Shared">
          <span className="feed-header-name">Shared</span>
        </h2>
        <div className="actions">
          <span className="muted">
            {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
          </span>
          <button type="button" onClick={onShowPanel} title="The shared feed's address, its subscribers and hubs">
            Sharing…
          </button>
        </div>
      </div>
      {entries.length === 0 ? (
        <p className="hint">Nothing shared yet: press h on an item (or its Share button) to share it.</p>
      ) : (
        <ul className="shared-list" aria-label="Shared entries">
          {entries.map((entry) => (
            <li
              key={entry.id}
              className={entry.itemId !== null && entry.itemId === selectedItemId ? 'selected' : undefined}
              data-entry-id={entry.id}
            >
              <div className="shared-entry">
                {entry.itemId !== null ? (
                  <button type="button" className="shared-entry-title" onClick={() => onOpen(entry.itemId!)}>
                    {entry.title}
                  </button>
                ) : (
                  <span className="shared-entry-title" title="Its item is gone; the shared feed keeps the entry">
                    {entry.title}
                  </span>
                )}
                <span className="item-meta">
                  {entry.feedTitle} · shared {relativeTime(entry.sharedAt)}
                </span>
                {entry.note && <blockquote className="shared-note">{entry.note}</blockquote>}
              </div>
              <button
                type="button"
                aria-label={`Unshare ${entry.title}`}
                title="Take it out of the shared feed"
                onClick={() => onUnshare(entry)}
              >
                Unshare
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
