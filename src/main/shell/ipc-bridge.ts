import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { eventChannel, eventNames, invokeChannel, methodNames, type Envelope } from '../../shared/api';
import { dispatch } from '../core/dispatch';
import type { Reader, Log } from '../core/reader';

/**
 * One loop registers the whole contract: each method is one `ipcMain.handle`
 * channel that checks the sender, validates the argument and answers an
 * envelope. Returns the unregister.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: Reader,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  log: Log,
): () => void {
  for (const method of methodNames) {
    ipcMain.handle(invokeChannel(method), async (event, arg: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This page may not use Tidings.' } };
      }
      return dispatch(core, method, arg, log);
    });
  }
  return () => methodNames.forEach((method) => ipcMain.removeHandler(invokeChannel(method)));
}

/** Forwards every core event to a window; returns the unsubscribe. */
export function forwardEvents(core: Reader, contents: Pick<WebContents, 'send' | 'isDestroyed'>): () => void {
  const known = new Set<string>(eventNames);
  return core.events.onAny((event, payload) => {
    if (known.has(event) && !contents.isDestroyed()) contents.send(eventChannel(event), payload);
  });
}
