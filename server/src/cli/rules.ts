import type { Rule } from '../rules/types';
import type { Severity } from '../core/findings';
import type { RuleLevel, RuleLevels } from '../engine/config/ruleLevels';
import type { RuleSetting } from './args';

export type { RuleLevels };

export type ResolvedRuleLevels = { ok: true; levels: RuleLevels } | { ok: false; error: string };

/**
 * Resolves `--rule` settings against the catalogue. A rule is named by its code (any
 * case) or its name; an unknown one is a usage error rather than silently ignored, so a
 * typo cannot turn a check off unnoticed in a pipeline.
 */
export function resolveRuleLevels(settings: readonly RuleSetting[], rules: readonly Rule[]): ResolvedRuleLevels {
  const levels = new Map<string, RuleLevel>();
  for (const s of settings) {
    const key = s.rule.toLowerCase();
    const rule = rules.find((r) => r.code.toLowerCase() === key || r.name.toLowerCase() === key);
    if (!rule) return { ok: false, error: `--rule: unknown rule '${s.rule}' (give a code such as ${rules[0]?.code ?? 'ASE101'} or a rule name)` };
    levels.set(rule.code, s.level);
  }
  return { ok: true, levels };
}

/**
 * The findings as the command line reports them: severities replaced where `--rule` set
 * one, findings of rules set to `off` dropped.
 */
export function applyRuleLevels<T extends { code: string; severity: Severity }>(findings: readonly T[], levels: RuleLevels): T[] {
  const out: T[] = [];
  for (const f of findings) {
    const level = levels.get(f.code);
    if (level === 'off') continue;
    out.push(level === undefined ? f : { ...f, severity: level });
  }
  return out;
}
