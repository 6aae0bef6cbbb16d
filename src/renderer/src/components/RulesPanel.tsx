import { useCallback, useEffect, useState } from 'react';
import type { Feed, Folder, MethodArgs, Rule } from '../../../shared/api';
import type { ConnectedApi } from '../api-client';
import { RuleForm } from './RuleForm';

interface Props {
  api: ConnectedApi;
  feeds: Feed[];
  folders: Folder[];
  onClose(): void;
  /** After a rule ran over stored items: the lists may have changed. */
  onApplied(): void;
}

/** The rules panel: every rule in the order they run, to add, edit, reorder, switch off and delete. */
export function RulesPanel({ api, feeds, folders, onClose, onApplied }: Props) {
  const [rules, setRules] = useState<Rule[]>([]);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const reload = useCallback(() => api.listRules({}).then(setRules), [api]);
  useEffect(() => void reload().catch((error: unknown) => setMessage(String(error))), [reload]);

  const run = async (work: Promise<unknown>) => {
    try {
      await work;
      await reload();
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
      await reload().catch(() => undefined);
    }
  };
  const resave = (rule: Rule, change: Partial<MethodArgs['saveRule']>) => {
    const { name, enabled, field, match, value, actions, scope } = rule;
    return run(api.saveRule({ ruleId: rule.id, name, enabled, field, match, value, actions, scope, ...change }));
  };

  async function save(arg: MethodArgs['saveRule']) {
    const { applied } = await api.saveRule(arg);
    setEditing(null);
    setMessage(arg.applyToExisting ? `The rule changed ${applied} stored item${applied === 1 ? '' : 's'}.` : null);
    if (applied > 0) onApplied();
    await reload();
  }

  const scopeName = (rule: Rule) =>
    'feedId' in rule.scope
      ? (feeds.find((f) => f.id === (rule.scope as { feedId: number }).feedId)?.title ?? 'a feed')
      : 'folderId' in rule.scope
        ? `folder ${folders.find((f) => f.id === (rule.scope as { folderId: number }).folderId)?.name ?? ''}`
        : 'every feed';

  return (
    <div className="backdrop" onClick={onClose}>
      <div
        className="dialog rules-panel"
        role="dialog"
        aria-label="Rules"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => event.key === 'Escape' && (editing ? setEditing(null) : onClose())}
      >
        <h2>Rules</h2>
        <p className="hint-inline">Rules act on new items as they arrive, pushed or polled, from top to bottom.</p>
        {rules.length === 0 && !editing && <p className="hint-inline">No rules yet.</p>}
        <ol className="rule-list">
          {rules.map((rule, index) => (
            <li key={rule.id} className={rule.enabled ? '' : 'off'} data-rule-id={rule.id}>
              <label className="rule-enabled" title={rule.enabled ? 'On' : 'Off'}>
                <input
                  type="checkbox"
                  aria-label={`${rule.name} on`}
                  checked={rule.enabled}
                  onChange={() => {
                    // Shown switched at once (a controlled box would otherwise snap back until the save returns).
                    setRules((now) => now.map((r) => (r.id === rule.id ? { ...r, enabled: !rule.enabled } : r)));
                    void resave(rule, { enabled: !rule.enabled });
                  }}
                />
              </label>
              <span className="rule-name">
                {rule.name}
                <span className="rule-scope-name"> · {scopeName(rule)}</span>
              </span>
              <span className="rule-buttons">
                <button
                  type="button"
                  aria-label={`Move ${rule.name} up`}
                  disabled={index === 0}
                  onClick={() => void resave(rule, { position: index - 1 })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${rule.name} down`}
                  disabled={index === rules.length - 1}
                  onClick={() => void resave(rule, { position: index + 1 })}
                >
                  ↓
                </button>
                <button type="button" aria-label={`Edit ${rule.name}`} onClick={() => setEditing(rule)}>
                  Edit
                </button>
                <button
                  type="button"
                  aria-label={`Delete ${rule.name}`}
                  onClick={() => void run(api.deleteRule({ ruleId: rule.id }))}
                >
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ol>
        {message && (
          <p className="hint-inline" role="status">
            {message}
          </p>
        )}
        {editing ? (
          <RuleForm
            key={editing === 'new' ? 'new' : editing.id}
            rule={editing === 'new' ? null : editing}
            feeds={feeds}
            folders={folders}
            onSave={save}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Close
            </button>
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              Add a rule
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
