/**
 * Runs one job per key after a quiet period. A newer request for the same key replaces
 * the pending one, so a burst of keystrokes costs one analysis, of the latest text.
 *
 * The quiet period follows what the job costs: half the key's last run time, between
 * `minMs` and `maxMs`. A small template is analysed a few milliseconds after each
 * keystroke; a large one waits long enough that typing does not queue analyses.
 */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastRunMs = new Map<string, number>();

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
  ) {}

  /** The wait before `key`'s next run. */
  delayFor(key: string): number {
    const last = this.lastRunMs.get(key);
    if (last === undefined) return this.maxMs;
    return Math.min(this.maxMs, Math.max(this.minMs, Math.round(last / 2)));
  }

  /** What the key's last run cost, so its next wait can follow it. */
  recordRun(key: string, ms: number): void {
    this.lastRunMs.set(key, ms);
  }

  schedule(key: string, job: () => void): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        job();
      }, this.delayFor(key)),
    );
  }

  cancel(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  /** The key is gone (document closed): forget its timing too. */
  forget(key: string): void {
    this.cancel(key);
    this.lastRunMs.delete(key);
  }

  cancelAll(): void {
    for (const key of [...this.timers.keys()]) this.cancel(key);
  }
}
