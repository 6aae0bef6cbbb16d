import { test } from 'node:test';
import assert from 'node:assert/strict';
import { methodNames, invokeChannel, eventChannel } from '../../src/shared/api';
import { forwardEvents, registerIpc } from '../../src/main/shell/ipc-bridge';
import { startTestCore } from '../support/test-core';

type Handler = (event: { senderFrame: { url: string } }, arg: unknown) => Promise<unknown>;

test('one loop registers every contract method, checks the sender and validates arguments', async () => {
  const t = await startTestCore();
  try {
    const handlers = new Map<string, Handler>();
    const ipcMain = {
      handle: (channel: string, fn: Handler) => void handlers.set(channel, fn),
      removeHandler: (channel: string) => void handlers.delete(channel),
    };
    const trusted = 'file:///app/out/renderer/index.html';
    const unregister = registerIpc(
      ipcMain as never,
      t.core,
      (event) => event.senderFrame?.url === trusted,
      () => {},
    );
    assert.deepEqual([...handlers.keys()].sort(), methodNames.map(invokeChannel).sort());

    const status = (await handlers.get(invokeChannel('getStatus'))!({ senderFrame: { url: trusted } }, {})) as {
      ok: boolean;
    };
    assert.equal(status.ok, true);
    const stranger = await handlers.get(invokeChannel('listFeeds'))!(
      { senderFrame: { url: 'https://evil.example/' } },
      {},
    );
    assert.deepEqual(stranger, { ok: false, error: { code: 'FORBIDDEN', message: 'This page may not use Tidings.' } });
    const invalid = (await handlers.get(invokeChannel('getItem'))!(
      { senderFrame: { url: trusted } },
      { itemId: -1 },
    )) as {
      error: { code: string };
    };
    assert.equal(invalid.error.code, 'INVALID_INPUT');

    unregister();
    assert.equal(handlers.size, 0);
  } finally {
    await t.close();
  }
});

test('core events are forwarded to the window until it is destroyed or unsubscribed', async () => {
  const t = await startTestCore();
  try {
    const sent: Array<[string, unknown]> = [];
    let destroyed = false;
    const stop = forwardEvents(t.core, {
      send: (channel: string, payload: unknown) => void sent.push([channel, payload]),
      isDestroyed: () => destroyed,
    } as never);
    await t.core.updateSettings({ pushEnabled: false });
    assert.ok(
      sent.some(([channel]) => channel === eventChannel('settingsChanged')),
      `settingsChanged forwarded (got ${sent.map(([channel]) => channel).join(', ')})`,
    );
    const before = sent.length;
    destroyed = true;
    await t.core.updateSettings({ pushEnabled: true });
    assert.equal(sent.length, before, 'nothing is sent to a destroyed window');
    destroyed = false;
    stop();
    await t.core.updateSettings({ pushEnabled: false });
    assert.equal(sent.length, before, 'nothing is sent after unsubscribing');
  } finally {
    await t.close();
  }
});
