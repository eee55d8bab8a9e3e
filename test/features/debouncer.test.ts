import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Debouncer } from '../../server/src/lsp/debouncer';

test('the wait follows the last run: half its cost, within the bounds', () => {
  const d = new Debouncer(10, 150);
  assert.equal(d.delayFor('a'), 150, 'unknown cost: the longest wait');
  d.recordRun('a', 4);
  assert.equal(d.delayFor('a'), 10);
  d.recordRun('a', 80);
  assert.equal(d.delayFor('a'), 40);
  d.recordRun('a', 1000);
  assert.equal(d.delayFor('a'), 150);
  d.forget('a');
  assert.equal(d.delayFor('a'), 150);
});

test('a newer request replaces the pending one', async () => {
  const d = new Debouncer(1, 1);
  d.recordRun('k', 0);
  const ran: number[] = [];
  await new Promise<void>((resolve) => {
    d.schedule('k', () => ran.push(1));
    d.schedule('k', () => {
      ran.push(2);
      resolve();
    });
  });
  assert.deepEqual(ran, [2]);
});
