import type { NetworkModel } from '../model/types';
import { isUnknown } from '../core/value';
import { documentedDetail, siteForcedTunnel } from '../rules/support/forcedTunnel';
import type { AseSite } from '../rules/support/aseSite';
import { allowedDetail, describeRule, isRequirementRule, requirementStatus, type RequirementStatus } from '../rules/support/requirements';
import { allRules } from '../rules/index';
import { siteChecks } from './siteChecks';
import { mdText } from './markdown';

export interface DependencyStatus {
  code: string;
  what: string;
  status: 'allowed' | 'blocked' | 'unknown';
  /** One phrase: "allowed by rule 'AllowMgmt', priority 100", "blocked by …", "unknown: …". */
  detail: string;
}

/**
 * Each dependency the rules check for this ASE, with where it stands in the template.
 * It asks the same requirements the rules report on, so a hover can never disagree
 * with a diagnostic.
 */
export function dependencyStatuses(site: AseSite, model: NetworkModel): DependencyStatus[] {
  const out: DependencyStatus[] = [];
  for (const rule of allRules) {
    if (!isRequirementRule(rule)) continue;
    if (rule.appliesTo !== 'any' && !rule.appliesTo.includes(site.version)) continue;
    for (const requirement of rule.requirements(site, model)) {
      const s = requirementStatus(site, requirement);
      out.push({ code: rule.code, what: requirement.what, status: s.status, detail: detail(s) });
    }
  }
  if (site.version !== 'v3') out.push(routeStatus(site));
  for (const c of siteChecks(site, model)) out.push({ code: c.code, what: c.what, status: c.status, detail: c.detail });
  return out;
}

function detail(s: RequirementStatus): string {
  if (s.status === 'blocked') return `blocked by ${s.verdict.rule ? describeRule(s.verdict.rule) : 'the NSG'}`;
  if (s.status === 'unknown') return `unknown: ${s.reason}`;
  return allowedDetail(s);
}

function routeStatus(site: AseSite): DependencyStatus {
  const what = 'internet-bound traffic leaves directly (no forced tunnel)';
  const table = site.routeTable;
  if (table === undefined) return { code: 'ASE301', what, status: 'allowed', detail: 'no route table on the subnet' };
  if (isUnknown(table)) return { code: 'ASE301', what, status: 'unknown', detail: `unknown: ${table.reason}` };
  const verdict = siteForcedTunnel(site);
  if (verdict.status === 'ok') return { code: 'ASE301', what, status: 'allowed', detail: 'no route sends public destinations elsewhere' };
  if (verdict.status === 'documented') return { code: 'ASE301', what, status: 'allowed', detail: documentedDetail };
  if (verdict.status === 'unknown') return { code: 'ASE301', what, status: 'unknown', detail: `unknown: ${verdict.reason}` };
  const { route } = verdict;
  const name = isUnknown(route.name) ? 'a route' : `route '${route.name}'`;
  const prefix = isUnknown(route.addressPrefix) ? verdict.example : route.addressPrefix;
  const hop = isUnknown(route.nextHopType) ? 'another next hop' : route.nextHopType;
  return { code: 'ASE301', what, status: 'blocked', detail: `blocked by ${name} (${prefix} → ${hop})` };
}

/** The statuses as a Markdown table for the ASE hover. */
export function dependencyTable(statuses: DependencyStatus[]): string {
  const mark = { allowed: 'allowed', blocked: '**blocked**', unknown: 'unknown' } as const;
  const rows = statuses.map((s) => `| \`${s.code}\` | ${mdText(s.what)} | ${mark[s.status]} | ${mdText(s.detail.replace(/^(allowed|blocked|unknown):? ?/, ''))} |`);
  return ['| Rule | Dependency | Status | Why |', '|---|---|---|---|', ...rows].join('\n');
}
