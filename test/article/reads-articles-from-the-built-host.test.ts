import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { makeTempDir } from '../support/temp-dir';
import { startFixtureServer, send } from '../support/fixture-server';
import { rss } from '../support/feeds';
import { articlePage } from '../support/article-pages';

const root = join(import.meta.dirname, '..', '..');

test('the built host (esbuild bundle) starts the Readability worker and rules engine from node_modules', async () => {
  const dir = makeTempDir();
  const site = await startFixtureServer({
    '/story': send(articlePage('The ferry timetable changes again this winter'), 'text/html'),
  });
  site.route('/feed.xml', send(rss('Bundle feed', [{ id: 's', title: 'A story', link: site.url('/story') }])));
  const child = spawn(
    process.execPath,
    [join(root, 'out/host/cli.js'), '--data-dir', dir.path, '--token', 'bundle-token', '--no-push'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const call = async (method: string, arg: unknown) => {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: 'Bearer bundle-token' },
        body: JSON.stringify(arg),
      });
      return (await response.json()) as { ok: boolean; value: any; error?: { code: string } };
    };
    const rule = await call('saveRule', {
      field: 'title',
      match: 'pattern',
      value: '^a\\s',
      actions: ['star'],
      scope: { all: true },
    });
    assert.equal(rule.ok, true, JSON.stringify(rule));
    const added = await call('addFeed', { url: site.url('/feed.xml') });
    assert.equal(added.ok, true, JSON.stringify(added));
    const items = await call('listItems', { feedId: added.value.feed.id });
    assert.equal(items.value.items[0].starred, true, 'the RE2 rule ran in the bundle');
    const article = await call('extractArticle', { itemId: items.value.items[0].id });
    assert.equal(article.ok, true, JSON.stringify(article));
    assert.equal(article.value.title, 'The ferry timetable changes again this winter');
    assert.match(article.value.contentHtml, /breakwater/);
  } finally {
    child.kill('SIGKILL');
    await site.close();
    dir.remove();
  }
});
