/**
 * The Electron shell: window, tray, notifications, badge, feed links, menus and
 * lifecycle, wired from small parts in shell/. No business logic lives here; it
 * builds the core with startCore() like the headless host does, and the
 * decisions (what to notify, the badge, what a feed: link means, when to start
 * hidden) are plain functions in shell/ with their own tests.
 */
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeTheme,
  Notification,
  powerMonitor,
  session,
  shell,
  Tray,
  type IpcMainInvokeEvent,
} from 'electron';
// Used only where present (a headless stand-in may lack them): read through the namespace, never imported by name.
import * as electron from 'electron';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Settings } from '../shared/api';
import { startCore } from './core/start-core';
import { shellStartDelayMs } from './core/poller/create-poller';
import type { Reader } from './core/reader';
import { isExternalWebUrl } from './shell/create-window';
import { registerIpc } from './shell/ipc-bridge';
import { feedLinkInArgv, parseFeedLink } from './shell/feed-link';
import { createMainWindowKeeper, type MainWindow } from './shell/main-window';
import { createTrayIcon, type TrayIcon } from './shell/tray-icon';
import { startUnreadBadge } from './shell/unread-badge';
import { startDesktopNotifier } from './shell/desktop-notifier';
import { appMenuTemplate } from './shell/menus';
import { applyLoginItem, type LaunchCommand } from './shell/login-item';
import { shouldStartHidden } from './shell/start-hidden';
import { windowStateFileName } from './shell/window-state';
import { startFailure } from './shell/start-failure';
import { appUserModelId } from './shell/app-identity';

const devServer = process.env['ELECTRON_RENDERER_URL'];
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const preload = join(import.meta.dirname, '../preload/index.cjs');
const icons = join(import.meta.dirname, 'icons');
const platform = process.platform;

const log = (message: string, error?: unknown) => console.error(`[tidings] ${message}`, error ?? '');

/** Only our own renderer may call the core. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  if (devServer) return url.startsWith(devServer);
  return url === pathToFileURL(rendererFile).href || url.startsWith(`${pathToFileURL(rendererFile).href}#`);
}

const launch: LaunchCommand = {
  platform,
  execPath: process.execPath,
  defaultApp: process.defaultApp === true,
  appPath: process.argv[1] ? resolve(process.argv[1]) : '',
  appImage: process.env['APPIMAGE'],
};
// Windows: before any window or notification, or toasts never show.
const modelId = appUserModelId(launch);
if (modelId) app.setAppUserModelId(modelId);

/** Everything that exists once the core runs. */
interface Running {
  core: Reader;
  window: MainWindow;
  tray: TrayIcon;
  stop: Array<() => void>;
}
let running: Running | null = null;
let settings: Settings | null = null;
let quitting = false;
let shutDown: Promise<void> | null = null;
/** The core is closed: a quit may go ahead. */
let closed = false;
/** Feed links that came before the window could show them (macOS sends open-url before ready). */
const earlyLinks: string[] = [];

function openFeedLink(raw: string): void {
  if (!running) return void earlyLinks.push(raw);
  const link = parseFeedLink(raw);
  // Never added silently: the dialog opens filled in, for the user to confirm.
  running.window.request(
    'addFeedRequested',
    link.ok ? { url: link.url, problem: null } : { url: '', problem: link.problem },
  );
}

/** Closes the core cleanly (the database, the callback server, the tunnel) once, whoever asks first. */
function closeEverything(): Promise<void> {
  shutDown ??= (async () => {
    const current = running;
    if (!current) return;
    current.window.saveBounds();
    current.stop.forEach((stop) => stop());
    current.tray.destroy();
    await current.core.close();
  })()
    .catch((error: unknown) => log('closing failed', error))
    .finally(() => (closed = true));
  return shutDown;
}

/** Quit from the tray or the File menu: the core is closed first, then the app quits. */
function quit(): void {
  quitting = true;
  void closeEverything().finally(() => app.quit());
}

function registerFeedLinks(): void {
  for (const scheme of ['feed', 'feeds']) {
    // Run as `electron path/to/app` (npm start), the OS must be told to pass the app's path too.
    const registered = launch.defaultApp
      ? app.setAsDefaultProtocolClient(scheme, process.execPath, [launch.appPath])
      : app.setAsDefaultProtocolClient(scheme);
    if (!registered) log(`could not register as the handler of ${scheme}: links`);
  }
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'notifications'),
  );
  const userData = app.getPath('userData');
  let core: Reader;
  try {
    // A laptop behind NAT gets its push callbacks through a localtunnel (settings choose the server).
    core = await startCore({
      dataDir: userData,
      version: app.getVersion(),
      log,
      tunnel: true,
      pollerOptions: { startDelayMs: shellStartDelayMs },
    });
  } catch (error) {
    log('could not start', error);
    const failure = startFailure(error);
    electron.dialog?.showErrorBox(failure.title, failure.message);
    app.exit(1);
    return;
  }
  registerIpc(ipcMain, core, isTrustedSender, log);
  settings = await core.getSettings({});

  const window = createMainWindowKeeper({
    BrowserWindow,
    shell,
    preload,
    renderer: devServer ? { url: devServer } : { file: rendererFile },
    icon: platform === 'linux' ? join(icons, 'icon.png') : undefined,
    dark: () => nativeTheme.shouldUseDarkColors,
    core,
    stateFile: join(userData, windowStateFileName),
    workAreas: () => electron.screen?.getAllDisplays().map((display) => display.workArea) ?? null,
    // In the background, closing only hides; otherwise it closes (and, but on macOS, quits).
    hideOnClose: () => !quitting && settings?.runInBackground !== false,
    log,
  });
  const tray = createTrayIcon({
    Tray,
    Menu,
    icon: join(icons, platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
    platform,
    actions: {
      open: () => window.show(),
      refreshAll: () => void core.refreshAll({}).catch((error: unknown) => log('refresh all failed', error)),
      setNotificationsPaused: (paused) => void core.updateSettings({ notificationsEnabled: !paused }),
      quit,
    },
  });
  const current: Running = { core, window, tray, stop: [] };
  running = current;

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(
        platform,
        {
          addFeed: () => window.request('addFeedRequested', { url: '', problem: null }),
          refreshAll: () => void core.refreshAll({}).catch((error: unknown) => log('refresh all failed', error)),
        },
        Boolean(devServer),
      ),
    ),
  );

  const loginItem = platform === 'darwin' ? app.getLoginItemSettings() : null;
  const hidden = shouldStartHidden({
    argv: process.argv,
    runInBackground: settings.runInBackground,
    openedAtLogin: loginItem?.wasOpenedAtLogin === true,
  });
  window.open(!hidden);

  const loginItemDeps = { app, launch, autostartDir: () => join(app.getPath('appData'), 'autostart'), log };
  if (settings.openAtLogin) applyLoginItem(true, loginItemDeps);
  tray.sync(settings.runInBackground, !settings.notificationsEnabled);
  current.stop.push(
    core.events.on('settingsChanged', (now) => {
      const before = settings;
      settings = now;
      tray.sync(now.runInBackground, !now.notificationsEnabled);
      if (before?.openAtLogin !== now.openAtLogin) applyLoginItem(now.openAtLogin, loginItemDeps);
    }),
    startUnreadBadge({
      app,
      platform,
      core,
      window: window.current,
      setToolTip: tray.setToolTip,
      image: (png) => electron.nativeImage.createFromBuffer(png, { scaleFactor: 2 }),
      log,
    }),
    startDesktopNotifier({
      Notification,
      core,
      settings: () => settings!,
      isLooking: window.isLooking,
      open: (itemId) => window.request('itemOpenRequested', { itemId }),
      icon: platform === 'linux' ? join(icons, 'icon.png') : undefined,
      log,
    }),
  );

  // Hubs stop retrying after minutes: whatever was pushed while we slept is polled for on wake.
  powerMonitor.on('resume', () => {
    core.resume({}).catch((error: unknown) => log('catch-up after sleep failed', error));
  });
  // macOS: a click on the dock icon brings the window back.
  app.on('activate', () => window.show());

  const fromArgv = feedLinkInArgv(process.argv);
  for (const link of [...(fromArgv ? [fromArgv] : []), ...earlyLinks.splice(0)]) openFeedLink(link);
}

if (!app.requestSingleInstanceLock()) {
  // Tidings already runs: it gets this start's command line (and any feed link) through second-instance.
  app.quit();
} else {
  // Windows and Linux: a feed link clicked while Tidings runs starts a second instance with it.
  app.on('second-instance', (_event, argv) => {
    const link = feedLinkInArgv(argv);
    if (link) openFeedLink(link);
    else running?.window.show();
  });
  // macOS hands links over as open-url, possibly before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openFeedLink(url);
  });

  // Every web contents, not just our window: no navigation, no webviews, no popups.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalWebUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  registerFeedLinks();
  void app.whenReady().then(start);

  app.on('window-all-closed', () => {
    // In the background Tidings stays in the tray; otherwise, but on macOS, the last window closing quits.
    if (platform !== 'darwin' && settings?.runInBackground === false) app.quit();
  });

  // Cmd+Q, the menus' Quit role, the system logging out: close the core first, then quit for real.
  app.on('before-quit', (event) => {
    quitting = true;
    if (!running || closed) return;
    event.preventDefault();
    void closeEverything().finally(() => app.quit());
  });
}
