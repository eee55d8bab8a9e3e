import type { Analysis } from '../engine';
import type { ReportedFinding } from '../rules/types';

export interface CachedAnalysis {
  version: number;
  /** Settings generation the analysis was made with: new settings make every entry stale. */
  generation: number;
  /** Undefined when the engine threw: remembered so it is not retried for every hover. */
  analysis: Analysis | undefined;
  /** Files the analysis read (parameters, nested templates): editing one makes it stale. */
  reads: ReadonlySet<string>;
  /** What is reported without an analysis: the note on a document above the size limit. */
  findings?: ReportedFinding[];
}

/** One analysis per document URI, valid for exactly one document version and settings generation. */
export class AnalysisCache {
  private readonly entries = new Map<string, CachedAnalysis>();

  get(uri: string, version: number, generation: number): CachedAnalysis | undefined {
    const e = this.entries.get(uri);
    return e && e.version === version && e.generation === generation ? e : undefined;
  }

  /** The latest analysis whatever its version: what the last diagnostics were computed from. */
  latest(uri: string): CachedAnalysis | undefined {
    return this.entries.get(uri);
  }

  set(uri: string, entry: CachedAnalysis): void {
    this.entries.set(uri, entry);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** Drops and returns the documents whose analysis read `uri`. */
  invalidateReadersOf(uri: string): string[] {
    const stale: string[] = [];
    for (const [owner, e] of this.entries) {
      if (owner !== uri && e.reads.has(uri)) {
        this.entries.delete(owner);
        stale.push(owner);
      }
    }
    return stale;
  }
}
