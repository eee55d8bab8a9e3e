/**
 * The benchmark's share of garbage collection per figure (scripts/bench/stats.ts): a
 * collection is given to the timed run it began in, and the pauses arrive only after the
 * timed loop, from the event loop.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GcPauses, timeInterleaved } from '../../scripts/bench/stats';

describe('garbage-collection pauses in the benchmark', () => {
  it('gives the pauses to the runs that allocate, not to the ones that do not', async () => {
    const watch = new GcPauses();
    let kept: unknown[] = [];
    const allocate = () => {
      // Enough short-lived and surviving objects to fill the young generation several times.
      const list: unknown[] = [];
      for (let i = 0; i < 400_000; i++) list.push({ i, text: `item ${i}` });
      kept = list;
    };
    const nothing = () => {};
    const [allocated, idle] = timeInterleaved(4, 1, [allocate, nothing], { watch, first: 0 });
    const [inAllocating, inIdle] = await watch.means(2);
    assert.equal(allocated.runs, 4);
    assert.equal(idle.runs, 4);
    assert.ok(inAllocating > 0, `no collection was seen in runs that allocate ${kept.length} objects each`);
    assert.equal(inIdle, 0);
  });
});
