/**
 * A small seeded PRNG (mulberry32): the same seed gives the same cases on every machine,
 * so a failure reported with its seed can be replayed with FUZZ_SEED=<seed>.
 */
export class Prng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The run's seed: FUZZ_SEED when set (to replay a failure), else a fixed one so CI is stable. */
export const fuzzSeed = Number(process.env.FUZZ_SEED ?? 0x5eed6) >>> 0;

/** A PRNG for one named stream of cases, independent of which other streams ran before it. */
export function prngFor(name: string, seed = fuzzSeed): Prng {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return new Prng((seed ^ h) >>> 0);
}
