import type { NetworkModel } from '../model/types';
import { allRules } from './index';
import type { Rule } from './types';
import type { ReportedFinding } from '../core/findings';

/**
 * Runs every rule over the model. A rule that throws is reported through `onFailure`
 * and the others still run: one broken check must not hide the rest.
 */
export function runRules(
  model: NetworkModel,
  onFailure: (rule: string, error: unknown) => void,
  rules: readonly Rule[] = allRules,
): ReportedFinding[] {
  const out: ReportedFinding[] = [];
  for (const rule of rules) {
    let found;
    try {
      found = rule.check(model, allRules);
    } catch (e) {
      onFailure(`${rule.code} ${rule.name}`, e);
      continue;
    }
    for (const f of found) out.push({ ...f, code: rule.code, name: rule.name, severity: f.severity ?? rule.severity });
  }
  return sortFindings(out);
}

/** By file, then position, then code: the order every front end reports in. */
export function sortFindings<T extends ReportedFinding>(findings: T[]): T[] {
  return findings.sort(compareFindings);
}

function compareFindings(a: ReportedFinding, b: ReportedFinding): number {
  if (a.at.uri !== b.at.uri) return a.at.uri < b.at.uri ? -1 : 1;
  const s = a.at.range.start;
  const t = b.at.range.start;
  return s.line - t.line || s.character - t.character || a.code.localeCompare(b.code);
}
