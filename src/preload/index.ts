/**
 * Exposes the contract on `window.tidings`, built from the same name lists the
 * main process registers. Sandboxed: this file may only require 'electron'.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  eventChannel,
  eventNames,
  invokeChannel,
  methodNames,
  type EventName,
  type TidingsBridge,
} from '../shared/api';

const methods = new Set<string>(methodNames);
const events = new Set<string>(eventNames);

/**
 * Requests from the shell (a feed link to add, a clicked notification) can come
 * while the page is still starting, before it listens: the latest of each is
 * kept here and handed to the page's first listener.
 */
const heldUntilHeard: EventName[] = ['addFeedRequested', 'itemOpenRequested'];
const held = new Map<string, unknown>();
/** How many listeners the page has on each event. */
const listening = new Map<string, number>();
for (const event of heldUntilHeard) {
  ipcRenderer.on(eventChannel(event), (_event: IpcRendererEvent, payload: unknown) => {
    if (!listening.get(event)) held.set(event, payload);
  });
}

const bridge: TidingsBridge = {
  invoke(method, arg) {
    if (!methods.has(method)) return Promise.reject(new Error(`Unknown method ${method}`));
    return ipcRenderer.invoke(invokeChannel(method), arg);
  },
  on(event, listener) {
    if (!events.has(event)) throw new Error(`Unknown event ${event}`);
    const channel = eventChannel(event);
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, handler);
    listening.set(event, (listening.get(event) ?? 0) + 1);
    if (held.has(event)) {
      const payload = held.get(event);
      held.delete(event);
      queueMicrotask(() => listener(payload as never));
    }
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipcRenderer.removeListener(channel, handler);
      listening.set(event, (listening.get(event) ?? 1) - 1);
    };
  },
};

contextBridge.exposeInMainWorld('tidings', bridge);
