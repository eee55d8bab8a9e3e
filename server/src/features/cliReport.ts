import type { Range } from '../model/nodeRef';
import type { Severity } from '../rules/types';

/** One finding as the CLI prints it; `range` is zero-based, like LSP. */
export interface CliFinding {
  code: string;
  name: string;
  severity: Severity;
  file: string;
  range: Range;
  message: string;
}

/** The `--format json` document: exactly these keys, in this order. */
export function formatJson(findings: readonly CliFinding[]): string {
  const out = findings.map((f) => ({
    code: f.code,
    name: f.name,
    severity: f.severity,
    file: f.file,
    range: {
      start: { line: f.range.start.line, character: f.range.start.character },
      end: { line: f.range.end.line, character: f.range.end.character },
    },
    message: f.message,
  }));
  return `${JSON.stringify({ findings: out })}\n`;
}

/** `file:line:col severity CODE message`, one-based like compilers print, one finding per line. */
export function formatText(findings: readonly CliFinding[]): string {
  return findings
    .map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${f.message.replace(/\s*\n\s*/g, ' ')}\n`)
    .join('');
}

export function summaryLine(findings: readonly CliFinding[], templates: number): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(templates, 'template')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
