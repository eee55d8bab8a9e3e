import type { FormattingOptions } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../core/lineIndex';
import { commonPrefix, commonSuffix } from '../core/textDiff';
import type { NodePath, NodeRef, Range } from '../core/nodeRef';
import type { JsonValue } from '../core/value';
import type { ArrayLayout } from './neighbours';

/**
 * What the ARM and Bicep edit renderers share: the file's own layout (indentation unit,
 * line ending), line arithmetic on raw text, and the single minimal edit both return so
 * that several changes of one fix never produce overlapping edits.
 */

/**
 * One edit at a path, as the language renderers (arm.ts, bicep.ts) apply it: at the
 * element `target`, set the value at `path` (relative to it; property names matched
 * case-insensitively, objects missing on the way created) to `value`; `value: undefined`
 * removes it; with `insert`, the value is inserted into the array at `path` (created when
 * missing) at that index, or at the end. render.ts turns a fix's changes into these (see
 * operations.ts), with values resolved and sets followed to where the value is defined.
 *
 * Bicep reads two more conventions (bicep.ts): target path `[]` with path `['resources',
 * '<symbol>']` and `insert` declares a resource under that symbol, and `dependsOn`
 * entries are symbols.
 */
export interface PlacedChange {
  target: NodeRef;
  path: NodePath;
  value: JsonValue | undefined;
  insert?: number | 'end';
  /** For an inserted item: its arrays of scalars on one line, as its neighbours write theirs (see neighbours.ts). */
  arrays?: ArrayLayout;
  /** The string(s) of the value at `path` keep their text but for `from`, written once at the end of one of them, which becomes `to` (see `renameInText`). */
  rename?: { from: string; to: string };
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** What a renderer needs of a document: its text (the tree is re-read as edits apply). */
export interface EditableDocument {
  uri: string;
  text: string;
  /** The text's line index when one is at hand (an analysed document's): positions without indexing the text again. */
  lines?: LineIndex;
}

/** A replacement in offsets, applied to the text in hand before the next change is planned. */
export interface Splice {
  offset: number;
  length: number;
  content: string;
}

export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The offset of the line break ending the line that holds `offset` (or the text's end). */
export function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

export function lineIndent(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.offset - a.offset);
  for (const e of sorted) text = text.slice(0, e.offset) + e.content + text.slice(e.offset + e.length);
  return text;
}

/** One edit covering the span between the common prefix and suffix of old and new text. */
export function minimalEdit(doc: EditableDocument, newText: string): TextEdit {
  const old = doc.text;
  const shortest = Math.min(old.length, newText.length);
  let start = commonPrefix(old, newText, shortest);
  const suffix = commonSuffix(old, newText, shortest - start);
  let endOld = old.length - suffix;
  let endNew = newText.length - suffix;
  // Never between the two characters of a CRLF: no position names that place.
  if (start > 0 && old[start - 1] === '\r' && old[start] === '\n') start--;
  if (endOld < old.length && old[endOld - 1] === '\r' && old[endOld] === '\n') {
    endOld++;
    endNew++;
  }
  const lines = doc.lines?.text === old ? doc.lines : new LineIndex(old);
  return { range: { start: lines.position(start), end: lines.position(endOld) }, newText: newText.slice(start, endNew) };
}

/** The file's own indentation unit and line ending. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const counts = new Map<number, number>();
  let tabs = 0;
  let spaces = 0;
  let previous = 0;
  for (const line of text.split(/\r?\n/, 2000)) {
    const m = /^([ \t]*)\S/.exec(line);
    if (!m) continue;
    const indent = m[1];
    if (indent.startsWith('\t')) {
      tabs++;
      continue;
    }
    if (indent.length > 0) spaces++;
    const delta = Math.abs(indent.length - previous);
    if (delta > 0 && delta <= 8) counts.set(delta, (counts.get(delta) ?? 0) + 1);
    previous = indent.length;
  }
  let tabSize = 2;
  let best = 0;
  for (const [size, n] of counts) if (n > best || (n === best && size < tabSize)) [tabSize, best] = [size, n];
  return { tabSize, insertSpaces: tabs <= spaces, eol, insertFinalNewline: false };
}

/** One level of indentation as the file writes it. */
export function indentUnit(options: FormattingOptions): string {
  return options.insertSpaces === false ? '\t' : ' '.repeat(options.tabSize ?? 2);
}

/** The text with LSP edits applied (edits of one document, non-overlapping). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('', 'plaintext', 0, text), [...edits]);
}

const label = /^[A-Za-z0-9*@._-]+$/;

/**
 * `raw` (the text of a value: a JSON string, a Bicep string or interpolation, an ARM
 * expression) with the one occurrence of `from` that ends a string — after a `/`, a
 * quote or `}` and before a closing quote — replaced by `to`; undefined when there is
 * not exactly one, or either is not a plain label (whose text needs no escaping).
 */
export function renameInText(raw: string, from: string, to: string): string | undefined {
  if (!label.test(from) || !label.test(to)) return undefined;
  const hits: number[] = [];
  for (let i = raw.indexOf(from); i >= 0; i = raw.indexOf(from, i + 1)) {
    const before = raw[i - 1];
    const after = raw[i + from.length];
    if ((before === '/' || before === "'" || before === '"' || before === '}') && (after === "'" || after === '"')) hits.push(i);
  }
  if (hits.length !== 1) return undefined;
  return raw.slice(0, hits[0]) + to + raw.slice(hits[0] + from.length);
}

/**
 * `value` pretty-printed as JSON.stringify(value, null, unit) does (lines joined by `\n`),
 * except that arrays of scalars go on one line when `arrays` says the neighbours write
 * them so (`[ "80", "443" ]`, or `["80", "443"]` without the inner spaces).
 */
export function printJson(value: JsonValue, unit: string, arrays?: ArrayLayout, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = indent + unit;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (arrays?.inline && value.every((v) => v === null || typeof v !== 'object')) {
      const items = value.map((v) => JSON.stringify(v)).join(', ');
      return arrays.spaced ? `[ ${items} ]` : `[${items}]`;
    }
    return `[\n${value.map((v) => inner + printJson(v, unit, arrays, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${printJson(v, unit, arrays, inner)}`).join(',\n')}\n${indent}}`;
}
