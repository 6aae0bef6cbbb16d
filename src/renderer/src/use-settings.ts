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
  const update = useCallback((patch: Partial<Settings>) => api.updateSettings(patch).then(setSettings), [api]);
  return { settings, update };
}
