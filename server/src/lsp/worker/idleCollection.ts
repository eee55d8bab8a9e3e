import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A young-generation collection taken while the engine worker waits for its next message.
 *
 * An analysis leaves the young generation holding what it made: the state kept for the
 * next version of the document among its garbage. The next analysis's first scavenge
 * copies what survived, on the keystroke's path (6-12 ms on a 1 MB template). Taken
 * between messages, the same collections are paid while the user is between keystrokes:
 * through the server, keystrokes 100 ms apart, the analysis of a 1 MB template after a
 * character typed took about 7 ms less (README, eighth step).
 *
 * The collection waits until the messages already queued are answered, and is called off
 * when another one arrives first: a worker kept busy by fast typing collects as before.
 * When it runs, a message that arrives meanwhile waits for it (a scavenge is bounded by
 * the young generation's size).
 */
export class IdleCollection {
  private arrivals = 0;
  /** Collections taken, for tests and diagnostics. */
  taken = 0;

  constructor(
    private readonly collect: (() => void) | undefined,
    private readonly options: {
      /** The bytes the young generation holds now. */
      youngBytes?: () => number;
      /** Below this, a collection would find too little to be worth taking. */
      threshold?: number;
      /** Runs the check once the messages already queued are handled (setImmediate). */
      schedule?: (f: () => void) => void;
    } = {},
  ) {}

  /** A message arrived: a collection scheduled before it is called off. */
  arrived(): void {
    this.arrivals++;
  }

  /** A message was answered: collect once nothing else is waiting, if enough is young. */
  answered(): void {
    const collect = this.collect;
    if (!collect) return;
    const at = this.arrivals;
    const { youngBytes = youngGenerationBytes, threshold = IDLE_COLLECTION_THRESHOLD, schedule = setImmediate } = this.options;
    schedule(() => {
      if (this.arrivals !== at || youngBytes() < threshold) return;
      collect();
      this.taken++;
      // What survived once stays young for one more collection (V8 promotes on the second):
      // promoted now, it is not copied again by the next analysis's first scavenge.
      if (youngBytes() >= threshold) {
        collect();
        this.taken++;
      }
    });
  }
}

/** Young-generation bytes under which no idle collection is taken: what a template of a few kilobytes leaves. */
export const IDLE_COLLECTION_THRESHOLD = 1 << 20;

export function youngGenerationBytes(): number {
  const spaces = getHeapSpaceStatistics();
  for (let i = 0; i < spaces.length; i++) if (spaces[i].space_name === 'new_space') return spaces[i].space_used_size;
  return 0;
}

type GcFunction = (options?: { type?: 'major' | 'minor' }) => void;

/**
 * A function that runs a young-generation collection of this thread's heap, or undefined
 * where the runtime offers none. Without `--expose-gc`, V8 gives the collector's function
 * to contexts made while its flag is set: the flag is set for one new context and put back
 * (the way jest-leak-detector reaches it). V8's flags are the process's, so a context
 * another thread made in that moment would have the function too; the server's threads
 * make none. The context belongs to this thread's isolate, so its function collects this
 * thread's heap.
 */
export function youngCollector(): (() => void) | undefined {
  try {
    let gc = (globalThis as { gc?: GcFunction }).gc;
    if (typeof gc !== 'function') {
      setFlagsFromString('--expose-gc');
      try {
        gc = runInNewContext('gc') as GcFunction | undefined;
      } finally {
        setFlagsFromString('--no-expose-gc');
      }
    }
    if (typeof gc !== 'function') return undefined;
    const found = gc;
    return () => found({ type: 'minor' });
  } catch {
    return undefined;
  }
}
