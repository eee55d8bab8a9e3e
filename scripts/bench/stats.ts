import { PerformanceObserver } from 'node:perf_hooks';
/** Timing samples and their summary; every figure is in milliseconds. */
export interface Summary {
  runs: number;
  median: number;
  p95: number;
}

/** Nearest-rank percentile: with few samples p95 is the slowest one, never an interpolation. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function summarize(samples: readonly number[]): Summary {
  return { runs: samples.length, median: percentile(samples, 50), p95: percentile(samples, 95) };
}

/**
 * Times `run(i)` `runs` times after `warmup` untimed calls, so the JIT has compiled the hot
 * paths: an editor analyses the same file over and over, and the figures should say so.
 */
export function timeSync(runs: number, warmup: number, run: (i: number) => void): Summary {
  for (let i = 0; i < warmup; i++) run(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run(i);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export async function timeAsync(runs: number, warmup: number, run: (i: number) => Promise<void>): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await run(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run(i);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/**
 * Times several tasks in turn, one run of each per round after `warmup` untimed rounds,
 * so each sees the same compiled code and the same garbage-collector state: run one
 * after the other, the later task would find the JIT warmer than the first did.
 */
export function timeInterleaved(runs: number, warmup: number, tasks: ((i: number) => void)[], pauses?: { watch: GcPauses; first: number }): Summary[] {
  const samples: number[][] = tasks.map(() => []);
  for (let i = -warmup; i < runs; i++) {
    tasks.forEach((task, t) => {
      const start = performance.now();
      task(i);
      const end = performance.now();
      if (i < 0) return;
      samples[t].push(end - start);
      pauses?.watch.timed(pauses.first + t, start, end);
    });
  }
  return samples.map(summarize);
}

/**
 * Garbage-collection pauses (perf_hooks' `gc` entries) given to the timed runs they began
 * in: how much of a figure the collector took. A collection pays for what is alive when it
 * runs, often what an earlier run left, so a run's share says where the collector stopped
 * the analysis, not whose garbage it was. The entries reach the observer from the event
 * loop, after the timed loop: `means` waits for them.
 */
export class GcPauses {
  private readonly pauses: { start: number; duration: number }[] = [];
  private readonly runs: { task: number; start: number; end: number }[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) this.pauses.push({ start: e.startTime, duration: e.duration });
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  timed(task: number, start: number, end: number): void {
    this.runs.push({ task, start, end });
  }

  /** Per task (0 to tasks - 1), the mean over its timed runs of the pauses that began in them, in ms; then it stops watching. */
  async means(tasks: number): Promise<number[]> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.observer.disconnect();
    const sums = new Array<number>(tasks).fill(0);
    const counts = new Array<number>(tasks).fill(0);
    for (const r of this.runs) {
      counts[r.task]++;
      for (const p of this.pauses) if (p.start >= r.start && p.start < r.end) sums[r.task] += p.duration;
    }
    return sums.map((s, t) => (counts[t] > 0 ? s / counts[t] : 0));
  }
}
