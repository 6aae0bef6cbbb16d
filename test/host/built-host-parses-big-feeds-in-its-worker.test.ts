import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { makeTempDir } from '../support/temp-dir';
import { startFixtureServer, send } from '../support/fixture-server';
import { offThreadBytes } from '../../src/main/core/feeds/parse-document';

const root = join(import.meta.dirname, '..', '..');

test('the built host (out/host/cli.js) parses a big JSON Feed in its worker thread, started from the bundle', async () => {
  const body = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Big bundled JSON',
    items: Array.from({ length: 600 }, (_, i) => ({ id: `n${i}`, content_html: `<p>${'Sea. '.repeat(120)}</p>` })),
  });
  assert.ok(body.length > offThreadBytes, 'over the worker threshold');
  const site = await startFixtureServer({ '/feed.json': send(body, 'application/feed+json') });
  const dir = makeTempDir();
  const child = spawn(
    process.execPath,
    [join(root, 'out/host/cli.js'), '--data-dir', dir.path, '--token', 'worker-token', '--no-push'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    let output = '';
    const origin = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const response = await fetch(`${origin}/api/addFeed`, {
      method: 'POST',
      headers: { authorization: 'Bearer worker-token' },
      body: JSON.stringify({ url: site.url('/feed.json') }),
    });
    const answer = (await response.json()) as { ok: boolean; value?: { added: number; feed: { title: string } } };
    assert.equal(answer.ok, true, JSON.stringify(answer));
    assert.equal(answer.value!.feed.title, 'Big bundled JSON');
    assert.equal(answer.value!.added, 600);
  } finally {
    child.kill('SIGKILL');
    await site.close();
    dir.remove();
  }
});
