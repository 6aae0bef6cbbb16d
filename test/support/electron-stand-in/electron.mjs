// A stand-in for the 'electron' module, so the built main process (out/main/index.js)
// can boot under plain Node, where Electron's binary can't run. It records what the
// shell asks of Electron and lets the test call the registered IPC handlers over
// stdin/stdout, one JSON line each way. Only the surface the shell uses is here.
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const handlers = new Map();
const report = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
let loadedUrl = null;
const appListeners = new Map();

export const app = {
  requestSingleInstanceLock: () => true,
  on: (event, fn) => void appListeners.set(event, fn),
  whenReady: () => Promise.resolve(),
  getPath: (name) => (name === 'userData' ? process.env.TIDINGS_STAND_IN_USER_DATA : '/nonexistent'),
  getVersion: () => '0.0.0-stand-in',
  quit: () => process.exit(0),
};

export class BrowserWindow {
  static windows = [];
  static getAllWindows = () => BrowserWindow.windows;
  constructor(options) {
    BrowserWindow.windows.push(this);
    report({ type: 'window', webPreferences: options.webPreferences });
    this.webContents = {
      setWindowOpenHandler() {},
      on() {},
      send: (channel, payload) => report({ type: 'event', channel, payload }),
      isDestroyed: () => false,
    };
  }
  once() {}
  on() {}
  isMinimized = () => false;
  async loadFile(file) {
    loadedUrl = pathToFileURL(file).href;
    report({ type: 'loaded', file });
  }
  async loadURL(url) {
    loadedUrl = url;
    report({ type: 'loaded', url });
  }
}

export const ipcMain = {
  handle(channel, fn) {
    handlers.set(channel, fn);
    if (channel === 'tidings:getStatus') setImmediate(() => report({ type: 'ready', channels: [...handlers.keys()] }));
  },
  removeHandler: (channel) => void handlers.delete(channel),
};
export const nativeTheme = { shouldUseDarkColors: false };
export const session = { defaultSession: { setPermissionRequestHandler() {} } };
export const shell = { openExternal: async () => {} };
export const powerMonitor = { on() {} };
export default { app, BrowserWindow, ipcMain, nativeTheme, session, shell, powerMonitor };

// {"channel": "...", "arg": {...}, "sender": "url"?} -> {"type": "reply", "channel", "value"}
createInterface({ input: process.stdin }).on('line', async (line) => {
  const { channel, arg, sender } = JSON.parse(line);
  const handler = handlers.get(channel);
  const value = handler
    ? await handler({ senderFrame: { url: sender ?? loadedUrl } }, arg)
    : { ok: false, error: { code: 'NO_HANDLER' } };
  report({ type: 'reply', channel, value });
});
