import type { CancellationToken, CodeAction, CodeActionParams, Diagnostic, Hover, HoverParams, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticData } from '../diagnostics';
import { wantsFixAll, withoutDuplicates } from '../codeActions';
import { diagnosticSource, type ExplainParams, type ExplainResult } from '../../query/protocol';
import { EngineThread, type JobOutcome } from './engineThread';
import type { AnalysisRun, DiagnosticsResult, DocumentRef, Job, JobKind, JobResults } from './messages';

/** How long a worker may analyse no open document before it is ended (see `forget`). */
const idleWorkerMs = 5000;

/** The answer to a request the client cancelled before the worker started it. */
export const cancelled = Symbol('cancelled');
export type Cancelled = typeof cancelled;

export interface EngineClientOptions {
  /** The script the workers run (the server's own bundle, see server.ts). */
  script: string;
  threads: number;
  documents: { get(uri: string): TextDocument | undefined; all(): TextDocument[] };
  /** What a job about `doc` needs besides its text (settings generation, analysis options), read when the job starts. */
  describe(doc: TextDocument): DocumentRef;
  /** False for a document above the size limit: its text is never sent to a worker. */
  analysable(doc: TextDocument): boolean;
  log: (message: string) => void;
  /** An analysis was made (not taken from the cache). `inputsChanged`: a file it read changed while it ran. */
  onRun(run: AnalysisRun, inputsChanged: boolean): void;
}

type Answer<K extends JobKind> =
  | { kind: 'result'; value: JobResults[K] }
  | { kind: 'cancelled' }
  /** The worker died on this version of the document: it is not analysed again until the text changes. */
  | { kind: 'unanalysable'; version: number }
  /** Closed meanwhile, queued already, or failed (logged). */
  | { kind: 'none' };

/**
 * The engine as the protocol thread sees it: a few worker threads, each owning the
 * analyses of the documents assigned to it (a document stays with one worker while it is
 * open, so its cached analysis is reused). Every job is built when its turn comes, from
 * the document's version then: a queue collapses to the latest text by construction.
 */
export class EngineClient {
  private readonly threads: EngineThread[];
  private readonly owners = new Map<string, EngineThread>();
  private readonly unanalysable = new Map<string, number>();

  constructor(private readonly options: EngineClientOptions) {
    this.threads = Array.from(
      { length: Math.max(1, options.threads) },
      () =>
        new EngineThread({
          script: options.script,
          documents: () => options.documents.all().filter((d) => options.analysable(d)),
          log: options.log,
          onCrash: (job) => {
            if (job) this.unanalysable.set(job.doc.uri, job.doc.version);
          },
        }),
    );
  }

  /** Starts the first worker now, so the first document does not wait for it to load. */
  warmUp(): void {
    this.threads[0].warmUp();
  }

  /** The diagnostics of the document's current version; undefined when another request for them is queued or it closed. */
  async diagnostics(uri: string): Promise<DiagnosticsResult | undefined> {
    const a = await this.submit('diagnostics', uri, (doc) => ({ kind: 'diagnostics', doc }), undefined, `diagnostics:${uri}`);
    if (a.kind === 'result') return a.value;
    // Published empty, once, so the old findings do not linger as if they were current.
    if (a.kind === 'unanalysable') return { version: a.version, analysisKey: `unanalysable:${a.version}`, byFile: [[uri, []]] };
    return undefined;
  }

  async hover(params: HoverParams, token: CancellationToken): Promise<Hover | null | Cancelled> {
    const a = await this.submit('hover', params.textDocument.uri, (doc) => ({ kind: 'hover', doc, position: params.position }), token);
    return a.kind === 'cancelled' ? cancelled : a.kind === 'result' ? a.value : null;
  }

  /** Undefined when the document has no analysis to explain from. */
  async explain(params: ExplainParams, token: CancellationToken): Promise<ExplainResult | undefined | Cancelled> {
    const a = await this.submit('explain', params.uri, (doc) => ({ kind: 'explain', doc, params }), token);
    return a.kind === 'cancelled' ? cancelled : a.kind === 'result' ? a.value : undefined;
  }

  /** A syntax feature of the document's current version (outline, definition, code lens); null when it has no answer. */
  async syntax<K extends 'documentSymbols' | 'definition' | 'codeLens'>(
    kind: K,
    uri: string,
    position: Position | undefined,
    token: CancellationToken,
  ): Promise<JobResults[K] | null | Cancelled> {
    const make = (doc: DocumentRef) => (kind === 'definition' ? { kind, doc, position: position! } : { kind, doc }) as Extract<Job, { kind: K }>;
    const a = await this.submit(kind, uri, make, token);
    return a.kind === 'cancelled' ? cancelled : a.kind === 'result' ? a.value : null;
  }

  /**
   * Each diagnostic's actions come from the analysis that reported it (its owner may be
   * another document: a template reporting in its parameters file), so the request is
   * split by owner and the answers merged back in the request's order.
   */
  async codeActions(params: CodeActionParams, token: CancellationToken, snippets = false): Promise<CodeAction[] | Cancelled> {
    const uri = params.textDocument.uri;
    const byOwner = new Map<string, { index: number; diagnostic: Diagnostic }[]>();
    params.context.diagnostics.forEach((diagnostic, index) => {
      if (diagnostic.source !== diagnosticSource) return;
      const owner = (diagnostic.data as Partial<DiagnosticData> | undefined)?.owner ?? uri;
      if (!this.options.documents.get(owner)) return;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), { index, diagnostic }]);
    });
    const perDiagnostic: CodeAction[][] = [];
    const answers = await Promise.all(
      [...byOwner].map(async ([owner, group]) => {
        const request = { ...params, context: { ...params.context, diagnostics: group.map((g) => g.diagnostic) } };
        const a = await this.submit('codeActions', owner, (doc) => ({ kind: 'codeActions', doc, params: request, ...(snippets ? { snippets } : {}) }), token);
        if (a.kind === 'result') group.forEach((g, i) => (perDiagnostic[g.index] = a.value[i] ?? []));
        return a.kind;
      }),
    );
    const actions = withoutDuplicates(perDiagnostic.flatMap((list) => list ?? []));
    if (wantsFixAll(params.context.only)) {
      const all = await this.submit('fixAll', uri, (doc) => ({ kind: 'fixAll', doc }), token);
      if (all.kind === 'cancelled') return cancelled;
      if (all.kind === 'result' && all.value) actions.push(all.value);
    }
    return answers.includes('cancelled') ? cancelled : actions;
  }

  /**
   * The document closed: it may go to another worker when it opens again. Every worker
   * holds its text, so each drops it now; one that has analysed no open document for a
   * few seconds is ended, which frees all it held (at once: a worker left idle would
   * collect its garbage only when it works again). The delay spares a worker to a user
   * who closes one template and opens the next.
   */
  forget(uri: string): void {
    this.owners.delete(uri);
    this.unanalysable.delete(uri);
    for (const thread of this.threads) {
      thread.release();
      if (this.owns(thread)) continue;
      const timer = setTimeout(() => {
        if (!this.owns(thread)) thread.retire(() => !this.owns(thread));
      }, idleWorkerMs);
      timer.unref();
    }
  }

  /** Files changed on disk: every worker drops the analyses that read them. */
  invalidate(uris: readonly string[]): void {
    for (const thread of this.threads) thread.invalidate(uris);
  }

  private owns(thread: EngineThread): boolean {
    for (const t of this.owners.values()) if (t === thread) return true;
    return false;
  }

  dispose(): void {
    for (const t of this.threads) t.dispose();
  }

  private submit<K extends JobKind>(
    kind: K,
    uri: string,
    make: (doc: DocumentRef) => Extract<Job, { kind: K }>,
    token?: CancellationToken,
    key?: string,
  ): Promise<Answer<K>> {
    // Only open documents are analysed; a closed one is given no worker.
    if (!this.options.documents.get(uri)) return Promise.resolve({ kind: 'none' });
    const thread = this.threadFor(uri);
    return new Promise((resolve) => {
      let skipped: Answer<K> = { kind: 'none' };
      thread.enqueue({
        key,
        token,
        // Diagnostics are background work; the user waits for everything else.
        urgent: kind !== 'diagnostics',
        start: () => {
          const doc = this.options.documents.get(uri);
          if (!doc) return undefined;
          if (this.unanalysable.get(uri) === doc.version) {
            skipped = { kind: 'unanalysable', version: doc.version };
            return undefined;
          }
          return make(this.options.describe(doc));
        },
        // Synchronous up to `resolve`: the thread's view of what the worker read is valid only now.
        settle: (outcome) => resolve(this.answer(kind, thread, outcome, skipped)),
      });
    });
  }

  private answer<K extends JobKind>(kind: K, thread: EngineThread, outcome: JobOutcome, skipped: Answer<K>): Answer<K> {
    switch (outcome.kind) {
      case 'done': {
        const { ran, error, result } = outcome.reply;
        if (ran) {
          const others = ran.reads.filter((u) => u !== ran.uri);
          const versionOf = (u: string) => {
            const d = this.options.documents.get(u);
            return d && this.options.analysable(d) ? d.version : undefined;
          };
          this.options.onRun(ran, thread.changedSinceSent(others, versionOf));
        }
        if (error !== undefined) {
          this.options.log(`ase-lint: ${kind} failed: ${error}`);
          return { kind: 'none' };
        }
        return { kind: 'result', value: result as JobResults[K] };
      }
      case 'cancelled':
        return { kind: 'cancelled' };
      case 'skipped':
        return skipped;
      case 'crashed':
        return { kind: 'unanalysable', version: outcome.job.doc.version };
      case 'unavailable':
        return { kind: 'none' };
    }
  }

  /**
   * The worker that owns the document's analyses; a new document goes to the one with the
   * least open text, so a large template does not hold up the small ones behind it.
   */
  private threadFor(uri: string): EngineThread {
    const owner = this.owners.get(uri);
    if (owner) return owner;
    const load = new Map(this.threads.map((t) => [t, 0]));
    for (const [u, t] of this.owners) load.set(t, load.get(t)! + (this.options.documents.get(u)?.getText().length ?? 0));
    const chosen = this.threads.reduce((best, t) => (load.get(t)! < load.get(best)! ? t : best));
    this.owners.set(uri, chosen);
    return chosen;
  }
}
