import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AddFeedResult, FeedChoice } from '../../../shared/api';

interface Props {
  /** `asPage`: the page itself was chosen (its own h-entries), not a feed it advertises. */
  onAdd(url: string, asPage?: boolean): Promise<AddFeedResult>;
  onAdded(feedId: number): void;
  onClose(): void;
  /** Filled in from a feed link the desktop app was given; the user still confirms. */
  initialUrl?: string;
  /** Why that link held no usable address. */
  initialProblem?: string | null;
}

/** Add by feed or website address; shows progress, offers a choice when a page lists several feeds. */
export function AddFeedDialog({ onAdd, onAdded, onClose, initialUrl = '', initialProblem = null }: Props) {
  const [url, setUrl] = useState(initialUrl);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialProblem);
  const [choices, setChoices] = useState<FeedChoice[] | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !busy) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onClose]);

  async function add(address: string, asPage?: boolean) {
    setBusy(true);
    setError(null);
    try {
      const result = await onAdd(address, asPage);
      if ('choices' in result) setChoices(result.choices);
      else onAdded(result.feed.id);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The feed could not be added.');
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (url.trim()) void add(url.trim());
  }

  return (
    <div className="backdrop" onMouseDown={(event) => event.target === event.currentTarget && !busy && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="add-feed-title">
        <h2 id="add-feed-title">Add a feed</h2>
        <form onSubmit={submit}>
          <label htmlFor="add-feed-url">Feed or website address</label>
          <input
            id="add-feed-url"
            ref={inputRef}
            type="text"
            inputMode="url"
            placeholder="https://example.com/feed.xml"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            disabled={busy}
            autoComplete="off"
            spellCheck={false}
          />
          {busy && (
            <p className="progress" role="status">
              <span className="spinner" aria-hidden="true" /> Looking for a feed at {url.trim()}…
            </p>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {choices && (
            <fieldset className="choices">
              <legend>This page offers several feeds. Which one?</legend>
              {choices.map((choice) => (
                <button
                  key={choice.url}
                  type="button"
                  onClick={() => void add(choice.url, choice.type === 'text/html')}
                  disabled={busy}
                >
                  <strong>{choice.title}</strong>
                  <small>{choice.url}</small>
                </button>
              ))}
            </fieldset>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy || !url.trim()}>
              Add
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
