import { useEffect, useState } from 'react';
import type { RefreshProgress } from '../../shared/api';
import type { ConnectedApi } from './api-client';

/** The latest "refresh all" / catch-up progress the core announced (null before any). */
export function useRefreshProgress(api: ConnectedApi): RefreshProgress | null {
  const [progress, setProgress] = useState<RefreshProgress | null>(null);
  useEffect(() => api.on('refreshProgress', setProgress), [api]);
  return progress;
}
