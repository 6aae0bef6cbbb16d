import type { Settings } from '../../shared/api';
import type { CoreContext, MethodsPart } from './context';
import { createSettingsRepo } from './db/settings-repo';

export const defaultSettings: Settings = {
  pushEnabled: true,
  allowHttpSecret: false,
  tunnelHost: 'https://localtunnel.me',
  tunnelSubdomain: null,
  publicUrl: null,
  pollIntervalMinutes: 30,
  pollMinMinutes: 5,
  pollMaxMinutes: 24 * 60,
  safetyPollHours: 12,
  notificationsEnabled: true,
  notificationsMutedFeedIds: [],
  keepReadDays: null,
  fullArticleFeedIds: [],
  loadRemoteImages: true,
  runInBackground: true,
  openAtLogin: false,
  sharedFeedTitle: 'Shared from Tidings',
  shareHubUrls: [],
};

export interface SettingsPart extends MethodsPart<'getSettings' | 'updateSettings'> {
  current(): Settings;
  /** Called with the new settings after every change; returns the unsubscribe. */
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void;
}

/** Settings stored in the profile, merged over defaults; a change is announced to the core and the UI. */
export function createSettings(ctx: CoreContext, overrides: Partial<Settings> = {}): SettingsPart {
  const repo = createSettingsRepo(ctx.db);
  const listeners = new Set<(settings: Settings, previous: Settings) => void>();
  let current: Settings = { ...defaultSettings, ...repo.get<Partial<Settings>>('settings', {}), ...overrides };

  return {
    current: () => current,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async getSettings() {
      return current;
    },
    async updateSettings(patch) {
      const previous = current;
      current = { ...current, ...patch };
      const stored = repo.get<Partial<Settings>>('settings', {});
      repo.set('settings', { ...stored, ...patch });
      for (const listener of [...listeners]) listener(current, previous);
      ctx.events.emit('settingsChanged', current);
      return current;
    },
  };
}
