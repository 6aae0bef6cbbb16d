// node --import ./pretend-old-node.mjs out/host/cli.js: this Node says it is Node 20 (Node-API 9),
// and loading better-sqlite3 fails loudly, so a test sees whether the version check ran first.
import { registerHooks } from 'node:module';

Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.20.2', napi: '9' } });
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'better-sqlite3') throw new Error('better-sqlite3 was loaded before the Node version check');
    return nextResolve(specifier, context);
  },
});
