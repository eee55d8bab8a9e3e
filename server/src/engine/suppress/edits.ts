import type { Fix, ReportedFinding } from '../../core/findings';
import type { LineIndex } from '../../core/lineIndex';
import type { Directive } from './directives';

/**
 * "Suppress ASE102 on this line": a `// ase-lint-disable-next-line ASE102` comment (in
 * Bicep, Bicep's own `#disable-next-line ASE102`) on a new line above the finding,
 * indented like that line. When the line above already is such a directive, the code is
 * added to it instead of stacking a second one.
 */
export function suppressLineFix(
  finding: ReportedFinding,
  text: string,
  lines: LineIndex,
  directives: readonly Directive[],
  bicep: boolean,
): Fix | undefined {
  const uri = finding.at.uri;
  const line = finding.at.range.start.line;
  if (line >= lines.lineCount) return undefined;
  const title = `Suppress ${finding.code} on this line`;
  const above = directives.find((d) => d.kind === 'next-line' && d.line === line && d.range.start.line === line - 1 && d.codes.length > 0);
  if (above && (above.form === 'pragma' || bicep === false || above.form === 'comment')) {
    const last = above.codes[above.codes.length - 1];
    return { title, changes: [], textEdits: [{ uri, range: { start: last.range.end, end: last.range.end }, newText: ` ${finding.code}` }] };
  }
  const start = lines.offsetAt({ line, character: 0 });
  const indent = /^[ \t]*/.exec(text.slice(start, start + 200))?.[0] ?? '';
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const comment = bicep ? `#disable-next-line ${finding.code}` : `// ase-lint-disable-next-line ${finding.code}`;
  const at = { line, character: 0 };
  // Our comment takes a reason after the codes; an editor that takes snippets asks for it. (Bicep's pragma takes codes only.)
  const snippet = bicep ? undefined : `${escapeSnippet(`${indent}${comment}`)} -- \${1:reason}${escapeSnippet(eol)}`;
  return { title, changes: [], textEdits: [{ uri, range: { start: at, end: at }, newText: `${indent}${comment}${eol}`, ...(snippet ? { snippet } : {}) }] };
}

/**
 * Removes what an unused suppression names: the whole comment or pragma when nothing
 * in it is still used (with its line when it stands alone), otherwise just the unused
 * codes.
 */
export function removeSuppressionFix(
  uri: string,
  text: string,
  lines: LineIndex,
  directive: Directive,
  unusedCodes: readonly Directive['codes'][number][],
  wholeDirective: boolean,
): Fix {
  if (wholeDirective) {
    const lineStart = lines.offsetAt({ line: directive.range.start.line, character: 0 });
    const endLine = directive.range.end.line;
    const nextLineStart = endLine + 1 < lines.lineCount ? lines.offsetAt({ line: endLine + 1, character: 0 }) : text.length;
    const before = text.slice(lineStart, directive.start);
    const after = text.slice(directive.end, nextLineStart);
    const alone = /^[ \t]*$/.test(before) && /^[ \t]*(\r\n|\n|\r)?$/.test(after);
    const from = alone ? lineStart : trimmedStart(text, directive.start, lineStart);
    const to = alone ? nextLineStart : directive.end;
    return {
      title: 'Remove the unused suppression',
      changes: [],
      textEdits: [{ uri, range: { start: lines.position(from), end: lines.position(to) }, newText: '' }],
    };
  }
  return {
    title: unusedCodes.length === 1 ? `Remove ${unusedCodes[0].text} from the suppression` : 'Remove the unused codes from the suppression',
    changes: [],
    textEdits: unusedCodes.map((c) => {
      const end = lines.offsetAt(c.range.end);
      let start = lines.offsetAt(c.range.start);
      // Take the separator before the code with it (`ASE101, ASE102` → `ASE101`).
      while (start > 0 && /[ \t,]/.test(text[start - 1])) start--;
      return { uri, range: { start: lines.position(start), end: lines.position(end) }, newText: '' };
    }),
  };
}

/** A trailing comment takes the spaces before it along. */
function trimmedStart(text: string, start: number, lineStart: number): number {
  let s = start;
  while (s > lineStart && /[ \t]/.test(text[s - 1])) s--;
  return s;
}

/** Text as it reads in an LSP snippet: `$`, `}` and `\\` escaped. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
