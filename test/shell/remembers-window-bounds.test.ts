import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boundsToRestore, readWindowState, writeWindowState } from '../../src/main/shell/window-state';
import { makeTempDir } from '../support/temp-dir';

const laptop = [{ x: 0, y: 0, width: 1440, height: 875 }];
const twoScreens = [...laptop, { x: 1440, y: -200, width: 2560, height: 1400 }];

test('the saved size and place come back as they were, on a screen that is still there', () => {
  const dir = makeTempDir();
  try {
    const file = join(dir.path, 'window-state.json');
    writeWindowState(file, { x: 1600.4, y: -100, width: 1800, height: 1000 }, true);
    assert.deepEqual(boundsToRestore(readWindowState(file), twoScreens), {
      x: 1600,
      y: -100,
      width: 1800,
      height: 1000,
      maximized: true,
    });
  } finally {
    dir.remove();
  }
});

test('a place on a screen that is gone is dropped (the system centres the window), and its size fits what is left', () => {
  const saved = { x: 1600, y: -100, width: 1800, height: 1000, maximized: false };
  assert.deepEqual(boundsToRestore(saved, laptop), { width: 1440, height: 875, maximized: false });
  // Only a sliver of the title bar on screen does not count.
  assert.equal(boundsToRestore({ x: 1400, y: 10, width: 900, height: 600 }, laptop).x, undefined);
  assert.equal(boundsToRestore({ x: -850, y: 10, width: 900, height: 600 }, laptop).x, undefined);
  assert.equal(boundsToRestore({ x: 100, y: 900, width: 900, height: 600 }, laptop).x, undefined);
  // Without a way to ask about screens, the saved place is trusted.
  assert.deepEqual(boundsToRestore(saved, null), saved);
});

test('a missing, broken or nonsense file gives the default window; sizes stay within bounds', () => {
  const dir = makeTempDir();
  try {
    const file = join(dir.path, 'window-state.json');
    assert.equal(readWindowState(file), null);
    writeFileSync(file, '{"width": 900, "hei');
    assert.equal(readWindowState(file), null);
  } finally {
    dir.remove();
  }
  const defaults = { width: 1280, height: 820, maximized: false };
  for (const junk of [null, 'big', 42, [], {}, { width: '800', height: 600 }, { width: 1.5, height: 600 }]) {
    assert.deepEqual(boundsToRestore(junk, laptop), defaults, JSON.stringify(junk));
  }
  assert.deepEqual(boundsToRestore({ width: 10, height: 10 }, laptop), { width: 720, height: 480, maximized: false });
  assert.deepEqual(boundsToRestore({ width: 1e9, height: 1e9 }, null), {
    width: 16384,
    height: 16384,
    maximized: false,
  });
  assert.deepEqual(boundsToRestore({ x: 1.5, y: 3, width: 900, height: 600 }, laptop), {
    width: 900,
    height: 600,
    maximized: false,
  });
});
