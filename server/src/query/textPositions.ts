import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from '../core/nodeRef';

/** Offset ↔ position over one text, with LSP's UTF-16 columns and line endings. */
export interface TextPositions {
  offsetAt(position: Position): number;
  positionAt(offset: number): Position;
  rangeOf(offset: number, length: number): Range;
}

export function textPositions(text: string): TextPositions {
  const doc = TextDocument.create('', 'json', 0, text);
  return {
    offsetAt: (p) => doc.offsetAt(p),
    positionAt: (o) => doc.positionAt(o),
    rangeOf: (o, l) => ({ start: doc.positionAt(o), end: doc.positionAt(o + l) }),
  };
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

export function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
