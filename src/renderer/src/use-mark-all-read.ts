import { useCallback, useState } from 'react';
import type { MethodArgs } from '../../shared/api';
import type { ConnectedApi } from './api-client';

export interface UndoOffer {
  message: string;
  undo(): void;
  dismiss(): void;
}

/**
 * "Mark all read" for the view's scope, and the undo offered after it. The
 * view reloads after either, so rows show the new state; counts follow from
 * the core's feedChanged events.
 */
export function useMarkAllRead(api: ConnectedApi, reload: () => Promise<void> | void, onError: (m: string) => void) {
  const [offer, setOffer] = useState<UndoOffer | null>(null);
  const report = useCallback(
    (error: unknown) => onError(error instanceof Error ? error.message : String(error)),
    [onError],
  );

  const markAllRead = useCallback(
    async (scope: MethodArgs['markAllRead']) => {
      try {
        const { changed, undoToken } = await api.markAllRead(scope);
        await reload();
        if (!undoToken) return;
        const dismiss = () => setOffer(null);
        setOffer({
          message: `Marked ${changed} ${changed === 1 ? 'item' : 'items'} read.`,
          dismiss,
          undo: () => {
            dismiss();
            api
              .undoMarkAllRead({ token: undoToken })
              .then(() => reload())
              .catch(report);
          },
        });
      } catch (error) {
        report(error);
      }
    },
    [api, reload, report],
  );

  return { markAllRead, offer };
}
