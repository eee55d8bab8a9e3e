import type { Position, Range } from './nodeRef';

/**
 * Offset ↔ zero-based line / UTF-16 character, the way LSP counts: `\n`, `\r\n` and a
 * lone `\r` each end a line. Built once per document (the parsers keep one); each lookup
 * is a binary search. The one place offsets and positions meet.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    // indexOf is much faster than a character loop on multi-megabyte documents.
    let nl = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (nl !== -1 || cr !== -1) {
      if (cr !== -1 && (nl === -1 || cr < nl)) {
        if (nl === cr + 1) {
          starts.push(nl + 1);
          nl = text.indexOf('\n', nl + 1);
        } else {
          starts.push(cr + 1);
        }
        cr = text.indexOf('\r', cr + 1);
      } else {
        starts.push(nl + 1);
        nl = text.indexOf('\n', nl + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo] };
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
