import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeVersionProblem, requiredNode } from '../../src/main/host/node-version';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'out/host/cli.js');

async function run(node: string, args: string[]) {
  const child = spawn(node, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return { code, signal, stderr, stdout };
}

test('a Node without Node-API 10 is named, with the Node Tidings needs; a new enough one passes', () => {
  for (const versions of [
    { node: '20.20.2', napi: '9' },
    { node: '22.13.1', napi: '9' },
    { node: '18.20.0', napi: '9' },
    { node: '21.0.0' },
  ]) {
    const problem = nodeVersionProblem(versions);
    assert.ok(problem, versions.node);
    assert.match(problem, new RegExp(`needs Node\\.js 22\\.14 or newer, and this is Node\\.js ${versions.node}\\.`));
  }
  assert.equal(nodeVersionProblem({ node: '22.14.0', napi: '10' }), null);
  assert.equal(nodeVersionProblem({ node: '24.21.0', napi: '10' }), null);
  assert.equal(nodeVersionProblem({ node: '26.0.0', napi: '11' }), null);
});

test('package.json asks npm for the same Node the check names', () => {
  const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } })
    .engines;
  assert.equal(engines.node, `>=${requiredNode}`);
});

test('the built host on an old Node prints the sentence and exits 1 before better-sqlite3 is loaded', async () => {
  const result = await run(process.execPath, ['--import', join(root, 'test/support/pretend-old-node.mjs'), cli]);
  assert.equal(result.signal, null);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^Tidings needs Node\.js 22\.14 or newer, and this is Node\.js 20\.20\.2\./);
  assert.doesNotMatch(result.stderr, /better-sqlite3 was loaded|\n\s+at /);
  assert.equal(result.stdout, '');
});

test('every older Node on this machine gets the sentence from the built host, not a segmentation fault', async () => {
  // `which -a node`: on this kind of machine /usr/bin/node is Node 20, which crashes on the addon.
  const found = execFileSync('sh', ['-c', 'which -a node || true'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const paths = [...new Set([...found, '/usr/bin/node'])];
  for (const node of paths) {
    let versions: { node: string; napi: string };
    try {
      versions = JSON.parse(execFileSync(node, ['-p', 'JSON.stringify(process.versions)'], { encoding: 'utf8' }));
    } catch {
      continue; // not there on this machine
    }
    if (nodeVersionProblem(versions) === null) continue;
    const result = await run(node, [cli]);
    assert.equal(result.signal, null, `${node} crashed`);
    assert.equal(result.code, 1, node);
    assert.match(
      result.stderr,
      new RegExp(`needs Node\\.js 22\\.14 or newer, and this is Node\\.js ${versions.node}\\.`),
    );
  }
  // The current Node (what npm runs) still starts the host past the check.
  const current = await run(process.execPath, [cli, '--port', 'ninety']);
  assert.equal(current.code, 1);
  assert.match(current.stderr, /--port must be a port number/);
});
