import { test } from 'node:test';
import assert from 'node:assert/strict';
import { badgeFor } from '../../src/main/shell/badge';

test('the badge counts unread items; none clears it', () => {
  assert.deepEqual(badgeFor(0), {
    count: 0,
    overlayText: null,
    description: 'No unread items',
    tooltip: 'Tidings: nothing unread',
  });
  assert.deepEqual(badgeFor(1), {
    count: 1,
    overlayText: '1',
    description: '1 unread item',
    tooltip: 'Tidings: 1 unread',
  });
  assert.equal(badgeFor(42).overlayText, '42');
  assert.equal(badgeFor(99).overlayText, '99');
});

test('Windows overlay shows 99+ past two digits; the dock and tooltip keep the whole number', () => {
  const many = badgeFor(12_345);
  assert.equal(many.count, 12_345);
  assert.equal(many.overlayText, '99+');
  assert.equal(many.tooltip, 'Tidings: 12,345 unread');
  assert.equal(many.description, '12,345 unread items');
});

test('a nonsense count clears the badge rather than showing it', () => {
  for (const bad of [-3, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(badgeFor(bad).count, 0);
  assert.equal(badgeFor(2.7).count, 2);
});
