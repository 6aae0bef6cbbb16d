import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../shared/api';

interface Props {
  settings: Settings;
  update(patch: Partial<Settings>): Promise<void>;
}

/** The shared feed's title (`sharedFeedTitle`) and the external hubs it names and pings (`shareHubUrls`). */
export function SharingSettings({ settings, update }: Props) {
  const [title, setTitle] = useState(settings.sharedFeedTitle);
  const [hubs, setHubs] = useState(settings.shareHubUrls.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const hubList = hubs
    .split(/\s+/)
    .map((url) => url.trim())
    .filter(Boolean);
  const changed = title !== settings.sharedFeedTitle || hubList.join('\n') !== settings.shareHubUrls.join('\n');

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await update({ sharedFeedTitle: title, shareHubUrls: hubList });
      setSaved(true);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <form className="sharing-settings" aria-label="Sharing settings" onSubmit={(event) => void save(event)}>
      <h3>Settings</h3>
      <label>
        Shared feed title
        <input type="text" value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <label>
        External hubs (one address a line)
        <textarea
          value={hubs}
          rows={2}
          placeholder="https://pubsubhubbub.appspot.com/"
          onChange={(event) => setHubs(event.target.value)}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        {saved && !changed && <span className="muted">Saved</span>}
        <button type="submit" className="primary" disabled={!changed}>
          Save settings
        </button>
      </div>
    </form>
  );
}
