import { useState, type FormEvent } from 'react';

interface Props {
  title: string;
  initial?: string;
  action: string;
  onSubmit(name: string): Promise<void>;
  onClose(): void;
}

/** Asks for a folder name (window.prompt does not exist in Electron). */
export function FolderNameDialog({ title, initial = '', action, onSubmit, onClose }: Props) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSubmit(name);
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="backdrop" onClick={onClose}>
      <form
        className="dialog"
        role="dialog"
        aria-label={title}
        onClick={(event) => event.stopPropagation()}
        onSubmit={(event) => void submit(event)}
        onKeyDown={(event) => event.key === 'Escape' && onClose()}
      >
        <h2>{title}</h2>
        <label>
          Folder name
          <input type="text" value={name} autoFocus onChange={(event) => setName(event.target.value)} />
        </label>
        {error && <p className="error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving || name.trim() === ''}>
            {action}
          </button>
        </div>
      </form>
    </div>
  );
}
