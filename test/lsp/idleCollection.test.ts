// The engine worker collects the young generation between messages (IdleCollection): only
// once the messages already queued are answered, never when another arrived first, and
// only when the young generation holds enough to be worth it. The collector's function is
// reached without --expose-gc and collects for real.
import assert from 'node:assert/strict';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import { IDLE_COLLECTION_THRESHOLD, IdleCollection, youngCollector, youngGenerationBytes } from '../../server/src/lsp/worker/idleCollection';

/** An IdleCollection whose clock is a queue the test runs, whose young generation holds what the test says. */
function harness(young: number[], collect: (() => void) | null = () => {}) {
  const queued: (() => void)[] = [];
  const reads: number[] = [];
  let collected = 0;
  const idle = new IdleCollection(
    collect
      ? () => {
          collected++;
          collect();
        }
      : undefined,
    {
      youngBytes: () => {
        const bytes = young[Math.min(reads.length, young.length - 1)];
        reads.push(bytes);
        return bytes;
      },
      schedule: (f) => queued.push(f),
    },
  );
  const runQueued = () => {
    for (const f of queued.splice(0)) f();
  };
  return { idle, runQueued, queued, collected: () => collected };
}

describe('idle collection in the engine worker', () => {
  it('collects after an answer once nothing else arrived, and again when survivors stay young', () => {
    // 12 MB young before, 4 MB after the first collection (survivors), little after the second.
    const h = harness([12 << 20, 4 << 20, 1000]);
    h.idle.arrived();
    h.idle.answered();
    assert.equal(h.collected(), 0, 'the collection waits for the queued messages');
    h.runQueued();
    assert.equal(h.collected(), 2);
    assert.equal(h.idle.taken, 2);
  });

  it('collects once when the first collection leaves little young', () => {
    const h = harness([12 << 20, 1000]);
    h.idle.arrived();
    h.idle.answered();
    h.runQueued();
    assert.equal(h.collected(), 1);
  });

  it('calls the collection off when another message arrives before it runs', () => {
    const h = harness([12 << 20]);
    h.idle.arrived();
    h.idle.answered();
    h.idle.arrived();
    h.runQueued();
    assert.equal(h.collected(), 0);
    // The second message's answer schedules its own.
    h.idle.answered();
    h.runQueued();
    assert.equal(h.collected(), 2);
  });

  it('takes none when the young generation holds less than the threshold', () => {
    const h = harness([IDLE_COLLECTION_THRESHOLD - 1]);
    h.idle.arrived();
    h.idle.answered();
    h.runQueued();
    assert.equal(h.collected(), 0);
  });

  it('schedules nothing where the runtime offers no collector', () => {
    const h = harness([12 << 20], null);
    h.idle.arrived();
    h.idle.answered();
    assert.equal(h.queued.length, 0);
  });

  it('reaches a real young-generation collection without --expose-gc, and leaves the flag as it was', async () => {
    const exposed = typeof (globalThis as { gc?: unknown }).gc === 'function';
    const collect = youngCollector();
    assert.ok(collect, 'no collector function');
    if (!exposed) {
      assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'gc was left on the global object');
      assert.equal(runInNewContext('typeof gc'), 'undefined', 'the flag was left set for new contexts');
    }
    const seen: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
    observer.observe({ entryTypes: ['gc'] });
    try {
      // Short-lived garbage: a young generation worth collecting.
      let sink = 0;
      for (let i = 0; i < 50_000; i++) sink += [i, { i }].length;
      assert.ok(sink > 0);
      // The entries reach the observer from the event loop: those of the loop above first.
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (let i = 0; i < 50_000; i++) sink += [i, { i }].length;
      seen.length = 0;
      const before = youngGenerationBytes();
      collect();
      const after = youngGenerationBytes();
      assert.ok(after < before, `the young generation still holds ${after} of ${before} bytes`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const minor = seen.filter((e) => (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR);
      assert.ok(minor.length >= 1, `no minor collection was seen (${seen.length} entries)`);
    } finally {
      observer.disconnect();
    }
  });
});
