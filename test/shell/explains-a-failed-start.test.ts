import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFailure } from '../../src/main/shell/start-failure';

test('a profile held by another Tidings is named as such, with what to do', () => {
  const held = Object.assign(new Error('Another Tidings is using this profile (pid 4242).'), {
    code: 'PROFILE_IN_USE',
  });
  const shown = startFailure(held);
  assert.equal(shown.title, 'Your Tidings library is in use');
  assert.match(shown.message, /^Another Tidings is using this profile \(pid 4242\)\.\n\nClose the other Tidings/);
  assert.equal(
    startFailure(Object.assign(new Error('Locked.'), { code: 'PROFILE_LOCKED' })).title,
    'Your Tidings library is in use',
  );
});

test('any other failure shows its own sentence', () => {
  assert.deepEqual(startFailure(new Error('The disk is full.')), {
    title: 'Tidings could not start',
    message: 'The disk is full.',
  });
  assert.deepEqual(startFailure('weird'), { title: 'Tidings could not start', message: 'weird' });
  assert.equal(startFailure(Object.assign(new Error('x'), { code: 42 })).title, 'Tidings could not start');
});
