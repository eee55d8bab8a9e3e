import type { Analysis } from '../engine/analyze';
import type { ReportedFinding } from '../core/findings';

export interface CachedAnalysis {
  version: number;
  /** Settings generation the analysis was made with: new settings make every entry stale. */
  generation: number;
  /** The entry points it was made through (see DocumentRef.contextKey). */
  contextKey?: string;
  /** Undefined when the engine threw: remembered so it is not retried for every hover. */
  analysis: Analysis | undefined;
  /** Files the analysis read (parameters, nested templates): editing one makes it stale. */
  reads: ReadonlySet<string>;
  /** What is reported without an analysis: the note on a document above the size limit. */
  findings?: ReportedFinding[];
  /** The length of the analysed text: what the entry weighs in the cache. */
  size?: number;
}

/**
 * How much analysed text a worker keeps analyses of. An analysis holds about ten times
 * its text (trees, values, the model), so this keeps a worker's heap far below its limit
 * with any number of documents open; the analyses of documents beyond it are made again
 * when a request needs them (their diagnostics are published already).
 */
const MAX_CACHED_TEXT = 32 * 1024 * 1024;

/**
 * One analysis per document URI, valid for exactly one document version and settings
 * generation; the least recently used go first when the analysed texts exceed
 * `maxText` (the latest one always stays).
 */
export class AnalysisCache {
  private readonly entries = new Map<string, CachedAnalysis>();
  private total = 0;

  constructor(private readonly maxText = MAX_CACHED_TEXT) {}

  get(uri: string, version: number, generation: number, contextKey = ''): CachedAnalysis | undefined {
    const e = this.entries.get(uri);
    if (!e || e.version !== version || e.generation !== generation || (e.contextKey ?? '') !== contextKey) return undefined;
    // Most recently used last.
    this.entries.delete(uri);
    this.entries.set(uri, e);
    return e;
  }

  set(uri: string, entry: CachedAnalysis): void {
    this.delete(uri);
    this.entries.set(uri, entry);
    this.total += entry.size ?? 0;
    for (const other of this.entries.keys()) {
      if (this.total <= this.maxText || other === uri) break;
      this.delete(other);
    }
  }

  delete(uri: string): void {
    const e = this.entries.get(uri);
    if (!e) return;
    this.entries.delete(uri);
    this.total -= e.size ?? 0;
  }

  /** Drops and returns the documents whose analysis read `uri`. */
  invalidateReadersOf(uri: string): string[] {
    const stale: string[] = [];
    for (const [owner, e] of this.entries) {
      if (owner !== uri && e.reads.has(uri)) {
        this.delete(owner);
        stale.push(owner);
      }
    }
    return stale;
  }
}
