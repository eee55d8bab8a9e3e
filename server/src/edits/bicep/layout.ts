import type { BicepFile, Span } from '../../parse/bicep';
import { lineEnd, lineStart } from '../format';

/**
 * Where new lines go among the user's: above a node together with the comments and
 * `#disable-next-line` pragmas that belong to it, and after a node's trailing comment.
 */

/** True when only blanks and comments follow `offset` on its line. */
export function onlyTriviaAfter(text: string, offset: number): boolean {
  return /^[ \t]*(\/\*.*?\*\/[ \t]*)*(\/\/.*)?$/.test(text.slice(offset, lineEnd(text, offset)));
}

/** The offset where a new line after the node at `end` goes: past its trailing comment when it has one. */
export function afterLine(text: string, end: number): number {
  return onlyTriviaAfter(text, end) ? lineEnd(text, end) : end;
}

/** The offset just past the line break that ends the line holding `offset`. */
export function nextLineStart(text: string, offset: number): number {
  const end = lineEnd(text, offset);
  if (text.startsWith('\r\n', end)) return end + 2;
  return end < text.length ? end + 1 : end;
}

/**
 * The start of the line holding `node`, moved up over the comment-only and pragma lines
 * directly above it: something inserted before the node must not split it from them.
 */
export function leadingLineStart(file: BicepFile, node: Span): number {
  const text = file.text;
  const owned = new Map<number, number>();
  for (const c of file.comments) owned.set(c.start, c.end);
  for (const p of file.pragmas) owned.set(p.start, p.end);
  let start = lineStart(text, node.start);
  while (start > 0) {
    const previous = lineStart(text, start - 1 - (text[start - 1] === '\n' && text[start - 2] === '\r' ? 1 : 0));
    const first = previous + /^[ \t]*/.exec(text.slice(previous))![0].length;
    const end = owned.get(first);
    const last = lineEnd(text, previous);
    if (end === undefined || end > last || !/^[ \t]*$/.test(text.slice(end, last))) break;
    start = previous;
  }
  return start;
}

/** True when the span has no line break: a one-line object or array. */
export function isOneLine(text: string, open: number, close: number): boolean {
  return !/[\r\n]/.test(text.slice(open, close));
}

/** True when a comment lies in the span (text that rewriting the span would lose). */
export function hasComment(file: BicepFile, start: number, end: number): boolean {
  return file.comments.some((c) => c.start >= start && c.end <= end);
}
