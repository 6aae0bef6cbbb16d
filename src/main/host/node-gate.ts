/**
 * The entry of `node out/host/cli.js`: checks the Node version, then loads the
 * host. In an ES module every static import is loaded before any code runs, so
 * the host (and better-sqlite3 with it) comes in through a dynamic import, only
 * once the check has passed. esbuild splits it into its own chunk.
 */
import { nodeVersionProblem } from './node-version';

const problem = nodeVersionProblem(process.versions);
if (problem) {
  console.error(problem);
  process.exitCode = 1;
} else {
  await import('./cli');
}
