/**
 * Exposes the contract on `window.tidings`, built from the same name lists the
 * main process registers. Sandboxed: this file may only require 'electron'.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventChannel, eventNames, invokeChannel, methodNames, type TidingsBridge } from '../shared/api';

const methods = new Set<string>(methodNames);
const events = new Set<string>(eventNames);

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
    return () => void ipcRenderer.removeListener(channel, handler);
  },
};

contextBridge.exposeInMainWorld('tidings', bridge);
