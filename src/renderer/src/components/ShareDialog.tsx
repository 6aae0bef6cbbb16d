import { useState, type FormEvent } from 'react';
import type { SharedEntry } from '../../../shared/api';

interface Props {
  title: string;
  /** The entry when the item is shared already: the note can change, or it can be unshared. */
  entry: SharedEntry | null;
  onShare(note: string): Promise<unknown>;
  onUnshare(entry: SharedEntry): Promise<unknown>;
  onClose(): void;
}

/** Share an item (the Share button or `h`) with an optional note; shared, change the note or unshare. */
export function ShareDialog({ title, entry, onShare, onUnshare, onClose }: Props) {
  const [note, setNote] = useState(entry?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function run(work: () => Promise<unknown>) {
    setSaving(true);
    setError(null);
    try {
      await work();
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setSaving(false);
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => onShare(note));
  };

  return (
    <div className="backdrop" onClick={onClose}>
      <form
        className="dialog share-dialog"
        role="dialog"
        aria-label="Share"
        onClick={(event) => event.stopPropagation()}
        onSubmit={submit}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
          // Enter alone starts a new line in the note; Ctrl/Cmd+Enter shares.
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
        }}
      >
        <h2>{entry ? 'Shared' : 'Share'}</h2>
        <p className="share-title">{title}</p>
        <label>
          Note (optional)
          <textarea
            value={note}
            rows={3}
            maxLength={5000}
            autoFocus
            placeholder="Why it is worth reading"
            onChange={(event) => setNote(event.target.value)}
          />
        </label>
        <p className="hint-inline">It goes into your shared feed; whoever subscribes gets it pushed at once.</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {entry && (
            <button
              type="button"
              className="danger-button"
              disabled={saving}
              onClick={() => void run(() => onUnshare(entry))}
            >
              Unshare
            </button>
          )}
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {entry ? 'Save note' : 'Share'}
          </button>
        </div>
      </form>
    </div>
  );
}
