import { createHash } from 'node:crypto';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { ReportedFinding, Severity } from '../core/findings';
import { diagnosticSource } from '../query/protocol';
import { unusedSuppressionCode } from '../engine/suppress/apply';
import type { Related } from '../core/nodeRef';
import { documentationHref } from '../query/docsLinks';
import { rangeContains, sameRange } from '../core/nodeRef';

/** Carried in `Diagnostic.data` so a code action can find the finding (and its fix) again. */
export interface DiagnosticData {
  fingerprint: string;
  /** The document whose analysis produced the finding (it may be reported in another file). */
  owner: string;
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Identifies a finding within one analysis. The message is hashed rather than copied so
 * the payload stays small; code and range make a collision harmless in practice.
 */
function fingerprintOf(f: ReportedFinding): string {
  const { start, end } = f.at.range;
  const digest = createHash('sha1').update(`${f.at.uri}\n${f.message}`).digest('hex').slice(0, 16);
  return `${f.code}:${start.line}:${start.character}:${end.line}:${end.character}:${digest}`;
}

export function toDiagnostic(f: ReportedFinding, owner: string): Diagnostic {
  const related = relatedWorthShowing(f).map(
    (r): DiagnosticRelatedInformation => ({ location: { uri: r.at.uri, range: r.at.range }, message: r.message }),
  );
  const data: DiagnosticData = { fingerprint: fingerprintOf(f), owner };
  return {
    range: f.at.range,
    severity: severities[f.severity] ?? DiagnosticSeverity.Warning,
    code: f.code,
    codeDescription: { href: documentationHref(f.code, f.name) },
    source: diagnosticSource,
    message: f.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    // Editors grey an unused suppression out, as they do unused code.
    ...(f.code === unusedSuppressionCode ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    data,
  };
}

/**
 * The related places that add something under a finding in the Problems view: not the
 * ASE and its subnet when they are in the finding's own file (the message names them,
 * and they would be the same two rows under every finding), not an element the finding
 * lies inside (that is where the finding already points), and each place once. A place
 * in another file (a module, the parameters file) always stays: it is the way there.
 */
function relatedWorthShowing(f: ReportedFinding): Related[] {
  const seen = new Set<string>();
  return (f.related ?? []).filter((r) => {
    // An element whose file is not known cannot be linked to; drop it rather than send a bad URI.
    if (typeof r.at.uri !== 'string' || r.at.uri.length === 0) return false;
    const key = `${r.at.uri}:${r.at.range.start.line}:${r.at.range.start.character}:${r.at.range.end.line}:${r.at.range.end.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (r.at.uri !== f.at.uri) return true;
    if (r.context) return false;
    return !rangeContains(r.at.range, f.at.range);
  });
}

/** True when `d` (as sent back by the client) describes finding `f`. */
export function diagnosticMatches(d: Diagnostic, f: ReportedFinding): boolean {
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (data && typeof data.fingerprint === 'string') return data.fingerprint === fingerprintOf(f);
  // Clients that drop `data`: fall back to what is visible.
  return d.code === f.code && d.message === f.message && sameRange(d.range, f.at.range);
}
