import type { Settings } from '../../../shared/api';
import { isDesktopApp } from '../api-client';

interface Props {
  settings: Settings | null;
  update(patch: Partial<Settings>): Promise<unknown>;
}

const switches = [
  {
    key: 'runInBackground',
    label: 'Run in background',
    title: 'Closing the window keeps Tidings in the tray, receiving pushes',
  },
  { key: 'openAtLogin', label: 'Start at login', title: 'Start Tidings hidden in the tray when you log in' },
] as const;

/** The desktop app's own switches: keep running in the tray when closed, start at login. */
export function DesktopSettings({ settings, update }: Props) {
  if (!settings || !isDesktopApp()) return null;
  return (
    <span className="desktop-settings">
      {switches.map(({ key, label, title }) => (
        <label key={key} className="toggle" title={title}>
          <input type="checkbox" checked={settings[key]} onChange={() => void update({ [key]: !settings[key] })} />{' '}
          {label}
        </label>
      ))}
    </span>
  );
}
