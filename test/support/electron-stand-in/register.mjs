// node --import ./register.mjs out/main/index.js: 'electron' resolves to the stand-in.
import { registerHooks } from 'node:module';

const standIn = new URL('./electron.mjs', import.meta.url).href;
// TIDINGS_STAND_IN_PLATFORM=win32 (or darwin): the main bundle reads that as process.platform, to
// play its Windows and macOS branches. Only the bundle's own code: native addons such as
// better-sqlite3 still load the binary built for the real OS.
const platform = process.env.TIDINGS_STAND_IN_PLATFORM;
const isMainBundle = (url) => url.endsWith('/out/main/index.js');

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: standIn, shortCircuit: true };
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    const loaded = nextLoad(url, context);
    if (!platform || !isMainBundle(url)) return loaded;
    const source = String(loaded.source).replaceAll('process.platform', JSON.stringify(platform));
    return { ...loaded, source };
  },
});
