import type { Analysis } from '../engine/analyze';
import { portTable, portsOf, type PortTableRow } from '../knowledge/ports';
import { comparePositions, type NodeRef } from '../core/nodeRef';
import type { NetworkModel, Route, SecurityRule } from '../model/types';
import { boundMessage, excerpt } from '../core/excerpt';
import { isUnknown } from '../core/value';
import { parsePortRanges } from '../ip/ports';
import { documentedDetail, siteForcedTunnel } from '../rules/support/forcedTunnel';
import { aseSites, displayName, nsgAnchor, type AseSite } from '../rules/support/aseSite';
import { allowedDetail, describeRule, isRequirementRule, requirementStatus, type Requirement } from '../rules/support/requirements';
import { allRules } from '../rules/index';
import type { ReportedFinding } from '../core/findings';
import type { ExplainAse, ExplainDependency, ExplainLocation } from './protocol';
import { siteChecks, type SiteCheck } from './siteChecks';

/**
 * Every ASE of the analysis with each dependency the rules check, its status, the NSG
 * rule or route that decides it (with its location) and the quick fix when it is
 * blocked. Asks the same requirements the rules report on, so the diagram can never
 * disagree with a diagnostic.
 */
/** The title of a finding's fix as it would be offered (rendered, not yet verified), or undefined when it cannot be written. */
export type FixOffer = (finding: ReportedFinding) => string | undefined;

export function explainAses(analysis: Analysis, offer: FixOffer = () => undefined): ExplainAse[] {
  const model = analysis.model;
  if (!model) return [];
  return aseSites(model).map((site, index) => ({
    name: isUnknown(site.ase.name) ? '(name unresolved)' : displayName(site.ase.name).replace(/^'|'$/g, ''),
    version: site.version,
    mode: isUnknown(site.ase.ilbMode) ? 'unknown' : site.ase.ilbMode === 'None' ? 'External' : 'ILB',
    subnet: isUnknown(site.subnet.subnetName) ? '(name unresolved)' : displayName(site.subnet.subnetName).replace(/^'|'$/g, ''),
    prefixes: isUnknown(site.prefixes) ? [] : site.prefixes.map((p) => excerpt(p)),
    location: location(site.ase.ref),
    // What the panel shows quotes the template: excerpts of its values, as messages do.
    dependencies: dependenciesOf(analysis, model, site, index, offer).map((d) => ({
      ...d,
      detail: boundMessage(d.detail),
      ...(d.decidedBy !== undefined ? { decidedBy: excerpt(d.decidedBy) } : {}),
    })),
  }));
}

function dependenciesOf(analysis: Analysis, model: NetworkModel, site: AseSite, aseIndex: number, offer: FixOffer): ExplainDependency[] {
  const out: ExplainDependency[] = [];
  for (const rule of allRules) {
    if (!isRequirementRule(rule)) continue;
    if (rule.appliesTo !== 'any' && !rule.appliesTo.includes(site.version)) continue;
    rule.requirements(site, model).forEach((requirement, i) => {
      const base = { id: `${aseIndex}:${rule.code}:${i}`, code: rule.code, what: requirement.what, kind: 'nsg' as const };
      const direction = requirement.flows[0]?.direction ?? 'Inbound';
      const rowIds = rowsOf(rule.code, requirement, site).map((r) => r.id);
      out.push({ ...base, direction, rowIds, ...nsgStatus(analysis, site, requirement, rule.code, offer) });
    });
  }
  // The forced-tunnel check is about routes, not the NSG: ASEv3 does not depend on it.
  if (site.version !== 'v3') out.push(routeDependency(analysis, site, aseIndex, offer));
  for (const check of siteChecks(site, model)) out.push(checkDependency(analysis, check, aseIndex, offer));
  return out;
}

/** A property of the subnet or its surroundings (delegation, size, route table on ASEv3, DNS records): a node of the diagram. */
function checkDependency(analysis: Analysis, check: SiteCheck, aseIndex: number, offer: FixOffer): ExplainDependency {
  const fix = check.finding ? fixFor(analysis, check.code, check.finding.at, offer) : undefined;
  return {
    id: `${aseIndex}:${check.code}:${check.kind}`,
    code: check.code,
    what: check.what,
    kind: check.kind,
    status: check.status,
    detail: check.detail,
    rowIds: [],
    ...(check.decidedBy ? { decidedBy: check.decidedBy } : {}),
    ...(check.decidedAt?.uri ? { decidedAt: location(check.decidedAt) } : {}),
    ...(fix ? { fix } : {}),
  };
}

type Status = Pick<ExplainDependency, 'status' | 'detail' | 'decidedBy' | 'decidedAt' | 'fix'>;

function nsgStatus(analysis: Analysis, site: AseSite, requirement: Requirement, code: string, offer: FixOffer): Status {
  const s = requirementStatus(site, requirement);
  if (s.status === 'unknown') return { status: 'unknown', detail: `unknown: ${s.reason}` };
  if (s.status === 'allowed') {
    const first = s.deciding[0];
    return { status: 'allowed', detail: allowedDetail(s), ...(first ? decidingRule(site, first) : {}) };
  }
  const rule = s.verdict.rule;
  const deciding = rule ? decidingRule(site, rule) : {};
  const fix = fixFor(analysis, code, deciding.decidedAt ?? anchorOf(site), offer);
  return { status: 'blocked', detail: `blocked by ${rule ? describeRule(rule) : 'the NSG'}`, ...deciding, ...(fix ? { fix } : {}) };
}

/** A default rule is not written anywhere: its location is the NSG, where a fix inserts the allow rule. */
function decidingRule(site: AseSite, rule: SecurityRule): Pick<ExplainDependency, 'decidedBy' | 'decidedAt'> {
  const name = isUnknown(rule.name) ? 'a rule with an unresolved name' : rule.name;
  const decidedBy = rule.isDefault ? `default ${name}` : name;
  const ref = rule.isDefault ? anchorOf(site) : rule.ref;
  return { decidedBy, ...(ref && ref.uri ? { decidedAt: location(ref) } : {}) };
}

function anchorOf(site: AseSite): NodeRef | undefined {
  return site.nsg && !isUnknown(site.nsg) ? nsgAnchor(site.nsg) : undefined;
}

function routeDependency(analysis: Analysis, site: AseSite, aseIndex: number, offer: FixOffer): ExplainDependency {
  const base = {
    id: `${aseIndex}:ASE301:0`,
    code: 'ASE301',
    what: 'internet-bound traffic leaves directly (no forced tunnel)',
    direction: 'Outbound' as const,
    kind: 'route' as const,
    rowIds: portTable.filter((r) => r.direction === 'Outbound' && r.destination !== 'subnet' && r.versions.includes(site.version)).map((r) => r.id),
  };
  const table = site.routeTable;
  if (table === undefined) return { ...base, status: 'allowed', detail: 'no route table on the subnet' };
  if (isUnknown(table)) return { ...base, status: 'unknown', detail: `unknown: ${table.reason}` };
  const verdict = siteForcedTunnel(site);
  if (verdict.status === 'ok') return { ...base, status: 'allowed', detail: 'no route sends public destinations elsewhere' };
  if (verdict.status === 'documented') return { ...base, status: 'allowed', detail: documentedDetail };
  if (verdict.status === 'unknown') return { ...base, status: 'unknown', detail: `unknown: ${verdict.reason}` };
  const route: Route = verdict.route;
  const name = isUnknown(route.name) ? 'a route' : route.name;
  const prefix = isUnknown(route.addressPrefix) ? verdict.example : route.addressPrefix;
  const hop = isUnknown(route.nextHopType) ? 'another next hop' : route.nextHopType;
  const at = route.ref.uri ? location(route.ref) : undefined;
  const fix = fixFor(analysis, 'ASE301', route.ref, offer);
  return {
    ...base,
    status: 'blocked',
    detail: `blocked by route '${name}' (${prefix} → ${hop})`,
    decidedBy: `route ${name}`,
    ...(at ? { decidedAt: at } : {}),
    ...(fix ? { fix } : {}),
  };
}

/** The port-table rows a requirement carries: the rule's rows whose ports overlap the requirement's. */
function rowsOf(code: string, requirement: Requirement, site: AseSite): PortTableRow[] {
  const mine = portTable.filter((r) => r.rule === code && r.versions.includes(site.version));
  const overlapping = mine.filter((r) => requirement.flows.some((f) => portsOverlap(portsOf(r, site.version).join(','), f.destinationPorts)));
  // A rule whose table rows are written differently from its flows still points at its rows.
  return overlapping.length > 0 ? overlapping : mine;
}

function portsOverlap(a: string, b: string): boolean {
  const ra = parsePortRanges(a);
  const rb = parsePortRanges(b);
  if (!ra || !rb) return true;
  return ra.some((x) => rb.some((y) => x.from <= y.to && y.from <= x.to));
}

/** The fix of the finding this rule reports at `at`: its title, and the finding's place, where the panel asks for the quick fix. */
function fixFor(analysis: Analysis, code: string, at: NodeRef | undefined, offer: FixOffer): ExplainDependency['fix'] {
  const finding = analysis.findings.find((f) => f.code === code && f.fix && (!at || sameStart(f, at)));
  const title = finding && offer(finding);
  if (!finding || !title) return undefined;
  return { title, code, at: location(finding.at) };
}

function sameStart(f: ReportedFinding, at: NodeRef): boolean {
  return f.at.uri === at.uri && comparePositions(f.at.range.start, at.range.start) === 0;
}

function location(ref: NodeRef): ExplainLocation {
  return { uri: ref.uri, range: ref.range };
}
