import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions, Shell } from 'electron';
import { defaultWindowState, minWindowSize, type WindowState } from './window-state';

/** What the window factory needs from Electron, injected so tests can run it in plain Node. */
export interface WindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow;
  shell: Pick<Shell, 'openExternal'>;
  preload: string;
  /** The renderer: a dev server URL, or the built index.html file. */
  renderer: { url: string } | { file: string };
  dark: boolean;
  /** Size and place remembered from last time (window-state.ts); maximising is the caller's, on first show. */
  bounds?: WindowState;
  /** The window's icon (Linux shows it; Windows and macOS take the app's own). */
  icon?: string;
  /** False for a start hidden in the tray: the window loads but stays out of sight. */
  showWhenReady?: boolean;
}

export function windowOptions(
  preload: string,
  dark: boolean,
  bounds: WindowState = defaultWindowState,
  icon?: string,
): BrowserWindowConstructorOptions {
  const { x, y, width, height } = bounds;
  return {
    ...(x !== undefined && y !== undefined ? { x, y } : {}),
    width,
    height,
    minWidth: minWindowSize.width,
    minHeight: minWindowSize.height,
    ...(icon ? { icon } : {}),
    show: false,
    title: 'Tidings',
    backgroundColor: dark ? '#1b1d21' : '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}

/** Only web links leave the app, and only to the system browser. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The main window, locked down: no navigation away from the app, no new
 * windows; http(s) links open in the system browser and nothing else opens.
 */
export function createMainWindow(deps: WindowDeps): ElectronBrowserWindow {
  const window = new deps.BrowserWindow(windowOptions(deps.preload, deps.dark, deps.bounds, deps.icon));
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) void deps.shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (isExternalWebUrl(url)) void deps.shell.openExternal(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (deps.showWhenReady !== false) window.once('ready-to-show', () => window.show());
  if ('url' in deps.renderer) void window.loadURL(deps.renderer.url);
  else void window.loadFile(deps.renderer.file);
  return window;
}
