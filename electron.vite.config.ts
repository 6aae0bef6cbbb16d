import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * The tray and window icons go next to the main bundle (out/main/icons/), under their own
 * names: Electron finds `@2x` variants and macOS "Template" images by file name.
 */
function shipIcons(): Plugin {
  const dir = resolve(import.meta.dirname, 'resources');
  return {
    name: 'tidings-icons',
    generateBundle() {
      for (const name of readdirSync(dir).filter((file) => file.endsWith('.png'))) {
        this.emitFile({ type: 'asset', fileName: `icons/${name}`, source: readFileSync(join(dir, name)) });
      }
    },
  };
}

export default defineConfig({
  main: {
    plugins: [shipIcons()],
    // Dependencies (better-sqlite3's native addon above all) stay in node_modules.
    build: {
      externalizeDeps: true,
      // The feed parser's worker thread is an entry of its own: out/main/parse-worker.js (feeds/parse-off-thread.ts).
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          'parse-worker': resolve(import.meta.dirname, 'src/main/core/feeds/parse-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload may require only 'electron': bundle the rest into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [react()],
    build: { rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } } },
  },
});
