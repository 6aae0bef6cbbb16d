// node --import ./register.mjs out/main/index.js: 'electron' resolves to the stand-in.
import { registerHooks } from 'node:module';

const standIn = new URL('./electron.mjs', import.meta.url).href;
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: standIn, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
