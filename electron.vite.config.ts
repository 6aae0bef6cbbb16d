import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
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
