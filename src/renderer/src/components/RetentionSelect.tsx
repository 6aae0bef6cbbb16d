import type { Settings } from '../../../shared/api';

interface Props {
  settings: Settings | null;
  update(patch: Partial<Settings>): Promise<unknown>;
}

const choices: Array<{ days: number | null; label: string }> = [
  { days: null, label: 'forever' },
  { days: 7, label: '1 week' },
  { days: 30, label: '1 month' },
  { days: 90, label: '3 months' },
  { days: 365, label: '1 year' },
];

/** How long read items are kept (unread and starred ones always are). */
export function RetentionSelect({ settings, update }: Props) {
  if (!settings) return null;
  const current = settings.keepReadDays;
  const label = choices.find((choice) => choice.days === current)?.label ?? `${current} days`;
  // Folded away until asked for: the status bar stays quiet, and the choices aren't on screen all the time.
  return (
    <details className="retention">
      <summary title="Read items older than this are deleted; unread and starred items are always kept">
        Keep read items: {label}
      </summary>
      <fieldset>
        <legend>Keep read items</legend>
        {choices.map((choice) => (
          <label key={choice.label}>
            <input
              type="radio"
              name="keep-read-days"
              checked={choice.days === current}
              onChange={() => void update({ keepReadDays: choice.days })}
            />{' '}
            {choice.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
