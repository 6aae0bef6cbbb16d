import { useState } from 'react';
import type { Settings } from '../../../shared/api';

type PollField = 'pollIntervalMinutes' | 'pollMinMinutes' | 'pollMaxMinutes' | 'safetyPollHours';

const fields: Array<{ key: PollField; label: string; unit: string; max: number }> = [
  { key: 'pollIntervalMinutes', label: 'A new feed is checked every', unit: 'min', max: 10_080 },
  { key: 'pollMinMinutes', label: 'Never more often than every', unit: 'min', max: 10_080 },
  { key: 'pollMaxMinutes', label: 'Never less often than every', unit: 'min', max: 10_080 },
  { key: 'safetyPollHours', label: 'Feeds live by push are still checked every', unit: 'h', max: 168 },
];

interface Props {
  settings: Settings | null;
  update(patch: Partial<Settings>): Promise<unknown>;
  onError(message: string): void;
}

/**
 * How often feeds are polled. Each feed's interval then follows how often it
 * really changes, within these bounds (and never faster than its server asks).
 */
export function PollSettings({ settings, update, onError }: Props) {
  const [open, setOpen] = useState(false);
  if (!settings) return null;

  async function save(key: PollField, raw: string) {
    const value = Math.round(Number(raw));
    if (!Number.isFinite(value) || value < 1 || value === settings![key]) return;
    const next = { ...settings!, [key]: value };
    if (next.pollMinMinutes > next.pollMaxMinutes) {
      onError('The shortest polling interval must not be longer than the longest.');
      return;
    }
    try {
      await update({ [key]: value });
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <span className="poll-settings">
      <button
        type="button"
        onClick={() => setOpen((value) => !value)}
        aria-expanded={open}
        title="How often feeds are checked"
      >
        Polling…
      </button>
      {open && (
        <div className="poll-settings-panel" role="group" aria-label="Polling">
          {fields.map(({ key, label, unit, max }) => (
            <label key={`${key}:${settings[key]}`}>
              <span>{label}</span>
              <input
                type="number"
                min={1}
                max={max}
                defaultValue={settings[key]}
                onBlur={(event) => void save(key, event.currentTarget.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') void save(key, event.currentTarget.value);
                }}
              />
              <span>{unit}</span>
            </label>
          ))}
          <p className="hint">Each feed is checked about as often as it changes, within these bounds.</p>
        </div>
      )}
    </span>
  );
}
