// A stand-in for the 'electron' module, so the built main process (out/main/index.js) can boot
// under plain Node, where Electron's binary can't run. It follows Electron's documented API
// (names, signatures, events, the quit sequence) for what the shell uses, reports every call as
// one JSON line on stdout, and takes commands on stdin, one JSON line each:
//   {"channel", "arg", "sender"?}            call an IPC handler          -> {"type":"reply", channel, value}
//   {"do":"app", "event", "args"?}           emit an app event (an Event object goes first)
//   {"do":"window", "event"}                 emit on the main window ("close" comes with an Event)
//   {"do":"setBounds", "bounds"}             the user moves or resizes the window
//   {"do":"focus"} / {"do":"blur"}           the window gains or loses focus
//   {"do":"trayMenu", "label"}               click an item of the tray's context menu
//   {"do":"trayClick"}                       click the tray icon
//   {"do":"notification", "index", "event"}  emit on a notification ("click")
//   {"do":"appMenu", "label"}                click an item of the application menu (by label, any depth)
// Each command is acknowledged with {"type":"done", "do"}.
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const report = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const call = (api, ...args) => report({ type: 'call', api, args: args.map(plain) });
/** JSON-safe copy: functions dropped, menus as their templates. */
function plain(value) {
  if (value instanceof Menu) return value.items.map(plain);
  if (value instanceof NativeImage) return { nativeImage: value.source };
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => typeof v !== 'function')
        .map(([k, v]) => [k, plain(v)]),
    );
  }
  return value;
}
const newEvent = () => {
  const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
  return event;
};

const handlers = new Map();
let loadedUrl = null;

class App extends EventEmitter {
  #ready = false;
  requestSingleInstanceLock(additionalData) {
    call('app.requestSingleInstanceLock', additionalData);
    return process.env.TIDINGS_STAND_IN_SECOND !== '1';
  }
  whenReady() {
    this.#ready = true;
    return Promise.resolve();
  }
  isReady = () => this.#ready;
  getPath(name) {
    if (name === 'userData') return process.env.TIDINGS_STAND_IN_USER_DATA;
    if (name === 'appData') return process.env.TIDINGS_STAND_IN_APP_DATA ?? '/nonexistent';
    return '/nonexistent';
  }
  getVersion = () => '0.0.0-stand-in';
  getName = () => 'Tidings';
  setBadgeCount(count) {
    call('app.setBadgeCount', count);
    return true;
  }
  setLoginItemSettings(settings) {
    call('app.setLoginItemSettings', settings);
  }
  getLoginItemSettings(options) {
    call('app.getLoginItemSettings', options);
    return {
      openAtLogin: false,
      wasOpenedAtLogin: process.env.TIDINGS_STAND_IN_AT_LOGIN === '1',
      status: 'not-registered',
    };
  }
  setAsDefaultProtocolClient(protocol, path, args) {
    call('app.setAsDefaultProtocolClient', protocol, path, args);
    return true;
  }
  focus(options) {
    call('app.focus', options);
  }
  setAppUserModelId(id) {
    call('app.setAppUserModelId', id);
  }
  // Electron's order: before-quit (preventable), windows close, will-quit (preventable), quit, exit.
  quit() {
    call('app.quit');
    const before = newEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    for (const window of [...BrowserWindow.windows]) window.destroy();
    const will = newEvent();
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.emit('quit', newEvent(), 0);
    this.exit(0);
  }
  exit(code = 0) {
    report({ type: 'exit', code });
    process.exit(code);
  }
}
export const app = new App();

class WebContents extends EventEmitter {
  #destroyed = false;
  setWindowOpenHandler() {}
  send(channel, ...args) {
    report({ type: 'event', channel, payload: args[0] });
  }
  isDestroyed = () => this.#destroyed;
  destroy() {
    this.#destroyed = true;
  }
}

export class BrowserWindow extends EventEmitter {
  static windows = [];
  static getAllWindows = () => [...BrowserWindow.windows];
  #visible = false;
  #focused = false;
  #minimized = false;
  #maximized = false;
  #destroyed = false;
  #bounds;
  constructor(options = {}) {
    super();
    BrowserWindow.windows.push(this);
    this.#bounds = {
      x: options.x ?? 100,
      y: options.y ?? 80,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    report({ type: 'window', webPreferences: options.webPreferences, options: plain(options) });
    this.webContents = new WebContents();
  }
  #call(name, ...args) {
    call(`BrowserWindow.${name}`, ...args);
  }
  show() {
    this.#call('show');
    this.#visible = true;
    this.#focused = true;
    this.emit('show');
  }
  hide() {
    this.#call('hide');
    this.#visible = false;
    this.#focused = false;
    this.emit('hide');
  }
  focus() {
    this.#call('focus');
    this.#focused = true;
  }
  blur() {
    this.#focused = false;
  }
  restore() {
    this.#call('restore');
    this.#minimized = false;
  }
  minimize() {
    this.#minimized = true;
  }
  maximize() {
    this.#call('maximize');
    this.#maximized = true;
  }
  isVisible = () => this.#visible;
  isFocused = () => this.#focused;
  isMinimized = () => this.#minimized;
  isMaximized = () => this.#maximized;
  isDestroyed = () => this.#destroyed;
  getBounds = () => ({ ...this.#bounds });
  getNormalBounds = () => ({ ...this.#bounds });
  setBounds(bounds) {
    this.#bounds = { ...this.#bounds, ...bounds };
    this.emit('resize');
    this.emit('move');
  }
  setOverlayIcon(overlay, description) {
    this.#call('setOverlayIcon', overlay, description);
  }
  close() {
    const event = newEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#visible = false;
    this.webContents.destroy();
    BrowserWindow.windows.splice(BrowserWindow.windows.indexOf(this), 1);
    this.emit('closed');
    if (BrowserWindow.windows.length === 0) app.emit('window-all-closed');
  }
  async #load(what) {
    report({ type: 'loaded', ...what });
    setImmediate(() => {
      if (this.#destroyed) return;
      this.webContents.emit('did-finish-load');
      // TIDINGS_STAND_IN_NO_PAINT=1: a window that never paints while hidden, so no ready-to-show.
      if (process.env.TIDINGS_STAND_IN_NO_PAINT !== '1') this.emit('ready-to-show');
      // After their listeners ran: what they did is reported before this line.
      report({ type: 'shown-ready' });
    });
  }
  async loadFile(file) {
    loadedUrl = pathToFileURL(file).href;
    await this.#load({ file });
  }
  async loadURL(url) {
    loadedUrl = url;
    await this.#load({ url });
  }
}

export class Menu {
  static #application = null;
  constructor(items = []) {
    this.items = items;
  }
  static buildFromTemplate(template) {
    return new Menu(template);
  }
  static setApplicationMenu(menu) {
    Menu.#application = menu;
    call('Menu.setApplicationMenu', menu);
  }
  static getApplicationMenu = () => Menu.#application;
}

let lastTray = null;
export class Tray extends EventEmitter {
  #destroyed = false;
  constructor(image, guid) {
    super();
    lastTray = this;
    call('new Tray', image instanceof NativeImage ? image.source : image, guid);
  }
  setToolTip(toolTip) {
    call('Tray.setToolTip', toolTip);
  }
  setContextMenu(menu) {
    this.menu = menu;
    call('Tray.setContextMenu', menu);
  }
  setImage(image) {
    call('Tray.setImage', image);
  }
  setTitle(title) {
    call('Tray.setTitle', title);
  }
  destroy() {
    this.#destroyed = true;
    call('Tray.destroy');
  }
  isDestroyed = () => this.#destroyed;
}

const notifications = [];
export class Notification extends EventEmitter {
  static isSupported = () => true;
  constructor(options = {}) {
    super();
    this.index = notifications.push(this) - 1;
    Object.assign(this, { title: options.title ?? '', body: options.body ?? '' });
    call('new Notification', options);
  }
  show() {
    call('Notification.show', this.index);
    this.emit('show', newEvent());
  }
  close() {
    call('Notification.close', this.index);
    this.emit('close', newEvent());
  }
}

class NativeImage {
  constructor(source) {
    this.source = source;
  }
  isEmpty = () => false;
  setTemplateImage() {}
}
export const nativeImage = {
  createFromPath: (path) => new NativeImage({ path }),
  createFromBuffer: (buffer, options) => new NativeImage({ bytes: buffer.length, options }),
  createEmpty: () => new NativeImage({}),
};

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
export const powerMonitor = new EventEmitter();
export const screen = {
  getAllDisplays: () => [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
  ],
};
export const dialog = {
  showErrorBox: (title, content) => call('dialog.showErrorBox', title, content),
};
export default {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  powerMonitor,
  screen,
  session,
  shell,
  Tray,
  dialog,
};

function findItem(items, label) {
  for (const item of items ?? []) {
    if (item.label === label) return item;
    const inside = findItem(Array.isArray(item.submenu) ? item.submenu : item.submenu?.items, label);
    if (inside) return inside;
  }
  return null;
}

const commands = {
  app: ({ event, args = [] }) => app.emit(event, newEvent(), ...args),
  window: ({ event }) => {
    const window = BrowserWindow.windows[0];
    if (event === 'close') window.close();
    else window.emit(event);
  },
  setBounds: ({ bounds }) => BrowserWindow.windows[0].setBounds(bounds),
  focus: () => BrowserWindow.windows[0].focus(),
  blur: () => BrowserWindow.windows[0].blur(),
  trayMenu: ({ label }) => {
    const item = findItem(lastTray?.menu?.items, label);
    if (!item) throw new Error(`no tray menu item ${label}`);
    item.click?.(item, undefined, {});
  },
  trayClick: () => lastTray.emit('click', {}, { x: 0, y: 0, width: 16, height: 16 }, { x: 0, y: 0 }),
  notification: ({ index, event }) => notifications[index].emit(event, newEvent()),
  appMenu: ({ label }) => {
    const item = findItem(Menu.getApplicationMenu()?.items, label);
    if (!item) throw new Error(`no app menu item ${label}`);
    item.click?.(item, BrowserWindow.windows[0], {});
  },
};

createInterface({ input: process.stdin }).on('line', async (line) => {
  const message = JSON.parse(line);
  if (message.do) {
    commands[message.do](message);
    report({ type: 'done', do: message.do });
    return;
  }
  const { channel, arg, sender } = message;
  const handler = handlers.get(channel);
  const value = handler
    ? await handler({ senderFrame: { url: sender ?? loadedUrl } }, arg)
    : { ok: false, error: { code: 'NO_HANDLER' } };
  report({ type: 'reply', channel, value });
});
