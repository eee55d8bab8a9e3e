import type { Rule } from '../../rules/types';
import type { Severity } from '../../core/findings';

/** What configuration may set a rule to: a severity, or `off` to not run it at all. */
export type RuleLevel = 'off' | Severity;

export const ruleLevelNames: readonly RuleLevel[] = ['off', 'error', 'warning', 'information', 'hint'];

/** Effective level per rule code, for the rules configuration changed. */
export type RuleLevels = ReadonlyMap<string, RuleLevel>;

export function isRuleLevel(v: unknown): v is RuleLevel {
  return typeof v === 'string' && (ruleLevelNames as readonly string[]).includes(v);
}

/** The code of the rule a user named by code (any case) or by name; undefined when there is none. */
function ruleCodeFor(key: string, rules: readonly Rule[]): string | undefined {
  const k = key.trim().toLowerCase();
  return rules.find((r) => r.code.toLowerCase() === k || r.name === k)?.code;
}

export interface LevelsFromObject {
  levels: Map<string, RuleLevel>;
  /** One line per key or value that was ignored, for the log or a usage error. */
  problems: string[];
}

/**
 * A `{ "ASE102": "off", "subnet-size": "error" }` map as written in settings or the
 * project file. What cannot be understood is reported and skipped: the rest applies.
 */
export function levelsFromObject(raw: unknown, rules: readonly Rule[], where: string): LevelsFromObject {
  const levels = new Map<string, RuleLevel>();
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { levels, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${where}: expected an object of rule → level`);
    return { levels, problems };
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const code = ruleCodeFor(key, rules);
    const level = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (!code) problems.push(`${where}: unknown rule '${key}' (give a code such as ASE101 or a rule name)`);
    else if (!isRuleLevel(level)) problems.push(`${where}: '${key}' has level ${JSON.stringify(value)}; expected one of ${ruleLevelNames.join(', ')}`);
    else levels.set(code, level);
  }
  return { levels, problems };
}

/** Later maps win: defaults < project file < editor settings < command line. */
export function mergeLevels(...maps: readonly (RuleLevels | undefined)[]): Map<string, RuleLevel> {
  const out = new Map<string, RuleLevel>();
  for (const m of maps) if (m) for (const [k, v] of m) out.set(k, v);
  return out;
}
