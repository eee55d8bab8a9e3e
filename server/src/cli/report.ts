import { terminalText } from './output';
import type { Severity } from '../core/findings';
import type { FailOn } from './args';
import type { CliFinding } from '../query/cliFinding';


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
    // What a one-line message leaves out (the values ASE902 could not verify), when it does.
    ...(f.details?.length ? { details: [...f.details] } : {}),
    // Where a parameters file gives the value that causes it (only when one does).
    ...(f.values?.length ? { values: f.values.map((v) => ({ file: v.file, range: { start: { ...v.range.start }, end: { ...v.range.end } } })) } : {}),
  }));
  return `${JSON.stringify({ findings: out })}\n`;
}

/**
 * `file:line:col severity CODE message`, one-based like compilers print, one finding per
 * line; control characters escaped (see cliOutput.ts). A value of a parameters file that
 * causes it is named at the end of the line: `(value at main.bicepparam:3:25)`.
 */
export function formatText(findings: readonly CliFinding[]): string {
  const at = (file: string, p: { line: number; character: number }) => `${terminalText(file)}:${p.line + 1}:${p.character + 1}`;
  return findings
    .map((f) => {
      const values = f.values?.length ? ` (value at ${f.values.map((v) => at(v.file, v.range.start)).join(', ')})` : '';
      return `${at(f.file, f.range.start)} ${f.severity} ${f.code} ${terminalText(fullMessage(f).replace(/\s*\n\s*/g, ' '))}${values}\n`;
    })
    .join('');
}

/** The message with what it leaves out for the editor's hover (the values ASE902 could not verify): a log has no hover. */
export function fullMessage(f: Pick<CliFinding, 'message' | 'details'>): string {
  return f.details?.length ? `${f.message}: ${f.details.join('; ')}` : f.message;
}

/** With `--quiet`, only error-level findings are reported (they are still all counted). */
export function reportedFindings(findings: readonly CliFinding[], quiet: boolean): CliFinding[] {
  return quiet ? findings.filter((f) => f.severity === 'error') : [...findings];
}

/** Most severe first: a finding fails the run when its level is at or before `--fail-on`'s. */
const severities: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Whether findings of `severity` fail the run under `failOn`. */
function failsOn(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && severities.indexOf(severity) <= severities.indexOf(failOn);
}

/**
 * 2 for a usage or I/O problem (the result is incomplete, whatever it found), else 1 for
 * a finding at the `failOn` level or more severe, else 0. With `maxWarnings`, warnings
 * fail the run when there are more of them than that, and only then, whatever `failOn`.
 */
export function exitStatus(findings: readonly CliFinding[], ioFailed: boolean, maxWarnings: number | undefined, failOn: FailOn = 'error'): 0 | 1 | 2 {
  if (ioFailed) return 2;
  if (findings.some((f) => !(f.severity === 'warning' && maxWarnings !== undefined) && failsOn(f.severity, failOn))) return 1;
  if (maxWarnings !== undefined && findings.filter((f) => f.severity === 'warning').length > maxWarnings) return 1;
  return 0;
}

/**
 * `2 errors, 1 warning in 3 templates`; the less severe levels are counted too when
 * `--fail-on` makes them fail the run (`…, 1 warning, 4 information in 3 templates`).
 */
export function summaryLine(findings: readonly CliFinding[], templates: number, failOn: FailOn = 'error'): string {
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const counts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  if (failsOn('information', failOn)) counts.push(`${count('information')} information`);
  if (failsOn('hint', failOn)) counts.push(plural(count('hint'), 'hint'));
  return `${counts.join(', ')} in ${plural(templates, 'template')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
