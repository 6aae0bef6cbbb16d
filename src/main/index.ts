/**
 * The Electron shell: window, lifecycle and the IPC loop. No business logic
 * lives here; it builds the core with startCore() like the headless host does.
 */
import {
  app,
  BrowserWindow,
  ipcMain,
  nativeTheme,
  powerMonitor,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCore } from './core/start-core';
import { shellStartDelayMs } from './core/poller/create-poller';
import type { Reader } from './core/reader';
import { createMainWindow, isExternalWebUrl } from './shell/create-window';
import { forwardEvents, registerIpc } from './shell/ipc-bridge';

const devServer = process.env['ELECTRON_RENDERER_URL'];
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const preload = join(import.meta.dirname, '../preload/index.cjs');

let core: Reader | null = null;
let window: BrowserWindow | null = null;

const log = (message: string, error?: unknown) => console.error(`[tidings] ${message}`, error ?? '');

/** Only our own renderer may call the core. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  if (devServer) return url.startsWith(devServer);
  return url === pathToFileURL(rendererFile).href || url.startsWith(`${pathToFileURL(rendererFile).href}#`);
}

function openWindow(reader: Reader): void {
  window = createMainWindow({
    BrowserWindow,
    shell,
    preload,
    renderer: devServer ? { url: devServer } : { file: rendererFile },
    dark: nativeTheme.shouldUseDarkColors,
  });
  const stopForwarding = forwardEvents(reader, window.webContents);
  window.on('closed', () => {
    stopForwarding();
    window = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  // Every web contents, not just our window: no navigation, no webviews, no popups.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalWebUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
      callback(permission === 'notifications'),
    );
    // A laptop behind NAT gets its push callbacks through a localtunnel (settings choose the server).
    core = await startCore({
      dataDir: app.getPath('userData'),
      version: app.getVersion(),
      log,
      tunnel: true,
      pollerOptions: { startDelayMs: shellStartDelayMs },
    });
    registerIpc(ipcMain, core, isTrustedSender, log);
    // Hubs stop retrying after minutes: whatever was pushed while we slept is polled for on wake.
    powerMonitor.on('resume', () => {
      core?.resume({}).catch((error: unknown) => log('catch-up after sleep failed', error));
    });
    openWindow(core);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0 && core) openWindow(core);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    void core.close().finally(() => app.quit());
  });
}
