/**
 * Runs one job per key after a quiet period. A newer request for the same key replaces
 * the pending one, so a burst of keystrokes costs one analysis, of the latest text.
 *
 * The quiet period follows what the job costs: half the key's last run time, between
 * `minMs` and `maxMs`. A small template is analysed a few milliseconds after each
 * keystroke; a large one waits long enough that typing does not queue analyses.
 *
 * A `leading` request that comes after a pause (no request for its key for at least that
 * quiet period, and none pending) waits only `minMs`: the first edit after a pause is
 * analysed at once, and the requests of a burst that follows it wait for the burst to
 * end, as before. So a lone keystroke does not pay the wait, and a burst costs at most
 * one analysis more (of its first edit). The shortest wait still gathers the changes a
 * client sends together (a multi-cursor edit, a replace-all).
 */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastRunMs = new Map<string, number>();
  /** When each key was last requested, for `leading` requests. */
  private readonly lastRequest = new Map<string, number>();

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
    private readonly now: () => number = () => performance.now(),
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

  /** Schedules `job` after the key's wait (after `minMs` for a leading request after a pause); returns that wait. */
  schedule(key: string, job: () => void, options?: { leading?: boolean }): number {
    const at = this.now();
    const previous = this.lastRequest.get(key);
    const pending = this.timers.has(key);
    this.cancel(key);
    const wait = this.delayFor(key);
    const afterPause = !pending && (previous === undefined || at - previous >= wait);
    const delay = options?.leading && afterPause ? this.minMs : wait;
    this.lastRequest.set(key, at);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        job();
      }, delay),
    );
    return delay;
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
    this.lastRequest.delete(key);
  }

  cancelAll(): void {
    for (const key of [...this.timers.keys()]) this.cancel(key);
  }
}
