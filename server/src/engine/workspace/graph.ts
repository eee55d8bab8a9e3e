import { filePathOf } from '../../core/uris';

const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';

/** One spelling per file: editors and Node write file URIs differently (`file:///c%3A/x` and `file:///C:/x`). */
export function fileKey(uri: string): string {
  const path = filePathOf(uri);
  if (path === undefined) return uri;
  return caseInsensitive ? path.toLowerCase() : path;
}

/** How many entry points a module is analysed through at most; more are counted, not analysed. */
export const MAX_ENTRIES = 8;
/** How far up the callers of a file the search for entry points goes. */
const MAX_WALK = 100_000;

export interface EntryPoints {
  /** The entry points (files no other file uses) whose deployments reach the file, at most MAX_ENTRIES, in a stable order. */
  entries: string[];
  /** How many more reach it than are listed. */
  more: number;
}

/**
 * Which file of the workspace uses which: the workspace index. Files are told with the
 * files they deploy (see references.ts); the graph answers who uses a file and from
 * which entry points (files no other file uses) a module is deployed. A cycle between
 * files is followed once: files that only use each other have no entry point.
 */
export class WorkspaceGraph {
  private readonly uses = new Map<string, string[]>();
  private readonly users = new Map<string, Set<string>>();
  /** Key → the URI as first told, the spelling answers use. */
  private readonly uris = new Map<string, string>();

  /** Sets what `uri` deploys (replacing what was told before); true when that changed. */
  set(uri: string, used: readonly string[]): boolean {
    const key = fileKey(uri);
    if (!this.uris.has(key)) this.uris.set(key, uri);
    const next = [...new Set(used.map((u) => this.remember(u)))].filter((k) => k !== key).sort();
    const previous = this.uses.get(key) ?? [];
    const had = this.uses.has(key);
    if (had && previous.length === next.length && previous.every((k, i) => k === next[i])) return false;
    for (const k of previous) this.users.get(k)?.delete(key);
    for (const k of next) {
      let set = this.users.get(k);
      if (!set) this.users.set(k, (set = new Set()));
      set.add(key);
    }
    this.uses.set(key, next);
    return had || next.length > 0;
  }

  /** The file is gone (deleted, or no longer a template). */
  remove(uri: string): boolean {
    const key = fileKey(uri);
    const previous = this.uses.get(key);
    if (!previous) return false;
    for (const k of previous) this.users.get(k)?.delete(key);
    this.uses.delete(key);
    return true;
  }

  /** Whether the file was told (it is a template of the workspace). */
  has(uri: string): boolean {
    return this.uses.has(fileKey(uri));
  }

  /** The files of the workspace that deploy `uri` directly. */
  usersOf(uri: string): string[] {
    return [...(this.users.get(fileKey(uri)) ?? [])].filter((k) => this.uses.has(k)).sort().map((k) => this.uris.get(k) ?? k);
  }

  /** The files `uri` deploys. */
  usesOf(uri: string): string[] {
    return (this.uses.get(fileKey(uri)) ?? []).map((k) => this.uris.get(k) ?? k);
  }

  /** True when a file of the workspace deploys `uri`: it is a module, analysed through its callers. */
  isUsed(uri: string): boolean {
    for (const k of this.users.get(fileKey(uri)) ?? []) if (this.uses.has(k)) return true;
    return false;
  }

  /** The entry points that reach `uri` through the files that deploy it; none when nothing (or only a cycle) deploys it. */
  entryPointsOf(uri: string): EntryPoints {
    const start = fileKey(uri);
    const seen = new Set<string>([start]);
    const queue = [start];
    const roots: string[] = [];
    for (let i = 0; i < queue.length && seen.size < MAX_WALK; i++) {
      const users = [...(this.users.get(queue[i]) ?? [])].filter((k) => this.uses.has(k));
      if (users.length === 0 && i > 0) roots.push(queue[i]);
      for (const u of users) {
        if (seen.has(u)) continue;
        seen.add(u);
        queue.push(u);
      }
    }
    const sorted = roots.sort().map((k) => this.uris.get(k) ?? k);
    return { entries: sorted.slice(0, MAX_ENTRIES), more: Math.max(0, sorted.length - MAX_ENTRIES) };
  }

  /** Every file told, as URIs. */
  files(): string[] {
    return [...this.uses.keys()].map((k) => this.uris.get(k) ?? k);
  }

  private remember(uri: string): string {
    const key = fileKey(uri);
    if (!this.uris.has(key)) this.uris.set(key, uri);
    return key;
  }
}
