import { useCallback, useEffect, useState } from 'react';
import type { ImportOpmlResult, ImportProgress } from '../../shared/api';
import type { ConnectedApi } from './api-client';
import { readFileBase64 } from './read-file-base64';

export interface ImportState {
  /** Null for an import this window did not start (another window, or before a reload). */
  fileName: string | null;
  result: ImportOpmlResult | null;
  progress: ImportProgress | null;
}

/** Import (file -> core) and export (core -> download), with the running import's progress. */
export function useOpml(api: ConnectedApi, onError: (message: string) => void) {
  const [state, setState] = useState<ImportState | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(
    () =>
      api.on('importProgress', (progress) =>
        setState((current) =>
          // Progress of an import this window did not start (another window, or before a reload) shows too.
          current && (current.result?.jobId === progress.jobId || current.progress?.jobId === progress.jobId)
            ? { ...current, progress }
            : { fileName: null, result: null, progress },
        ),
      ),
    [api],
  );

  const importFile = useCallback(
    async (file: File) => {
      setBusy(true);
      try {
        const result = await api.importOpml({ base64: await readFileBase64(file) });
        setState((current) => ({
          fileName: file.name,
          result,
          // The first progress event can arrive before the answer: keep it if it is this job's.
          progress: current?.progress && current.progress.jobId === result.jobId ? current.progress : null,
        }));
      } catch (error) {
        onError(error instanceof Error ? error.message : String(error));
      } finally {
        setBusy(false);
      }
    },
    [api, onError],
  );

  const exportNow = useCallback(async () => {
    try {
      const { text, fileName } = await api.exportOpml({});
      // A download works in the browser host and in Electron (which shows its save dialog for it).
      const url = URL.createObjectURL(new Blob([text], { type: 'text/x-opml;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    }
  }, [api, onError]);

  return { state, busy, importFile, exportNow, dismiss: () => setState(null) };
}
