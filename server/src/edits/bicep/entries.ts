import type { ArrayLiteral, BicepFile, Declaration, Expression, ObjectLiteral, Span } from '../../parse/bicep';
import { lineEnd, lineIndent, lineStart, startsLine, type Splice } from '../format';
import { afterLine, hasComment, isOneLine, leadingLineStart, nextLineStart, onlyTriviaAfter } from './layout';
import type { Layout } from './value';

/**
 * Text changes to one object or array, touching only the entry in question: the user's
 * other lines are never reflowed. `entry(indent, compact)` prints the new entry (`key:
 * value` or an item) for a line indented by `indent`, or on one line with commas.
 *
 * Decision on one-line containers (`['80']`, `{ id: x }`): a flat entry (a scalar or an
 * empty container) joins the line with a comma, as a person would write it; a structured
 * one opens the container up, one entry per line with the existing entries' text kept
 * as it is — a security rule squeezed onto one line helps nobody. When a comment sits
 * between the entries, the line is kept (and the entry written compactly) so the comment
 * is not lost.
 */
export type EntryPrinter = (indent: string, compact: boolean) => string | undefined;

type Container = ObjectLiteral | ArrayLiteral;

export function insertEntry(file: BicepFile, layout: Layout, container: Container, at: number | 'end', entry: EntryPrinter, flat: boolean): Splice | undefined {
  const text = file.text;
  const { eol, unit } = layout;
  const { open, close } = container;
  if (close < 0) return undefined;
  const items: readonly Span[] = container.items;
  const index = at === 'end' ? items.length : Math.max(0, Math.min(at, items.length));
  const outer = lineIndent(text, open);
  const oneLine = isOneLine(text, open, close);
  if (items.length === 0) {
    const indent = outer + unit;
    const printed = entry(indent, false);
    if (printed === undefined) return undefined;
    if (oneLine && text.slice(open + 1, close).trim() === '') {
      return { offset: open + 1, length: close - open - 1, content: `${eol}${indent}${printed}${eol}${outer}` };
    }
    // Only comments inside: the entry goes after them.
    if (startsLine(text, close)) return { offset: lineStart(text, close), length: 0, content: `${indent}${printed}${eol}` };
    return { offset: close, length: 0, content: `${eol}${indent}${printed}${eol}${outer}` };
  }
  if (oneLine) {
    if (flat || hasComment(file, open, close)) {
      const printed = entry('', true);
      if (printed === undefined) return undefined;
      if (index < items.length) return { offset: items[index].start, length: 0, content: `${printed}, ` };
      return { offset: items[items.length - 1].end, length: 0, content: `, ${printed}` };
    }
    const indent = outer + unit;
    const printed = entry(indent, false);
    if (printed === undefined) return undefined;
    const lines = items.map((it) => text.slice(it.start, it.end));
    lines.splice(index, 0, printed);
    return { offset: open + 1, length: close - open - 1, content: `${eol}${lines.map((l) => indent + l).join(eol)}${eol}${outer}` };
  }
  const anchor = items[Math.min(index, items.length - 1)];
  const ownLine = startsLine(text, anchor.start);
  const indent = ownLine ? lineIndent(text, anchor.start) : outer + unit;
  const printed = entry(indent, false);
  if (printed === undefined) return undefined;
  if (index < items.length) {
    const leading = leadingLineStart(file, anchor);
    // A blank line before the anchor separates groups: the entry joins the group above.
    if (ownLine && index > 0 && blankLineBetween(text, items[index - 1].end, leading)) {
      return { offset: afterLine(text, items[index - 1].end), length: 0, content: `${eol}${indent}${printed}` };
    }
    if (ownLine) return { offset: leading, length: 0, content: `${indent}${printed}${eol}` };
    return { offset: anchor.start, length: 0, content: `${printed}${eol}${indent}` };
  }
  return { offset: afterLine(text, anchor.end), length: 0, content: `${eol}${indent}${printed}` };
}

function blankLineBetween(text: string, from: number, to: number): boolean {
  return /\n[ \t]*\r?\n/.test(text.slice(afterLine(text, from), to));
}

/** Removes the entry with its line when it has one to itself, else with the comma or space that separated it. */
export function removeEntry(file: BicepFile, container: Container, index: number): Splice {
  const text = file.text;
  const items: readonly Span[] = container.items;
  const item = items[index];
  const next = items[index + 1];
  const previous = items[index - 1];
  if (isOneLine(text, container.open, container.close) && items.length === 1 && !hasComment(file, container.open, container.close)) {
    return { offset: container.open + 1, length: container.close - container.open - 1, content: '' };
  }
  if (!isOneLine(text, container.open, container.close) && startsLine(text, item.start) && onlyTriviaAfter(text, item.end)) {
    const start = lineStart(text, item.start);
    return { offset: start, length: nextLineStart(text, item.end) - start, content: '' };
  }
  if (next && isOneLine(text, item.end, next.start)) return { offset: item.start, length: next.start - item.start, content: '' };
  if (previous && isOneLine(text, previous.end, item.start)) return { offset: previous.end, length: item.end - previous.end, content: '' };
  return { offset: item.start, length: item.end - item.start, content: '' };
}

/** Replaces a value's text and nothing else; inside a one-line container the new value stays on the line. */
export function replaceValue(file: BicepFile, node: Expression, container: Container | undefined, print: EntryPrinter): Splice | undefined {
  if (node.kind === 'error' || node.end <= node.start) return undefined;
  const compact = container !== undefined && isOneLine(file.text, container.open, container.close);
  const printed = print(lineIndent(file.text, node.start), compact);
  if (printed === undefined) return undefined;
  return { offset: node.start, length: node.end - node.start, content: printed };
}

/**
 * Removes a top-level declaration with its decorators, the comment lines directly above
 * it and its line; a blank line left doubled (or leading the file) goes too. Undefined
 * when the declaration shares a line with other code.
 */
export function removeDeclaration(file: BicepFile, decl: Declaration): Splice | undefined {
  const text = file.text;
  if (!startsLine(text, decl.start) || !onlyTriviaAfter(text, decl.end)) return undefined;
  const start = leadingLineStart(file, decl);
  let end = nextLineStart(text, decl.end);
  const blank = (from: number) => from < text.length && /^[ \t]*$/.test(text.slice(from, lineEnd(text, from)));
  const blankBefore = start === 0 || blank(lineStart(text, start - 1));
  if (blankBefore && blank(end)) end = nextLineStart(text, end);
  return { offset: start, length: end - start, content: '' };
}
