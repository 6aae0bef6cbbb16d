import { useState } from 'react';
import type { ConnectedApi } from '../api-client';
import { useRefreshProgress } from '../use-refresh-progress';

/** "Refresh all", with how far it has got; also shows the catch-up polls the core runs on its own. */
export function RefreshAllButton({ api, onError }: { api: ConnectedApi; onError(message: string): void }) {
  const progress = useRefreshProgress(api);
  const [asked, setAsked] = useState(false);
  const running = asked || progress?.running === true;

  async function refreshAll() {
    setAsked(true);
    try {
      await api.refreshAll({});
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    } finally {
      setAsked(false);
    }
  }

  return (
    <span className="refresh-all">
      <button type="button" onClick={() => void refreshAll()} disabled={running} title="Fetch every feed now">
        {running ? 'Refreshing…' : 'Refresh all'}
      </button>
      {progress?.running && (
        <>
          <progress max={progress.total} value={progress.done} aria-label="Refresh progress" />
          <span aria-live="polite">
            {progress.done}/{progress.total}
            {progress.failed > 0 ? ` · ${progress.failed} failed` : ''}
          </span>
        </>
      )}
      {progress && !progress.running && progress.total > 0 && (
        <span aria-live="polite" title="The last refresh of every feed">
          {progress.added} new{progress.failed > 0 ? ` · ${progress.failed} failed` : ''}
        </span>
      )}
    </span>
  );
}
