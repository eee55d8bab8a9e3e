import { Worker } from 'node:worker_threads';
import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeError } from '../../engine/analyze';
import { engineWorkerData, type FromWorker, type Job, type TextSync, type ToWorker } from './messages';

/** Why a queued job got no reply from the worker. */
export type JobOutcome =
  | { kind: 'done'; reply: FromWorker }
  /** The client cancelled the request before the worker started it. */
  | { kind: 'cancelled' }
  /** Nothing to do any more when its turn came (the document closed, or it is not analysed). */
  | { kind: 'skipped' }
  /** The worker died while running it. */
  | { kind: 'crashed'; job: Job }
  /** The worker cannot be started: nothing is analysed any more. */
  | { kind: 'unavailable' };

export interface QueuedJob {
  /** Builds the job from the state when its turn comes (the document's version then); undefined: skip it. */
  start(): Job | undefined;
  /** While a job with the same key waits, another is not queued: it will see the latest version anyway. */
  key?: string;
  /** A request the user waits for (hover, code actions, explain): it goes ahead of the queued background analyses. */
  urgent?: boolean;
  /**
   * Housekeeping instead of a job (see `release` and `retire`): `start` is not called;
   * `when`, asked at its turn, can call it off.
   */
  control?: { kind: 'release' | 'retire'; when(): boolean };
  token?: CancellationToken;
  /** Called exactly once. */
  settle(outcome: JobOutcome): void;
}

export interface EngineThreadOptions {
  script: string;
  /** The open documents: the worker is sent the texts that changed before each job. */
  documents: () => readonly TextDocument[];
  log: (message: string) => void;
  /** The worker died; `job` is what it was running. Called before that job is settled. */
  onCrash?: (job: Job | undefined) => void;
}

/** Deaths in a row with no job running (the worker cannot even start) after which it is no longer restarted. */
const maxIdleDeaths = 3;

/**
 * The main thread's stack (V8's default 984 KB, plus the 192 KB Node keeps back in a
 * worker), not a worker's default 4 MB: the engine's depth guards and its recovery from
 * stack overflows on pathologically nested templates were made for the main thread, and
 * with four times the depth some deep recursions run for seconds instead of failing fast.
 */
const stackSizeMb = (984 + 192) / 1024;

/**
 * Each worker's heap. A worker that needs more is ended by Node (ERR_WORKER_OUT_OF_MEMORY),
 * restarted, and the document it was analysing is not tried again until it changes; the
 * server and the other worker go on. Far above what the open documents of a large
 * workspace need (their texts, and the analyses the cache keeps), far below what would
 * starve the editor.
 *
 * Not less than 2 GB: the limit also sets how far V8 lets the heap grow between full
 * collections. From 2 GB up (Node's own default on 64-bit) it may grow to four times
 * what the last collection kept; below, the factor falls (1.8 at 1.5 GB). An analysis of
 * a 1 MB template leaves 25-30 MB behind, so under 1.5 GB the worker collected its whole
 * heap every other keystroke, and the analysis after each collection took a third longer.
 * The limit is a ceiling, not a reservation: what the heap holds is unchanged.
 */
const workerHeapMb = 2048;

/**
 * Test hook, not a setting: a smaller heap for the workers, so that a test can exhaust
 * one with an ordinary template (see test/fuzz/hostile/).
 */
export const heapLimitVariable = 'ASE_LINT_TEST_WORKER_HEAP_MB';

function resourceLimits(): { stackSizeMb: number; maxOldGenerationSizeMb: number } {
  const test = Number(process.env[heapLimitVariable]);
  return { stackSizeMb, maxOldGenerationSizeMb: Number.isInteger(test) && test > 0 ? test : workerHeapMb };
}

/**
 * One engine worker seen from the protocol thread: a queue of jobs sent one at a time, so
 * a job waits here (where it can still be cancelled or collapsed), not in the worker's
 * message queue. Requests the user waits for go first, then the background analyses,
 * each in the order they came. A worker that dies is restarted; the job it was running
 * is reported.
 */
export class EngineThread {
  private worker: Worker | undefined;
  private readonly queue: QueuedJob[] = [];
  /** The message the worker is working on: a job, or (job undefined) texts to drop. */
  private running: { id: number; queued: QueuedJob; job: Job | undefined } | undefined;
  /** uri → version of the text the current worker holds. */
  private readonly synced = new Map<string, number>();
  /** Files changed on disk since the last message: sent with the next one. */
  private stale: string[] = [];
  private nextId = 0;
  private idleDeaths = 0;
  private lastError: string | undefined;
  private disposed = false;

  constructor(private readonly options: EngineThreadOptions) {}

  /** Starts the worker ahead of the first job, so that job does not wait for it to load. */
  warmUp(): void {
    if (this.disposed || this.idleDeaths >= maxIdleDeaths) return;
    try {
      this.ensureWorker();
    } catch {
      // Reported when a job needs it.
    }
  }

  enqueue(job: QueuedJob): void {
    if (job.key !== undefined && this.queue.some((q) => q.key === job.key)) {
      job.settle({ kind: 'skipped' });
      return;
    }
    if (job.urgent) {
      // Behind the other urgent requests (they are answered in the order asked), ahead of every background analysis.
      const firstBackground = this.queue.findIndex((q) => !q.urgent);
      this.queue.splice(firstBackground < 0 ? this.queue.length : firstBackground, 0, job);
    } else {
      this.queue.push(job);
    }
    this.pump();
  }

  /**
   * Documents were closed: the worker drops their texts and analyses as soon as it is
   * free, not only with its next job (which may come much later, or never).
   */
  release(): void {
    this.enqueue({ key: 'control:release', control: { kind: 'release', when: () => true }, start: () => undefined, settle: () => {} });
  }

  /**
   * The worker analyses none of the open documents any more: when its turn comes and that
   * still holds, it is ended, and whatever it held with it; the next job starts a new one.
   */
  retire(when: () => boolean): void {
    this.enqueue({ key: 'control:retire', control: { kind: 'retire', when }, start: () => undefined, settle: () => {} });
  }

  /**
   * True when one of `uris` is not (or no longer) the text the worker had for the job
   * that just finished: its analysis read an input that changed meanwhile. Valid in the
   * job's `settle`, before the next job is sent.
   */
  changedSinceSent(uris: readonly string[], versionOf: (uri: string) => number | undefined): boolean {
    return uris.some((u) => versionOf(u) !== this.synced.get(u));
  }

  /** Files changed on disk: the worker drops the analyses that read them with its next message. */
  invalidate(uris: readonly string[]): void {
    for (const u of uris) if (!this.stale.includes(u)) this.stale.push(u);
  }

  dispose(): void {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    const running = this.running;
    this.running = undefined;
    for (const q of [...(running ? [running.queued] : []), ...this.queue.splice(0)]) this.settle(q, { kind: 'unavailable' });
  }

  private pump(): void {
    while (this.running === undefined && this.queue.length > 0) {
      const next = this.queue.shift()!;
      if (this.disposed || this.idleDeaths >= maxIdleDeaths) {
        this.settle(next, { kind: 'unavailable' });
        continue;
      }
      if (next.token?.isCancellationRequested) {
        this.settle(next, { kind: 'cancelled' });
        continue;
      }
      if (next.control) {
        this.housekeeping(next, next.control);
        continue;
      }
      let job: Job | undefined;
      try {
        job = next.start();
      } catch (e) {
        this.options.log(`ase-lint: preparing a job failed: ${describeError(e)}`);
      }
      if (!job) {
        this.settle(next, { kind: 'skipped' });
        continue;
      }
      let worker: Worker;
      try {
        worker = this.ensureWorker();
      } catch (e) {
        this.idleDeaths = maxIdleDeaths;
        this.options.log(`ase-lint: the analysis worker cannot start (${describeError(e)}); templates are not analysed`);
        this.settle(next, { kind: 'unavailable' });
        continue;
      }
      const id = ++this.nextId;
      this.running = { id, queued: next, job };
      const message: ToWorker = { id, sync: this.sync(), job };
      worker.postMessage(message);
    }
  }

  private housekeeping(queued: QueuedJob, control: NonNullable<QueuedJob['control']>): void {
    const worker = this.worker;
    if (!worker || !control.when()) return this.settle(queued, { kind: 'skipped' });
    if (control.kind === 'retire') {
      // Forgotten first, so that its exit is not taken for a crash.
      this.worker = undefined;
      this.synced.clear();
      void worker.terminate();
      return this.settle(queued, { kind: 'skipped' });
    }
    const id = ++this.nextId;
    this.running = { id, queued, job: undefined };
    const message: ToWorker = { id, sync: this.sync() };
    worker.postMessage(message);
  }

  /** The texts the worker does not have yet; documents closed since are dropped from it. */
  private sync(): TextSync {
    const set: TextSync['set'] = [];
    const open = new Set<string>();
    for (const d of this.options.documents()) {
      open.add(d.uri);
      if (this.synced.get(d.uri) === d.version) continue;
      set.push({ uri: d.uri, version: d.version, text: d.getText() });
      this.synced.set(d.uri, d.version);
    }
    const remove = [...this.synced.keys()].filter((u) => !open.has(u));
    for (const u of remove) this.synced.delete(u);
    const stale = this.stale;
    this.stale = [];
    return { set, remove, ...(stale.length > 0 ? { stale } : {}) };
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.script, { workerData: engineWorkerData, resourceLimits: resourceLimits() });
    // A worker alone must not keep the server alive once the connection is gone.
    worker.unref();
    worker.on('message', (reply: FromWorker) => this.replied(worker, reply));
    // Node's own reasons (out of memory) need no stack; an exception thrown in the worker does.
    worker.on('error', (e) => (this.lastError = (e as { code?: unknown }).code ? e.message : describeError(e)));
    worker.on('exit', (code) => this.exited(worker, code));
    this.worker = worker;
    this.synced.clear();
    return worker;
  }

  private replied(worker: Worker, reply: FromWorker): void {
    const running = this.running;
    if (worker !== this.worker || running?.id !== reply.id) return;
    this.running = undefined;
    this.idleDeaths = 0;
    this.settle(running.queued, { kind: 'done', reply });
    this.pump();
  }

  private exited(worker: Worker, code: number): void {
    if (worker !== this.worker || this.disposed) return;
    this.worker = undefined;
    const running = this.running;
    this.running = undefined;
    const why = this.lastError ?? `exit code ${code}`;
    this.lastError = undefined;
    if (running?.job) {
      const doc = running.job.doc;
      this.options.log(
        `ase-lint: the analysis worker stopped (${why}) while working on ${doc.uri} (version ${doc.version}); ` +
          'it was restarted, and that version of the document is not analysed again',
      );
    } else {
      this.idleDeaths++;
      this.options.log(
        this.idleDeaths >= maxIdleDeaths
          ? `ase-lint: the analysis worker stopped (${why}) and keeps stopping; templates are not analysed until the server restarts`
          : `ase-lint: the analysis worker stopped (${why}); it was restarted`,
      );
    }
    try {
      this.options.onCrash?.(running?.job);
    } catch (e) {
      this.options.log(`ase-lint: handling the worker's stop failed: ${describeError(e)}`);
    }
    if (running?.job) this.settle(running.queued, { kind: 'crashed', job: running.job });
    else if (running) this.settle(running.queued, { kind: 'skipped' });
    this.warmUp();
    this.pump();
  }

  private settle(queued: QueuedJob, outcome: JobOutcome): void {
    try {
      queued.settle(outcome);
    } catch (e) {
      this.options.log(`ase-lint: handling a job's result failed: ${describeError(e)}`);
    }
  }
}
