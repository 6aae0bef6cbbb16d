import { test } from 'node:test';
import assert from 'node:assert/strict';
import { methodNames } from '../../src/shared/api';
import { startFixtureServer, send } from '../support/fixture-server';
import { startTestHost } from '../support/test-host';
import { atom } from '../support/feeds';

// Issue 15: what a stranger (or a broken client) posts to the API is bounded and checked before use.
// Every method, with arguments of every wrong shape and hostile values, answers in words: a 4xx
// envelope or a plain result, never a 5xx or INTERNAL, and the host keeps serving.
const values: unknown[] = [
  1,
  [1, 1, 99],
  null,
  -1,
  1e308,
  2 ** 60,
  'x',
  '💥'.repeat(5000),
  { a: { b: {} } },
  true,
  'http://[',
  'javascript:alert(1)',
  '\u0000',
  Array(5000).fill(1),
];
const keys = ['feedId', 'itemId', 'itemIds', 'url', 'folderId', 'name', 'text', 'base64', 'query', 'cursor'];
const moreKeys = ['limit', 'read', 'starred', 'ruleId', 'rule', 'title', 'feedIds', 'jobId', 'value', 'mode'];

test(
  'every method answers wrong or hostile arguments in words, never INTERNAL, and the host lives',
  { timeout: 120_000 },
  async () => {
    const site = await startFixtureServer({
      '/f.xml': send(atom('F', [{ id: 'a', title: 'A' }]), 'application/atom+xml'),
    });
    const t = await startTestHost();
    try {
      assert.equal((await t.call('addFeed', { url: site.url('/f.xml') })).status, 200);
      const bad: string[] = [];
      let calls = 0;
      const post = async (method: string, body: string) => {
        const response = await fetch(`${t.origin}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
          body,
        });
        const text = await response.text();
        calls++;
        if (response.status >= 500 || /INTERNAL/.test(text))
          bad.push(`${method} ${body.slice(0, 60)}: ${response.status} ${text.slice(0, 120)}`);
      };
      for (const method of methodNames) {
        const args: unknown[] = [null, [], 'str', 5];
        for (const key of [...keys, ...moreKeys]) for (const value of values) args.push({ [key]: value });
        for (const arg of args) await post(method, JSON.stringify(arg));
        for (const raw of ['', '{', '[[[[', '"\\ud800"', '{"a":1}{"b":2}', '{"__proto__":{"feedId":1}}'])
          await post(method, raw);
      }
      assert.ok(calls > 5_000, `${calls} calls`);
      assert.deepEqual(bad, []);
      assert.equal((await t.call('getStatus')).status, 200);
    } finally {
      await t.close();
      await site.close();
    }
  },
);
