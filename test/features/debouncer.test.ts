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

/** A debouncer on a clock the test moves, and the waits it chose. */
function clocked(min: number, max: number) {
  let now = 0;
  const d = new Debouncer(min, max, () => now);
  return { d, at: (t: number) => (now = t) };
}

test('a leading request after a pause waits only the shortest time; a burst after it waits for its end', () => {
  const { d, at } = clocked(10, 150);
  d.recordRun('doc', 120); // the quiet period is 60 ms
  at(0);
  assert.equal(d.schedule('doc', () => {}, { leading: true }), 10, 'the first edit: at once');
  d.cancel('doc'); // it ran
  at(30);
  assert.equal(d.schedule('doc', () => {}, { leading: true }), 60, 'an edit 30 ms after the last: part of a burst');
  at(50);
  assert.equal(d.schedule('doc', () => {}, { leading: true }), 60, 'one pending: the burst goes on');
  d.cancel('doc');
  at(200);
  assert.equal(d.schedule('doc', () => {}, { leading: true }), 10, '150 ms of quiet: at once again');
  d.cancel('doc');
  at(260);
  assert.equal(d.schedule('doc', () => {}, { leading: true }), 10, 'exactly the quiet period after the last: a pause');
  d.cancelAll();
});

test('requests that are not leading always wait the quiet period', () => {
  const { d, at } = clocked(10, 150);
  d.recordRun('settings', 100);
  at(0);
  assert.equal(d.schedule('settings', () => {}), 50);
  d.cancel('settings');
  at(1000);
  assert.equal(d.schedule('settings', () => {}), 50);
  d.cancelAll();
});

test('a forgotten key starts again as new: its first leading request runs at once, with the longest wait learnt afresh', () => {
  const { d, at } = clocked(10, 150);
  d.recordRun('doc', 100);
  at(0);
  d.schedule('doc', () => {}, { leading: true });
  d.forget('doc');
  at(1);
  assert.equal(d.schedule('doc', () => {}, { leading: true }), 10);
  assert.equal(d.delayFor('doc'), 150);
  d.cancelAll();
});
