import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../shared/api';
import type { ConnectedApi } from './api-client';

/** The user's settings, kept current by `settingsChanged`, and a way to change some. */
export function useSettings(api: ConnectedApi) {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    void api.getSettings({}).then((current) => live && setSettings(current));
    const off = api.on('settingsChanged', setSettings);
    return () => {
      live = false;
      off();
    };
  }, [api]);
  // Optimistic: a control shows its new value at once; a refused change puts the stored settings back.
  const update = useCallback(
    async (patch: Partial<Settings>) => {
      setSettings((current) => (current ? { ...current, ...patch } : current));
      try {
        setSettings(await api.updateSettings(patch));
      } catch (error) {
        setSettings(await api.getSettings({}));
        throw error;
      }
    },
    [api],
  );
  return { settings, update };
}
