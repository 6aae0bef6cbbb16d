import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { once } from 'node:events';
import { makeTempDir } from '../support/temp-dir';

const root = join(import.meta.dirname, '..', '..');

test('npm run serve (the built host): one line with the address and token, then the API answers and SIGTERM stops it', async () => {
  const dir = makeTempDir();
  const child = spawn(
    process.execPath,
    [join(root, 'out/host/cli.js'), '--data-dir', dir.path, '--token', 'cli-token'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    let output = '';
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /Tidings is listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=cli-token)\n/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const url = new URL(line);
    const response = await fetch(`${url.origin}/api/getStatus`, {
      method: 'POST',
      headers: { authorization: 'Bearer cli-token' },
      body: '{}',
    });
    assert.equal(response.status, 200);
    const status = (await response.json()) as { value: { feedCount: number } };
    assert.equal(status.value.feedCount, 0);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  } finally {
    child.kill('SIGKILL');
    dir.remove();
  }
});

test('npm run serve refuses a bad port with a sentence, not a stack', async () => {
  const child = spawn(process.execPath, [join(root, 'out/host/cli.js'), '--port', 'ninety'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += chunk));
  const [code] = await once(child, 'exit');
  assert.equal(code, 1);
  assert.match(errors, /--port must be a port number/);
  assert.doesNotMatch(errors, /\n\s+at /);
});
