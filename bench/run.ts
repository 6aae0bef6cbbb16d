/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command
 * line), one after another, each printing its own table. Benchmarks compare
 * side by side in one run and report ratios: this machine is shared and noisy.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort();

for (const file of files) {
  console.log(`\n## ${file.replace('.bench.ts', '')}`);
  const module = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as {
    default: () => Promise<void>;
  };
  await module.default();
}
