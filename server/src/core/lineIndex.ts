import type { Position, Range } from './nodeRef';
import type { TextChange } from './textDiff';

/**
 * Offset ↔ zero-based line / UTF-16 character, the way LSP counts: `\n`, `\r\n` and a
 * lone `\r` each end a line. Built once per document (the parsers keep one); each lookup
 * is a binary search. The one place offsets and positions meet.
 */
export class LineIndex {
  /** Each line's first offset, ascending: as the parse gathered them, or (after a change) a typed array. */
  private readonly starts: ArrayLike<number>;

  constructor(
    readonly text: string,
    starts?: ArrayLike<number>,
  ) {
    this.starts = starts ?? lineStarts(text, 0, text.length, [0]);
  }

  /**
   * The index of a new version of a text from the index of the old one: the line starts
   * before the change are kept, those the change can move are found again, those after
   * it are moved by the change in length. The same starts as an index built from nothing.
   */
  static fromPrevious(previous: LineIndex, text: string, change: TextChange): LineIndex {
    const old = previous.starts;
    const { start, oldEnd, newEnd } = change;
    const delta = newEnd - oldEnd;
    // A character typed over another (no line break in or out): the same starts, shared (never changed).
    if (delta === 0 && sameBreaks(previous.text, text, start, newEnd)) return new LineIndex(text, old);
    // A start is decided by the characters before and at it: kept while both are before the
    // change (starts [0, kept)), found again in the changed part, moved by the change in
    // length after it (from `after` on). Written into one typed array of its final size: a
    // line break typed in a long document otherwise grew an array of every line again.
    const kept = firstAtLeast(old, start, 1);
    const found = lineStarts(text, Math.max(0, start - 1), newEnd, []);
    const after = firstAtLeast(old, oldEnd + 1, kept);
    const starts = new Int32Array(kept + found.length + (old.length - after));
    let n = 0;
    for (let i = 0; i < kept; i++) starts[n++] = old[i];
    for (let i = 0; i < found.length; i++) starts[n++] = found[i];
    for (let i = after; i < old.length; i++) starts[n++] = old[i] + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    // The last line starting at or before the offset (the first starts at 0).
    const line = firstAtLeast(this.starts, o + 1, 1) - 1;
    return { line, character: o - this.starts[line] };
  }

  /** Position → offset; a character past the end of its line clamps to the line's end, before its line break (as LSP's text documents do). */
  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.starts[position.line];
    if (position.character <= 0) return start;
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    let offset = Math.min(start + position.character, next);
    while (offset > start && (this.text[offset - 1] === '\n' || this.text[offset - 1] === '\r')) offset--;
    return offset;
  }

  range(offset: number, length: number): Range {
    return { start: this.position(offset), end: this.position(offset + Math.max(0, length)) };
  }
}

/**
 * Appends the start of each line that a line break at a character from `from` to
 * before `to` begins: after `\n`, and after a `\r` not followed by `\n`.
 */
function lineStarts(text: string, from: number, to: number, starts: number[]): number[] {
  // indexOf is much faster than a character loop on multi-megabyte documents.
  let nl = text.indexOf('\n', from);
  let cr = text.indexOf('\r', from);
  for (;;) {
    if (nl >= to) nl = -1;
    if (cr >= to) cr = -1;
    if (nl === -1 && cr === -1) return starts;
    if (cr !== -1 && (nl === -1 || cr < nl)) {
      if (text.charCodeAt(cr + 1) !== 10) starts.push(cr + 1);
      cr = text.indexOf('\r', cr + 1);
    } else {
      starts.push(nl + 1);
      nl = text.indexOf('\n', nl + 1);
    }
  }
}

/** The first index from `from` on whose start is at least `offset` (the starts ascend). */
function firstAtLeast(starts: ArrayLike<number>, offset: number, from: number): number {
  let lo = from;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `a` and `b` have the same line breaks from just before `from` to `to` (the characters that decide a line start there). */
function sameBreaks(a: string, b: string, from: number, to: number): boolean {
  for (let i = Math.max(0, from - 1); i <= to && i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if ((x === 10 || x === 13 || y === 10 || y === 13) && x !== y) return false;
  }
  return true;
}
