import { useState, type FormEvent } from 'react';
import type { Feed, Folder, MethodArgs, Rule, RuleAction, RuleField, RuleMatch } from '../../../shared/api';

const fieldLabels: Record<RuleField, string> = {
  title: 'Title',
  content: 'Text',
  author: 'Author',
  feed: 'Feed name',
  any: 'Title, text or author',
};
const actionLabels: Record<RuleAction, string> = {
  markRead: 'Mark read',
  star: 'Star',
  hide: 'Hide',
  notify: 'Notify',
};

/** A scope as one string for a <select>: "all", "feed:3", "folder:2". */
const scopeKey = (scope: Rule['scope']) =>
  'feedId' in scope ? `feed:${scope.feedId}` : 'folderId' in scope ? `folder:${scope.folderId}` : 'all';
function scopeOf(key: string): Rule['scope'] {
  const [kind, id] = key.split(':');
  if (kind === 'feed') return { feedId: Number(id) };
  if (kind === 'folder') return { folderId: Number(id) };
  return { all: true };
}

interface Props {
  rule: Rule | null;
  feeds: Feed[];
  folders: Folder[];
  onSave(arg: MethodArgs['saveRule']): Promise<void>;
  onCancel(): void;
}

/** Adds or edits one rule: "when <field> <contains words | matches pattern> <value>, then <actions>, in <scope>". */
export function RuleForm({ rule, feeds, folders, onSave, onCancel }: Props) {
  const [name, setName] = useState(rule?.name ?? '');
  const [field, setField] = useState<RuleField>(rule?.field ?? 'title');
  const [match, setMatch] = useState<RuleMatch>(rule?.match ?? 'words');
  const [value, setValue] = useState(rule?.value ?? '');
  const [actions, setActions] = useState<RuleAction[]>(rule?.actions ?? ['markRead']);
  const [scope, setScope] = useState(scopeKey(rule?.scope ?? { all: true }));
  const [applyToExisting, setApplyToExisting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSave({
        ...(rule ? { ruleId: rule.id } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
        field,
        match,
        value,
        actions,
        scope: scopeOf(scope),
        applyToExisting,
      });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  }

  const toggleAction = (action: RuleAction) =>
    setActions((now) => (now.includes(action) ? now.filter((a) => a !== action) : [...now, action]));

  return (
    <form className="rule-form" aria-label={rule ? 'Edit rule' : 'New rule'} onSubmit={(event) => void submit(event)}>
      <div className="rule-when">
        <span>When</span>
        <select aria-label="Field" value={field} onChange={(event) => setField(event.target.value as RuleField)}>
          {Object.entries(fieldLabels).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
        <select aria-label="Match" value={match} onChange={(event) => setMatch(event.target.value as RuleMatch)}>
          <option value="words">contains the words</option>
          <option value="pattern">matches the pattern</option>
        </select>
      </div>
      <input
        type="text"
        aria-label={match === 'words' ? 'Words' : 'Pattern'}
        placeholder={match === 'words' ? 'sponsor "black friday"' : '^(deal|sale):'}
        value={value}
        autoFocus
        onChange={(event) => setValue(event.target.value)}
      />
      <fieldset className="rule-actions">
        <legend>Then</legend>
        {(Object.keys(actionLabels) as RuleAction[]).map((action) => (
          <label key={action}>
            <input type="checkbox" checked={actions.includes(action)} onChange={() => toggleAction(action)} />{' '}
            {actionLabels[action]}
          </label>
        ))}
      </fieldset>
      <label className="rule-scope">
        In
        <select aria-label="Scope" value={scope} onChange={(event) => setScope(event.target.value)}>
          <option value="all">every feed</option>
          {folders.map((folder) => (
            <option key={`folder:${folder.id}`} value={`folder:${folder.id}`}>
              the folder {folder.name}
            </option>
          ))}
          {feeds.map((feed) => (
            <option key={`feed:${feed.id}`} value={`feed:${feed.id}`}>
              {feed.title}
            </option>
          ))}
        </select>
      </label>
      <input
        type="text"
        aria-label="Name"
        placeholder="Name (optional)"
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <label className="rule-existing">
        <input
          type="checkbox"
          checked={applyToExisting}
          onChange={(event) => setApplyToExisting(event.target.checked)}
        />{' '}
        Also apply to the items already here
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving || value.trim() === '' || actions.length === 0}>
          {saving ? 'Saving…' : 'Save rule'}
        </button>
      </div>
    </form>
  );
}
