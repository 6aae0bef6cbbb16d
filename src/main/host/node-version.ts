/**
 * Which Node the headless host can run on. better-sqlite3's prebuilt addon is
 * built for Node-API 10; an older Node does not refuse it politely, it ends in
 * a segmentation fault. So the command checks first and says what it needs.
 * No imports: the entry runs this before anything native is loaded.
 */

/** Node-API 10 arrived in Node.js 22.14.0 (and 23.6.0): the first Node that can load better-sqlite3 13. */
export const requiredNapi = 10;
export const requiredNode = '22.14';

interface Versions {
  node: string;
  napi?: string;
}

/** Null when this Node can run Tidings; otherwise the sentence to print. */
export function nodeVersionProblem(versions: Versions): string | null {
  const napi = Number(versions.napi);
  if (Number.isInteger(napi) && napi >= requiredNapi) return null;
  return (
    `Tidings needs Node.js ${requiredNode} or newer, and this is Node.js ${versions.node}. ` +
    `Run it with the Node that npm installs for it (npx node out/host/cli.js, or npm run serve), ` +
    `or install a newer Node.js from https://nodejs.org.`
  );
}
