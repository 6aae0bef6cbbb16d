import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AddFeedResult, CheckFeedResult, FeedChoice, PushOutlook } from '../../../shared/api';
import { PushOutlookLine } from './PushOutlookLine';
import { useFeedCheck } from './use-feed-check';

interface Props {
  /** `asPage`: the page itself was chosen (its own h-entries), not a feed it advertises. */
  onAdd(url: string, asPage?: boolean): Promise<AddFeedResult>;
  /** What an address holds and whether it can push, without adding it: told before adding. */
  onCheck(url: string, asPage?: boolean): Promise<CheckFeedResult>;
  onAdded(feedId: number): void;
  onClose(): void;
  /** Filled in from a feed link the desktop app was given; the user still confirms. */
  initialUrl?: string;
  /** Why that link held no usable address. */
  initialProblem?: string | null;
}

/** Add by feed or website address; shows progress, offers a choice when a page lists several feeds. */
export function AddFeedDialog({ onAdd, onCheck, onAdded, onClose, initialUrl = '', initialProblem = null }: Props) {
  const [url, setUrl] = useState(initialUrl);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialProblem);
  const [choices, setChoices] = useState<FeedChoice[] | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const check = useFeedCheck(onCheck, url, busy || choices !== null);
  // Each choice's push outlook, checked once the choices are shown.
  const [choiceOutlooks, setChoiceOutlooks] = useState<Record<string, PushOutlook | 'checking' | 'failed'>>({});
  useEffect(() => {
    if (!choices) return;
    let current = true;
    for (const choice of choices.slice(0, 6)) {
      setChoiceOutlooks((all) => ({ ...all, [choice.url]: 'checking' }));
      onCheck(choice.url, choice.type === 'text/html').then(
        (result) =>
          current &&
          setChoiceOutlooks((all) => ({ ...all, [choice.url]: 'feed' in result ? result.feed.push : 'failed' })),
        () => current && setChoiceOutlooks((all) => ({ ...all, [choice.url]: 'failed' })),
      );
    }
    return () => {
      current = false;
    };
  }, [choices, onCheck]);

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
          {!busy && !choices && check.state === 'checking' && <p className="feed-check">Checking {check.url}…</p>}
          {!busy && !choices && check.state === 'done' && check.url && (
            <p className="feed-check" aria-label="What this address holds">
              {'feed' in check.result ? (
                <>
                  <strong>{check.result.feed.title}</strong> ({check.result.feed.itemCount} items
                  {check.result.feed.existingFeedId !== null ? ', already followed' : ''}):{' '}
                  <PushOutlookLine outlook={check.result.feed.push} />
                </>
              ) : (
                <>This page offers {check.result.choices.length} feeds: press Add to choose one.</>
              )}
            </p>
          )}
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
                  <ChoiceOutlook outlook={choiceOutlooks[choice.url]} />
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

function ChoiceOutlook({ outlook }: { outlook: PushOutlook | 'checking' | 'failed' | undefined }) {
  if (outlook === undefined || outlook === 'failed') return null;
  if (outlook === 'checking') return <small className="feed-check">Checking whether it pushes…</small>;
  return (
    <small>
      <PushOutlookLine outlook={outlook} />
    </small>
  );
}
