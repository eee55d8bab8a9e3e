import type { NetworkModel, NetworkSecurityGroup, SecurityRule } from '../../model/types';
import { isSymbolicValue, isUnknown } from '../../core/value';
import { uniqueName } from '../../core/names';
import { evaluateFlow, type FlowVerdict } from '../../net/nsg';
import { admittedBeyond } from '../../net/widening';
import { ipSet, type IpSet } from '../../ip/addressSet';
import { parseCidr, type IpRange } from '../../ip/cidr';
import { type Flow } from '../../core/flow';
import { freePriority } from './priorities';
import { aseSites, displayName, nsgAnchor, type AseSite } from './aseSite';
import type { Rule } from '../types';
import type { Change, ChangeValue, Finding, Fix, Severity, WrittenAt } from '../../core/findings';

/** One side of an allow rule: a tag, `*` or a prefix as text, or the expression the template writes a prefix with. */
export type AddressText = string | WrittenAt;

/** An allow rule a quick fix writes into the NSG. */
export interface AllowRule {
  name: string;
  direction: 'Inbound' | 'Outbound';
  protocol: 'Tcp' | 'Udp' | '*';
  /** One entry → `sourceAddressPrefix`, a list → `sourceAddressPrefixes` (and so for the destination). */
  source: AddressText | AddressText[];
  destination: AddressText | AddressText[];
  /** One entry → `destinationPortRange`, several → `destinationPortRanges`. */
  ports: string[];
}

/** A dependency of the ASE: flows that must all be allowed through the subnet's NSG. */
export interface Requirement {
  flows: Flow[];
  /** What the flows are, for the message: "TCP 454-455 from AppServiceManagement". */
  what: string;
  /** What happens in Azure when they are blocked. */
  consequence: string;
  fixTitle?: string;
  allow?: AllowRule;
  /**
   * The level of a finding about this requirement, when it is not the rule's own: a rule
   * that holds an ASE to a dependency it must have and to one it is only better off with
   * (ASE202: TCP 1433 to Sql, and the redirect ports) reports the second more quietly.
   */
  severity?: Severity;
  /**
   * What the fix's rule is meant to admit, when it is more than `flows` (the documented
   * rule for the load balancer admits every port, not only the ones checked); the safety
   * net refuses a fix whose rule admits more than this.
   */
  opens?: Flow[];
}

export type RequirementStatus =
  /** `deciding`: the rule that decides each flow (see FlowVerdict.decidedBy), once each; `by`: every rule that allows part of a flow. */
  | { status: 'allowed'; by: SecurityRule[]; deciding: SecurityRule[]; noNsg: boolean }
  | { status: 'blocked'; verdict: FlowVerdict }
  /** `verdict`: the first flow's answer that left it open, when the NSG could be read. */
  | { status: 'unknown'; reason: string; verdict?: FlowVerdict };

/** Where a requirement stands in this template, for hovers: allowed (by what), blocked (by what) or unknown (why). */
export function requirementStatus(site: AseSite, requirement: Requirement): RequirementStatus {
  const nsg = site.nsg;
  if (nsg === undefined) return { status: 'allowed', by: [], deciding: [], noNsg: true };
  if (isUnknown(nsg)) return { status: 'unknown', reason: nsg.reason };
  const by: SecurityRule[] = [];
  const deciding: SecurityRule[] = [];
  let unknownReason: string | undefined;
  let open: FlowVerdict | undefined;
  for (const flow of requirement.flows) {
    const verdict = evaluateFlow(nsg, flow, site.nsgContext);
    if (verdict.status === 'blocked') return { status: 'blocked', verdict };
    if (verdict.status === 'unknown') {
      unknownReason ??= verdict.reason ?? 'the NSG cannot be fully evaluated';
      open ??= verdict;
    }
    for (const r of verdict.allowedBy ?? []) if (!by.includes(r)) by.push(r);
    for (const r of verdict.decidedBy ? [verdict.decidedBy] : (verdict.allowedBy ?? [])) if (!deciding.includes(r)) deciding.push(r);
  }
  return unknownReason ? { status: 'unknown', reason: unknownReason, ...(open ? { verdict: open } : {}) } : { status: 'allowed', by, deciding, noNsg: false };
}

/**
 * The first flow's answer that leaves the requirement open, when it is open
 * (`requirementStatus` says 'unknown' with this verdict), without gathering the rules
 * that allow it: ASE902's hints ask every requirement of every ASE and read only this.
 */
export function openVerdict(site: AseSite, requirement: Requirement): FlowVerdict | undefined {
  const nsg = site.nsg;
  if (nsg === undefined || isUnknown(nsg)) return undefined;
  let open: FlowVerdict | undefined;
  const flows = requirement.flows;
  for (let i = 0; i < flows.length; i++) {
    const verdict = evaluateFlow(nsg, flows[i], site.nsgContext);
    if (verdict.status === 'blocked') return undefined;
    if (verdict.status === 'unknown') open ??= verdict;
  }
  return open;
}

/** A subnet's NSG as the requirement checks see it: the ASE's (an AseSite), or any other subnet's. */
export type GuardedBy = Pick<AseSite, 'nsg' | 'nsgContext' | 'related'> & Partial<Pick<AseSite, 'subnet' | 'prefixes'>>;

/** The first blocked flow of the requirement, if any; silent when the NSG cannot be seen. */
export function firstBlocked(site: GuardedBy, requirement: Requirement): FlowVerdict | undefined {
  const nsg = site.nsg;
  if (nsg === undefined || isUnknown(nsg)) return undefined;
  // Indexed: asked for every requirement of every ASE, often before it is optimised, where an iterator makes an object per step.
  const flows = requirement.flows;
  for (let i = 0; i < flows.length; i++) {
    const verdict = evaluateFlow(nsg, flows[i], site.nsgContext);
    if (verdict.status === 'blocked') return verdict;
  }
  return undefined;
}

/** The finding for a requirement the NSG breaks, or undefined when it is met (or unknown). */
export function checkRequirement(site: GuardedBy, requirement: Requirement): Finding | undefined {
  const verdict = firstBlocked(site, requirement);
  if (!verdict) return undefined;
  const nsg = site.nsg as NetworkSecurityGroup;
  const rule = verdict.rule;
  // Name the blocked part only when it is narrower than what the message already says.
  const narrower = !verdict.blocksAll || requirement.flows.length > 1;
  const part = verdict.blockedPart && narrower ? `, denies ${verdict.blockedPart}` : '';
  const by = rule ? ` (${describeRule(rule)}${part})` : '';
  const finding: Finding = {
    message: `NSG ${displayName(nsg.name)} blocks ${requirement.what}${by}: ${requirement.consequence}`,
    at: rule && !rule.isDefault ? rule.ref : nsgAnchor(nsg),
    related: site.related,
  };
  if (requirement.severity) finding.severity = requirement.severity;
  const opens = requirement.opens ?? requirement.flows;
  const fix =
    (rule && flipFix(site, nsg, rule, requirement, opens)) ??
    (requirement.allow && requirement.fixTitle
      ? allowRuleFix(nsg, rule, subnetSideLikeNeighbours(site, nsg, requirement.allow), requirement.fixTitle, opens, `Needed by the App Service Environment: ${requirement.what}`)
      : undefined);
  if (fix) finding.fix = fix;
  return finding;
}

/**
 * "allowed by rule 'AllowInternet', priority 300 (rule 'AllowStorage', priority 100 allows
 * part of it)": the deciding rules first, those that allow only part of a flow after.
 */
export function allowedDetail(s: Extract<RequirementStatus, { status: 'allowed' }>): string {
  if (s.noNsg) return 'allowed (no NSG on the subnet)';
  if (s.deciding.length === 0) return 'allowed';
  const partly = s.by.filter((r) => !s.deciding.includes(r));
  const also = partly.length > 0 ? ` (${partly.map(describeRule).join('; ')} ${partly.length === 1 ? 'allows' : 'allow'} part of it)` : '';
  return `allowed by ${s.deciding.map(describeRule).join('; ')}${also}`;
}

export function describeRule(rule: SecurityRule): string {
  if (rule.isDefault) return `Azure's default rule ${displayName(rule.name)}, priority ${rule.priority}`;
  const priority = isUnknown(rule.priority) ? '' : `, priority ${rule.priority}`;
  return `rule ${displayName(rule.name)}${priority}`;
}

/**
 * A fix that inserts `allow` into the NSG at a free priority ahead of the rule that
 * decided the flow, with a name no other rule has; it opens `opens`, and no more. Undefined when the NSG's rules are
 * not literal text (built by a copy loop, or declared as child resources) or no
 * priority below the deciding rule is known to be free (support/priorities.ts).
 */
function allowRuleFix(
  nsg: NetworkSecurityGroup,
  deciding: SecurityRule | undefined,
  allow: AllowRule,
  title: string,
  opens: Flow[],
  description: string,
): Fix | undefined {
  if (isUnknown(nsg.securityRules)) return undefined;
  const written = nsg.securityRules;
  const limit = !deciding || deciding.isDefault ? undefined : deciding.priority;
  if (isUnknown(limit)) return undefined;
  const priority = freePriority(written, allow.direction, limit);
  if (priority === undefined) return undefined;
  const names = new Set(written.map((r) => (typeof r.name === 'string' ? r.name.toLowerCase() : '')));
  const value = ruleJson({ ...allow, name: uniqueName(allow.name, (n) => names.has(n.toLowerCase())) }, priority, description);

  // Written as the NSG's other rules are, with a description when they all have one.
  const likeNeighbours = { optional: [['properties', 'description']] };
  // Its name is the fix's suggestion: an editor that can lets the user type another.
  const placeholders = [['name']];
  let change: Change;
  if (nsg.securityRulesRef?.path) {
    // Just before the rule that decided the flow, when that is one of the array's.
    change = { op: 'insertItem', at: nsg.securityRulesRef, path: [], value, ...(deciding ? { before: deciding.ref } : {}), likeNeighbours, placeholders };
  } else if (written.length === 0 && nsg.ref.path) {
    change = { op: 'insertItem', at: nsg.ref, path: ['properties', 'securityRules'], value, likeNeighbours, placeholders };
  } else {
    return undefined;
  }
  return { title, changes: [change], opens };
}

/**
 * "Set access to Allow" on the rule that blocks the requirement when it is an allow rule
 * flipped to Deny: its name says it allows (and says nothing of denying or blocking),
 * with Allow it admits nothing beyond the flows the requirement is for, and with Allow
 * the requirement is met. The safety net checks the fixed text again.
 */
function flipFix(site: GuardedBy, nsg: NetworkSecurityGroup, rule: SecurityRule, requirement: Requirement, opens: Flow[]): Fix | undefined {
  if (rule.isDefault || !rule.ref.path || isUnknown(nsg.securityRules)) return undefined;
  if (typeof rule.access !== 'string' || rule.access.toLowerCase() !== 'deny') return undefined;
  if (typeof rule.name !== 'string' || !/allow/i.test(rule.name) || /deny|block|drop|reject/i.test(rule.name)) return undefined;
  // A written rule's refs are getters of its class, which a copy does not carry: named here.
  const allowed: SecurityRule = { ...rule, ref: rule.ref, fieldRefs: rule.fieldRefs, priorityRef: rule.priorityRef, access: 'Allow' };
  if (admittedBeyond(allowed, opens, undefined, { ctx: site.nsgContext, ...guardedAddresses(site) })) return undefined;
  const flipped: NetworkSecurityGroup = { ...nsg, securityRules: nsg.securityRules.map((r) => (r === rule ? allowed : r)) };
  if (requirement.flows.some((flow) => evaluateFlow(flipped, flow, site.nsgContext).status !== 'allowed')) return undefined;
  return { title: 'Set access to Allow', changes: [{ op: 'setProperty', at: rule.ref, path: ['properties', 'access'], value: 'Allow' }], opens };
}

/** The subnet's addresses when every prefix is a literal range. */
function guardedAddresses(site: GuardedBy): { addresses?: IpSet } {
  if (!site.prefixes || isUnknown(site.prefixes)) return {};
  const ranges = site.prefixes.map(parseCidr);
  return ranges.every((r) => r !== undefined) ? { addresses: ipSet(ranges as IpRange[]) } : {};
}

/**
 * The subnet's side of a new rule (the destination of an inbound rule, the source of an
 * outbound one) written as the NSG's other rules of that direction write it, when one of
 * them names exactly the subnet's prefix: the same parameter, variable or literal, in
 * place of `*` (which would also match other subnets the NSG guards).
 */
function subnetSideLikeNeighbours(site: GuardedBy, nsg: NetworkSecurityGroup, allow: AllowRule): AllowRule {
  const side = allow.direction === 'Inbound' ? 'destination' : 'source';
  if (allow[side] !== '*' || isUnknown(nsg.securityRules)) return allow;
  const prefixes = site.subnet?.addressPrefixes;
  if (!prefixes || isUnknown(prefixes) || prefixes.length !== 1) return allow;
  const own = prefixes[0].value;
  if (isUnknown(own) && !isSymbolicValue(own)) return allow;
  const same = (v: unknown) => (isSymbolicValue(v) && isSymbolicValue(own) ? v.text === own.text : typeof v === 'string' && v === own);
  const neighbour = nsg.securityRules.find((r) => {
    const list = side === 'destination' ? r.destinationAddressPrefixes : r.sourceAddressPrefixes;
    return r.direction === allow.direction && !r.isDefault && r.ref.path !== undefined && !isUnknown(list) && list.length === 1 && same(list[0]);
  });
  if (!neighbour) return allow;
  return { ...allow, [side]: { writtenAt: neighbour.ref, path: ['properties', `${side}AddressPrefix`], otherwise: '*' } };
}

function ruleJson(allow: AllowRule, priority: number, description: string): ChangeValue {
  const ports: Record<string, ChangeValue> =
    allow.ports.length === 1 ? { destinationPortRange: allow.ports[0] } : { destinationPortRanges: allow.ports };
  const side = (name: 'source' | 'destination', value: AllowRule['source']): Record<string, ChangeValue> =>
    Array.isArray(value) ? { [`${name}AddressPrefixes`]: value } : { [`${name}AddressPrefix`]: value };
  return {
    name: allow.name,
    properties: {
      description,
      protocol: allow.protocol,
      sourcePortRange: '*',
      ...ports,
      ...side('source', allow.source),
      ...side('destination', allow.destination),
      access: 'Allow',
      priority,
      direction: allow.direction,
    },
  };
}

/** A rule made of NSG requirements; hovers and explanations ask it for them too. */
export interface RequirementRule extends Rule {
  requirements(site: AseSite, model: NetworkModel): Requirement[];
  /**
   * True when the rule also needs the subnet's addresses themselves, beyond its flows
   * (ASE601: whether a DNS server sits inside the subnet): an address known only at
   * deployment silences it even where its flows are decided.
   */
  needsAddresses?: true;
}

export function isRequirementRule(rule: Rule): rule is RequirementRule {
  return typeof (rule as RequirementRule).requirements === 'function';
}

/**
 * For each ASE site whose NSG flows involve an address known only at deployment (its
 * subnet's prefix, its VNet's space, or a rule's prefix), the codes of the requirement
 * rules whose answer stayed undecided there. Worked out only for such sites.
 */
export function undecidedRequirements(model: NetworkModel, sites: readonly AseSite[], rules: readonly RequirementRule[]): Map<AseSite, number[]> {
  const out = new Map<AseSite, number[]>();
  for (const site of sites) {
    if (site.nsg === undefined || isUnknown(site.nsg)) continue;
    const codes: number[] = [];
    for (const rule of rules) {
      if (rule.appliesTo !== 'any' && !rule.appliesTo.includes(site.version)) continue;
      const requirements = rule.requirements(site, model);
      if (requirements.some((r) => requirementStatus(site, r).status === 'unknown')) codes.push(Number(rule.code.slice(3)));
    }
    out.set(site, codes.sort((a, b) => a - b));
  }
  return out;
}

/**
 * A rule that holds each ASE of the covered versions to requirements on its NSG; each
 * broken requirement is one finding.
 */
export function requirementRule(
  meta: Omit<Rule, 'check' | 'appliesTo'> & { appliesTo: Rule['appliesTo'] },
  requirements: (site: AseSite, model: NetworkModel) => Requirement[],
): RequirementRule {
  // The checks, ASE902's hints and the hovers ask each site for its requirements: made
  // once per site (a site belongs to one model, which is read-only once built), so the
  // flows asked of the NSG evaluator are the same objects each time.
  const made = new WeakMap<AseSite, { model: NetworkModel; list: Requirement[] }>();
  const once = (site: AseSite, model: NetworkModel): Requirement[] => {
    const had = made.get(site);
    if (had && had.model === model) return had.list;
    const list = requirements(site, model);
    made.set(site, { model, list });
    return list;
  };
  return {
    ...meta,
    requirements: once,
    check(model) {
      const out: Finding[] = [];
      const seen = new Set<string>();
      // Indexed loops: a check runs once per analysis, mostly before it is optimised, where an iterator makes an object per step.
      const sites = aseSites(model);
      for (let i = 0; i < sites.length; i++) {
        const site = sites[i];
        if (meta.appliesTo !== 'any' && !meta.appliesTo.includes(site.version)) continue;
        const requirements = once(site, model);
        for (let j = 0; j < requirements.length; j++) {
          const f = checkRequirement(site, requirements[j]);
          if (!f) continue;
          // Two ASEs behind one NSG would otherwise get the same squiggle twice.
          const key = `${f.at.uri}|${f.at.range.start.line}:${f.at.range.start.character}|${f.message}`;
          if (!seen.has(key)) {
            seen.add(key);
            out.push(f);
          }
        }
      }
      return out;
    },
  };
}
