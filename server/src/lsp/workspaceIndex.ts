import { Worker } from 'node:worker_threads';
import { WorkspaceGraph, type EntryPoints } from '../engine/workspace/graph';
import { describeError } from '../engine/analyze';
import { indexWorkerData, type FromIndex, type ToIndex } from './worker/indexWorker';

/** Quiet time after the last keystroke in an open template before its text is indexed again. */
const textDelayMs = 120;

/** The index worker's heap: it holds the edges and one file's text at a time. */
const indexHeapMb = 256;

export interface WorkspaceIndexOptions {
  /** The bundle the worker runs (the server's own, see server.ts). */
  script: string;
  log(message: string): void;
  info(message: string): void;
  /** The edges changed (or the first read finished): documents whose callers changed are analysed again. */
  onChange(): void;
}

/**
 * The workspace index as the protocol thread sees it: which file deploys which, built and
 * kept up to date in a worker of its own (reading a workspace of thousands of templates
 * never holds up a request), answered here from the edges it sends. Until the first read
 * is through, no file is known to have callers: each is analysed alone meanwhile, and
 * again through its callers once they are known.
 */
export class WorkspaceIndex {
  private worker: Worker | undefined;
  private readonly graph = new WorkspaceGraph();
  private ready = false;
  private stopped = false;
  private readonly pendingTexts = new Map<string, string | null>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: WorkspaceIndexOptions) {}

  /** (Re)reads the workspace folders. */
  folders(folders: readonly string[]): void {
    this.ready = false;
    this.post({ kind: 'folders', folders: [...folders] });
  }

  /** An open template's text changed (or it opened): indexed after a pause in the typing. */
  text(uri: string, text: string): void {
    this.pendingTexts.set(uri, text);
    this.schedule();
  }

  /** An open template closed: its copy on disk counts again. */
  closed(uri: string): void {
    this.pendingTexts.set(uri, null);
    this.schedule();
  }

  /** Files changed or deleted on disk (the client's watcher). */
  files(changed: string[], deleted: string[]): void {
    if (changed.length > 0 || deleted.length > 0) this.post({ kind: 'files', changed, deleted });
  }

  /** The entry points a document is analysed through; undefined until the index is read (or when it is not a module). */
  entriesFor(uri: string): EntryPoints | undefined {
    if (!this.ready || !this.graph.isUsed(uri)) return undefined;
    const found = this.graph.entryPointsOf(uri);
    return found.entries.length > 0 ? found : undefined;
  }

  get isReady(): boolean {
    return this.ready;
  }

  dispose(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const [uri, text] of this.pendingTexts) this.post({ kind: 'text', uri, text });
      this.pendingTexts.clear();
    }, textDelayMs);
    this.timer.unref();
  }

  private post(message: ToIndex): void {
    const worker = this.ensureWorker();
    worker?.postMessage(message);
  }

  private ensureWorker(): Worker | undefined {
    if (this.stopped) return undefined;
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(this.options.script, { workerData: indexWorkerData, resourceLimits: { maxOldGenerationSizeMb: indexHeapMb } });
      worker.unref();
      worker.on('message', (m: FromIndex) => this.received(m));
      worker.on('error', (e) => this.options.log(`ase-lint: the workspace index stopped (${describeError(e)}); files are analysed alone`));
      worker.on('exit', () => {
        if (this.worker !== worker) return;
        // Without an index every file is analysed alone, as before the index was read.
        this.worker = undefined;
        this.stopped = true;
        this.ready = false;
        this.options.onChange();
      });
      this.worker = worker;
      return worker;
    } catch (e) {
      this.stopped = true;
      this.options.log(`ase-lint: the workspace index cannot start (${describeError(e)}); files are analysed alone`);
      return undefined;
    }
  }

  private received(m: FromIndex): void {
    if (m.error) this.options.log(`ase-lint: indexing the workspace failed on a file: ${m.error}`);
    let changed = false;
    for (const uri of m.removed) changed = this.graph.remove(uri) || changed;
    for (const [uri, uses] of m.set) changed = this.graph.set(uri, uses) || changed;
    if (m.ms !== undefined) this.options.info(`workspace index: ${m.files ?? 0} templates read in ${Math.round(m.ms)} ms`);
    // The reply to a full read (it carries its timing) makes the index ready; updates before it do not.
    const first = !this.ready && m.ms !== undefined;
    if (first) this.ready = true;
    if (changed || first) this.options.onChange();
  }
}
