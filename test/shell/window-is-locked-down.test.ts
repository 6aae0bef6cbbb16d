import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserWindowConstructorOptions } from 'electron';
import { createMainWindow, isExternalWebUrl } from '../../src/main/shell/create-window';

/**
 * Electron can't load here, so the shell takes BrowserWindow and shell as
 * dependencies; this stand-in records what the window was given and lets the
 * test fire the navigation events Electron would.
 */
class RecordingWindow {
  static last: RecordingWindow;
  options: BrowserWindowConstructorOptions;
  handlers = new Map<string, (...args: unknown[]) => void>();
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  loaded: string | null = null;
  webContents = {
    setWindowOpenHandler: (fn: (details: { url: string }) => { action: string }) => void (this.openHandler = fn),
    on: (event: string, fn: (...args: unknown[]) => void) => void this.handlers.set(event, fn),
  };
  constructor(options: BrowserWindowConstructorOptions) {
    this.options = options;
    RecordingWindow.last = this;
  }
  once() {}
  show() {}
  loadFile(file: string) {
    this.loaded = file;
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
}

function open() {
  const opened: string[] = [];
  createMainWindow({
    BrowserWindow: RecordingWindow as never,
    shell: { openExternal: async (url: string) => void opened.push(url) },
    preload: '/app/out/preload/index.cjs',
    renderer: { file: '/app/out/renderer/index.html' },
    dark: false,
  });
  return { window: RecordingWindow.last, opened };
}

test('the window runs the renderer isolated and sandboxed, without Node', () => {
  const { window } = open();
  const prefs = window.options.webPreferences!;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.preload, '/app/out/preload/index.cjs');
  assert.equal(window.loaded, '/app/out/renderer/index.html');
});

test('window.open is always denied; only http(s) links go to the system browser', () => {
  const { window, opened } = open();
  for (const url of [
    'https://example.com/a',
    'http://example.com/b',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://x/y',
  ]) {
    assert.deepEqual(window.openHandler!({ url }), { action: 'deny' }, url);
  }
  assert.deepEqual(opened, ['https://example.com/a', 'http://example.com/b']);
});

test('navigation away from the app is prevented, and redirects and webviews too', () => {
  const { window, opened } = open();
  for (const [event, args] of [
    ['will-navigate', ['https://evil.example/']],
    ['will-navigate', ['file:///etc/passwd']],
    ['will-redirect', ['https://evil.example/']],
    ['will-attach-webview', [{}, {}]],
  ] as const) {
    let prevented = false;
    window.handlers.get(event)!({ preventDefault: () => (prevented = true) }, ...args);
    assert.ok(prevented, event);
  }
  assert.deepEqual(opened, ['https://evil.example/']);
});

test('only http and https count as external web links', () => {
  assert.equal(isExternalWebUrl('https://a.example'), true);
  assert.equal(isExternalWebUrl('HTTP://A.EXAMPLE/'), true);
  assert.equal(isExternalWebUrl('file:///x'), false);
  assert.equal(isExternalWebUrl('not a url'), false);
});
