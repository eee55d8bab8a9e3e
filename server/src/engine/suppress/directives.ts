import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { Range } from '../../core/nodeRef';
import type { BicepFile } from '../../parse/bicep/ast';
import { LineIndex } from '../../core/lineIndex';

/**
 * What a suppression comment or pragma does:
 * - `next-line`: `// ase-lint-disable-next-line` and Bicep's `#disable-next-line` — the line after it;
 * - `line`: `// ase-lint-disable-line` — its own line;
 * - `disable` / `enable`: `// ase-lint-disable` … `// ase-lint-enable` and Bicep's
 *   `#disable-diagnostics` … `#restore-diagnostics` — every line in between (to the end
 *   of the file without an `enable`; at the top of a file, the whole file).
 */
export type DirectiveKind = 'next-line' | 'line' | 'disable' | 'enable';

export interface DirectiveCode {
  /** As written: a rule code (any case) or a rule name. */
  text: string;
  range: Range;
}

export interface Directive {
  kind: DirectiveKind;
  /** Our own comment form, or Bicep's pragma (whose codes may also name Bicep's own diagnostics). */
  form: 'comment' | 'pragma';
  /** Codes or names as written; empty means every rule (not allowed for pragmas, where it means nothing of ours). */
  codes: DirectiveCode[];
  /** The free text after the codes (`-- reason` or just words). */
  reason?: string;
  /** The whole comment or pragma. */
  range: Range;
  /** Offsets of the whole comment or pragma, for edits that remove or extend it. */
  start: number;
  end: number;
  /** The line a `next-line`/`line` directive covers; the first line a `disable`/`enable` takes effect. */
  line: number;
}

const commentDirective = /^(?:\/\/|\/\*)\s*ase-lint-(disable-next-line|disable-line|disable|enable)(?=\s|\*\/|$)/;

/** Our own directives in an ARM template's comments (JSON with comments). `ruleNames`: the catalogue's names, lowercase. */
export function armDirectives(text: string, ruleNames: ReadonlySet<string>, lines?: LineIndex): Directive[] {
  // Most templates have no directive: skip the second scan of a large file.
  if (!text.includes('ase-lint-')) return [];
  const index = lines ?? new LineIndex(text);
  const out: Directive[] = [];
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind !== SyntaxKind.LineCommentTrivia && kind !== SyntaxKind.BlockCommentTrivia) continue;
    const start = scanner.getTokenOffset();
    const d = commentToDirective(text, start, start + scanner.getTokenLength(), index, ruleNames);
    if (d) out.push(d);
  }
  return out;
}

/** Our comment directives and Bicep's pragmas in a Bicep file, as its parser kept them. */
export function bicepDirectives(text: string, file: BicepFile, ruleNames: ReadonlySet<string>, lines?: LineIndex): Directive[] {
  if (file.pragmas.length === 0 && !text.includes('ase-lint-')) return [];
  const index = lines ?? new LineIndex(text);
  const out: Directive[] = [];
  for (const c of file.comments) {
    const d = commentToDirective(text, c.start, c.end, index, ruleNames);
    if (d) out.push(d);
  }
  for (const p of file.pragmas) {
    const range = { start: index.position(p.start), end: index.position(p.end) };
    const kind: DirectiveKind = p.directive === 'disable-next-line' ? 'next-line' : p.directive === 'disable-diagnostics' ? 'disable' : 'enable';
    out.push({
      kind,
      form: 'pragma',
      codes: p.codes.map((c) => ({ text: c.code, range: { start: index.position(c.start), end: index.position(c.end) } })),
      range,
      start: p.start,
      end: p.end,
      line: kind === 'next-line' ? range.end.line + 1 : range.start.line,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

function commentToDirective(text: string, start: number, end: number, index: LineIndex, ruleNames: ReadonlySet<string>): Directive | undefined {
  const raw = text.slice(start, end);
  const m = commentDirective.exec(raw);
  if (!m) return undefined;
  const kind: DirectiveKind = m[1] === 'disable-next-line' ? 'next-line' : m[1] === 'disable-line' ? 'line' : (m[1] as 'disable' | 'enable');
  const body = raw.startsWith('/*') && raw.endsWith('*/') ? raw.slice(0, -2) : raw;
  // Codes: the leading words that are rule codes (known or not: a typo must be reported)
  // or known rule names, separated by spaces or commas; the rest is the reason.
  const codes: DirectiveCode[] = [];
  let pos = m[0].length;
  const word = /[\s,]*([^\s,]+)/y;
  for (;;) {
    word.lastIndex = pos;
    const w = word.exec(body);
    if (!w) break;
    if (!/^ASE\d{3}$/i.test(w[1]) && !ruleNames.has(w[1].toLowerCase())) break;
    const codeStart = start + word.lastIndex - w[1].length;
    codes.push({ text: w[1], range: { start: index.position(codeStart), end: index.position(codeStart + w[1].length) } });
    pos = word.lastIndex;
  }
  let reason: string | undefined;
  const rest = body.slice(pos).trim().replace(/^--\s*/, '').trim();
  if (rest) reason = rest;
  const range = { start: index.position(start), end: index.position(end) };
  const line = kind === 'next-line' ? range.end.line + 1 : range.start.line;
  return { kind, form: 'comment', codes, ...(reason ? { reason } : {}), range, start, end, line };
}

