import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSharingCore, waitFor } from './sharing-core';
import { startFixtureServer } from '../support/fixture-server';

test('hubs named in shareHubUrls are advertised after ours and pinged with hub.mode=publish on each change; failures are retried and shown', async () => {
  const t = await startSharingCore();
  let answer = 500;
  const external = await startFixtureServer({
    '/': (_req, res) =>
      void res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer === 204 ? '' : 'busy, sorry'),
  });
  try {
    const { feedUrl: topic, hubUrl } = await t.core.getSharing({});
    await t.core.updateSettings({ shareHubUrls: [external.url('/')], sharedFeedTitle: 'What I read & liked' });
    // The hub list and the title are part of the document.
    const response = await fetch(topic!);
    const xml = await response.text();
    assert.equal(
      response.headers.get('link'),
      `<${topic}>; rel="self", <${hubUrl}>; rel="hub", <${external.url('/')}>; rel="hub"`,
    );
    assert.match(xml, /<title type="text">What I read &amp; liked<\/title>/);
    assert.ok(xml.indexOf(`href="${hubUrl}"`) < xml.indexOf(`href="${external.url('/')}"`));

    const failed = await waitFor(async () => {
      const [hub] = (await t.core.getSharing({})).hubs;
      return hub?.lastOk === false ? hub : null;
    }, 'the first, failed ping');
    assert.equal(failed.lastAnswer, 'HTTP 500: busy, sorry');
    assert.ok(failed.nextPingAt !== null);
    answer = 204;
    const ok = await waitFor(async () => {
      const [hub] = (await t.core.getSharing({})).hubs;
      return hub?.lastOk ? hub : null;
    }, 'the retried ping');
    assert.deepEqual([ok.lastAnswer, ok.nextPingAt], ['HTTP 204', null]);

    const before = external.requests.length;
    await t.core.shareItem({ itemId: t.itemIds[0]! });
    await waitFor(() => external.requests.length > before, 'a ping for the share');
    for (const ping of external.requests) {
      assert.equal(ping.method, 'POST');
      assert.equal(ping.headers['content-type'], 'application/x-www-form-urlencoded; charset=utf-8');
      assert.deepEqual(
        [...new URLSearchParams(ping.body.toString())],
        [
          ['hub.mode', 'publish'],
          ['hub.url', topic],
        ],
      );
    }
    // Removing it stops the pings and drops it from the panel.
    await t.core.updateSettings({ shareHubUrls: [] });
    assert.deepEqual((await t.core.getSharing({})).hubs, []);
  } finally {
    await t.close();
    await external.close();
  }
});
