import type { BicepFile, Declaration, Span } from './ast';
import { bicepFile, parseBicepTraced, parseDeclarations, type TracedParse } from './parse';
import { ParserState, type Boundary } from './parserState';

/**
 * Parses a new version of a text by reusing the parse of the previous one: only the
 * top-level declarations the changed span can reach are parsed again; those before it
 * are kept as they are, those after it too (moved by the change in length). The result
 * is the tree a parse from nothing gives: the same nodes, offsets, diagnostics, comments
 * and pragmas, in the same order.
 *
 * Why this is exact: a declaration's parse reads the text from where it starts to the
 * head of the declaration after it (the scanner reads one token ahead; a look past a run
 * of decorators stops at the keyword after it), and the parser's state where a
 * declaration starts (`Boundary`) is all it carries over from what came before. So
 * declaration i is kept when declaration i + 2 starts before the change, and parsing
 * from the change stops at a declaration that starts after the change, in the state the
 * previous parse had there, on a line the change did not touch: from there on both
 * parses read the same text in the same state.
 */
export function reparseBicep(previous: TracedParse, text: string): TracedParse {
  const old = previous.file.text;
  if (old === text) return previous;
  const declarations = previous.file.declarations;
  const bounds = previous.boundaries;
  const n = declarations.length;
  // The changed span: [prefix, oldEnd) in the old text, [prefix, newEnd) in the new one.
  const shortest = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < shortest && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const oldEnd = old.length - suffix;
  const delta = text.length - old.length;

  // Declarations kept before the change, and the clean boundary the parse resumes at.
  let kept = 0;
  while (kept + 2 < n && declarations[kept + 2].start <= prefix) kept++;
  while (kept > 0 && !bounds[kept].clean) kept--;
  if (kept === 0) return parseBicepTraced(text);
  const resumeAt = bounds[kept];
  const resumeFrom = resumeAt.start;
  const p = new ParserState(text, { boundary: resumeAt, prevEnd: declarations[kept - 1].end });

  // Parse on until a declaration of the old text after the change starts in the same state.
  let first = -1;
  const stop = (b: Boundary): boolean => {
    const at = b.start - delta;
    if (at < oldEnd || b.lineStart - delta < oldEnd || !b.clean) return false;
    const i = declarationAt(declarations, at);
    if (i < 0) return false;
    const was = bounds[i];
    if (!was.clean || was.lineStart !== b.lineStart - delta || !sameRun(was, b, delta)) return false;
    first = i;
    return true;
  };
  const middle: Declaration[] = [];
  const middleBounds: Boundary[] = [];
  const resync = parseDeclarations(p, middle, middleBounds, stop);
  const to = resync ? resync.start : text.length + 1;
  const from = resync ? resync.start - delta : old.length + 1;

  const file = previous.file;
  const outDeclarations = declarations.slice(0, kept).concat(middle);
  const outBounds = bounds.slice(0, kept).concat(middleBounds);
  if (resync) {
    for (let i = first; i < n; i++) {
      outDeclarations.push(delta === 0 ? declarations[i] : shifted(declarations[i], delta));
      outBounds.push(movedBoundary(bounds[i], delta, from, resync));
    }
  }
  const diagnostics = joined(file.diagnostics, p.diagnostics.sort((a, b) => a.start - b.start), resumeFrom, to, from, delta);
  const comments = joined(file.comments, p.comments, resumeFrom, to, from, delta);
  const pragmas = joined(file.pragmas, p.pragmas, resumeFrom, to, from, delta);
  return { file: bicepFile(text, outDeclarations, diagnostics, comments, pragmas), boundaries: outBounds };
}

/** The index of the declaration that starts at `start`, or -1. */
function declarationAt(declarations: readonly Declaration[], start: number): number {
  let lo = 0;
  let hi = declarations.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = declarations[mid].start;
    if (s === start) return mid;
    if (s < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Whether the remembered run of decorator lines answers alike from here on in both parses. */
function sameRun(was: Boundary, now: Boundary, delta: number): boolean {
  // A run that ends before the declaration is never asked about again.
  const wasOver = was.runEnd <= was.start;
  const nowOver = now.runEnd <= now.start;
  if (wasOver || nowOver) return wasOver && nowOver;
  return was.runStart + delta === now.runStart && was.runEnd + delta === now.runEnd && was.runResult === now.runResult;
}

/**
 * Items in text order: the old ones before `resumeFrom`, the new ones in
 * [resumeFrom, to), the old ones from `from` on, moved by `delta`.
 */
function joined<T extends Span>(old: readonly T[], middle: readonly T[], resumeFrom: number, to: number, from: number, delta: number): T[] {
  const out: T[] = [];
  let i = 0;
  while (i < old.length && old[i].start < resumeFrom) out.push(old[i++]);
  for (const item of middle) if (item.start >= resumeFrom && item.start < to) out.push(item);
  while (i < old.length && old[i].start < from) i++;
  for (; i < old.length; i++) out.push(delta === 0 ? old[i] : shifted(old[i], delta));
  return out;
}

/**
 * An old boundary after the change, moved by `delta`; a run of decorators remembered
 * from before `from` (where the old text was resumed) is the one the new parse had there.
 */
function movedBoundary(b: Boundary, delta: number, from: number, resync: Boundary): Boundary {
  const before = b.runStart < from;
  if (delta === 0 && (!before || (b.runStart === resync.runStart && b.runEnd === resync.runEnd && b.runResult === resync.runResult))) return b;
  return {
    start: b.start + delta,
    lineStart: b.lineStart + delta,
    clean: b.clean,
    runStart: before ? resync.runStart : b.runStart + delta,
    runEnd: before ? resync.runEnd : b.runEnd + delta,
    runResult: before ? resync.runResult : b.runResult,
  };
}

/**
 * A copy of a node with its offsets moved by `delta` (`close` and `colon` stay -1 when
 * missing); lists of strings and empty lists are shared, as nothing changes a tree.
 */
function shifted<T>(node: T, delta: number): T {
  if (Array.isArray(node)) {
    if (node.length === 0 || typeof node[0] !== 'object') return node;
    const out = new Array(node.length);
    for (let i = 0; i < node.length; i++) out[i] = shifted(node[i], delta);
    return out as T;
  }
  const from = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in from) {
    const v = from[key];
    if (typeof v === 'number') out[key] = OFFSETS.has(key) && v !== -1 ? v + delta : v;
    else if (typeof v === 'object' && v !== null) out[key] = shifted(v, delta);
    else out[key] = v;
  }
  return out as T;
}

/** The fields of a node that are offsets into the text (a number literal's `value` is not). */
const OFFSETS: ReadonlySet<string> = new Set(['start', 'end', 'open', 'close', 'colon']);

/** Keeps the last parse of each document for the next version (see reparseBicep). */
export class BicepParses {
  private readonly kept = new Map<string, TracedParse>();
  private chars = 0;

  constructor(
    /** Documents kept at most: the ones being edited. */
    private readonly maxDocuments = 8,
    /** Characters of text kept at most, over all documents. */
    private readonly maxChars = 32 * 2 ** 20,
  ) {}

  enabled = true;

  parse(uri: string, text: string): BicepFile {
    if (!this.enabled) return parseBicepTraced(text).file;
    const previous = this.kept.get(uri);
    const parsed = previous ? reparseBicep(previous, text) : parseBicepTraced(text);
    this.remember(uri, parsed);
    return parsed.file;
  }

  clear(): void {
    this.kept.clear();
    this.chars = 0;
  }

  private remember(uri: string, parsed: TracedParse): void {
    const had = this.kept.get(uri);
    if (had) {
      this.kept.delete(uri);
      this.chars -= had.file.text.length;
    }
    if (parsed.file.text.length > this.maxChars) return;
    this.kept.set(uri, parsed);
    this.chars += parsed.file.text.length;
    // The least recently parsed go first.
    for (const [key, value] of this.kept) {
      if (this.kept.size <= this.maxDocuments && this.chars <= this.maxChars) break;
      this.kept.delete(key);
      this.chars -= value.file.text.length;
    }
  }
}
