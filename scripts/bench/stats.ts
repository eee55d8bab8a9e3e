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
export function timeInterleaved(runs: number, warmup: number, tasks: ((i: number) => void)[]): Summary[] {
  const samples: number[][] = tasks.map(() => []);
  for (let i = -warmup; i < runs; i++) {
    tasks.forEach((task, t) => {
      const start = performance.now();
      task(i);
      if (i >= 0) samples[t].push(performance.now() - start);
    });
  }
  return samples.map(summarize);
}
