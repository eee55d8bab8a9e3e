import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import { hoverAt } from '../../server/src/query/hover';
import { LineIndex } from '../../server/src/core/lineIndex';
import type { Position, Range } from '../../server/src/core/nodeRef';

export const armUri = 'file:///hover/template.json';
export const bicepUri = 'file:///hover/main.bicep';

export function analysed(uri: string, text: string): Analysis {
  return analyze(uri, text, { readFile: () => undefined });
}

/** The position `delta` characters into the first occurrence of `needle` (after `after`, when given). */
export function positionOf(text: string, needle: string, delta = 1, after = ''): Position {
  const from = after ? text.indexOf(after) : 0;
  assert.ok(from >= 0, `'${after}' not in the text`);
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `'${needle}' not in the text`);
  return new LineIndex(text).position(offset + delta);
}

/** The hover's Markdown and range at `needle`, or null. */
export function hoverOn(analysis: Analysis, needle: string, delta = 1, after = ''): { markdown: string; range: Range } | null {
  const hover = hoverAt(analysis, positionOf(analysis.document.text, needle, delta, after));
  if (!hover) return null;
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  assert.ok(hover.range, 'a hover names the range it describes');
  return { markdown: contents.value, range: hover.range };
}

/** The text a range covers. */
export function textOf(text: string, range: Range): string {
  const p = new LineIndex(text);
  return text.slice(p.offsetAt(range.start), p.offsetAt(range.end));
}
