/**
 * The one main window over the app's life: created (shown, or hidden for a
 * start in the tray), hidden instead of closed while Tidings runs in the
 * background, brought back on demand, its bounds remembered. Requests for the
 * page (open the add-feed dialog, show an item) travel as contract events
 * through the core's event hub, so the generic forwarding loop carries them.
 */
import type { BrowserWindow, Shell } from 'electron';
import { eventChannel, type EventName, type EventPayloads } from '../../shared/api';
import type { Reader, Log } from '../core/reader';
import { createMainWindow, type WindowDeps } from './create-window';
import { forwardEvents } from './ipc-bridge';
import { boundsToRestore, readWindowState, writeWindowState, type Rect } from './window-state';

export type PageRequest = 'addFeedRequested' | 'itemOpenRequested';

export interface MainWindowDeps {
  BrowserWindow: WindowDeps['BrowserWindow'];
  shell: Pick<Shell, 'openExternal'>;
  preload: string;
  renderer: WindowDeps['renderer'];
  icon?: string;
  dark(): boolean;
  core: Reader;
  /** window-state.json in the profile. */
  stateFile: string;
  /** The screens' work areas, or null when they can't be asked. */
  workAreas(): Rect[] | null;
  /** Closing hides the window (true) or really closes it. */
  hideOnClose(): boolean;
  log: Log;
}

export interface MainWindow {
  /** Creates the window if there is none; `visible: false` loads it out of sight. */
  open(visible: boolean): BrowserWindow;
  /** Brings the window up, focused, creating it if needed. */
  show(): void;
  current(): BrowserWindow | null;
  /** Whether the user is looking at Tidings right now (visible, not minimised, focused). */
  isLooking(): boolean;
  /** Shows the window and asks the page to do something. */
  request<E extends PageRequest>(event: E, payload: EventPayloads[E]): void;
  saveBounds(): void;
}

const saveDelayMs = 500;

export function createMainWindowKeeper(deps: MainWindowDeps): MainWindow {
  let window: BrowserWindow | null = null;
  let maximizeOnShow = false;
  let loaded = false;
  /** Requests made before the page had loaded: sent again once it has (the preload keeps them for the page). */
  let waiting: Array<[EventName, unknown]> = [];
  let saveTimer: ReturnType<typeof setTimeout> | null = null;

  const alive = (): BrowserWindow | null => (window && !window.isDestroyed() ? window : null);

  function saveBounds(): void {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    const w = alive();
    if (!w) return;
    try {
      writeWindowState(deps.stateFile, w.getNormalBounds(), w.isMaximized());
    } catch (error) {
      deps.log('could not remember the window bounds', error);
    }
  }
  const saveSoon = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(saveBounds, saveDelayMs);
  };

  function reveal(w: BrowserWindow): void {
    if (maximizeOnShow) w.maximize();
    maximizeOnShow = false;
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  }

  function open(visible: boolean): BrowserWindow {
    const existing = alive();
    if (existing) return existing;
    const bounds = boundsToRestore(readWindowState(deps.stateFile), deps.workAreas());
    maximizeOnShow = bounds.maximized;
    loaded = false;
    const w = createMainWindow({
      BrowserWindow: deps.BrowserWindow,
      shell: deps.shell,
      preload: deps.preload,
      renderer: deps.renderer,
      dark: deps.dark(),
      bounds,
      icon: deps.icon,
      showWhenReady: false,
    });
    window = w;
    if (visible) {
      // ready-to-show comes at the first paint; did-finish-load stands in where no paint comes while hidden
      // (paintWhenInitiallyHidden off, a stalled GPU process). Whichever is first shows the window, once.
      let revealed = false;
      const revealOnce = () => {
        if (revealed || w.isDestroyed()) return;
        revealed = true;
        reveal(w);
      };
      w.once('ready-to-show', revealOnce);
      w.webContents.once('did-finish-load', revealOnce);
    }
    const stopForwarding = forwardEvents(deps.core, w.webContents);
    w.webContents.on('did-finish-load', () => {
      loaded = true;
      const again = waiting;
      waiting = [];
      for (const [event, payload] of again) w.webContents.send(eventChannel(event), payload);
    });
    w.on('resize', saveSoon);
    w.on('move', saveSoon);
    w.on('close', (event) => {
      saveBounds();
      if (deps.hideOnClose()) {
        event.preventDefault();
        w.hide();
      }
    });
    w.on('closed', () => {
      stopForwarding();
      if (window === w) window = null;
    });
    return w;
  }

  return {
    open,
    show: () => reveal(open(true)),
    current: alive,
    isLooking() {
      const w = alive();
      return w !== null && w.isVisible() && !w.isMinimized() && w.isFocused();
    },
    request(event, payload) {
      const w = open(true);
      reveal(w);
      deps.core.events.emit(event, payload);
      if (!loaded) waiting.push([event, payload]);
    },
    saveBounds,
  };
}
