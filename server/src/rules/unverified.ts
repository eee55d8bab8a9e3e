import type { NodePath, NodeRef, Related } from '../core/nodeRef';
import type { NetworkModel, NetworkSecurityGroup, Subnet, Unverified, VirtualNetwork } from '../model/types';
import { isSymbolicValue, isUnknown } from '../core/value';
import { allModelParts, type ModelPart } from './reads';
import { aseSites, type AseSite } from './support/aseSite';
import { isRequirementRule, openVerdict, undecidedRequirements } from './support/requirements';
import type { FlowVerdict } from '../net/nsg';
import type { Maybe } from '../core/value';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

/*
 * Which rules a note names is read off the catalogue, not kept here: a note is written in
 * some part of the model (partsAt below), and it names every rule whose `reads` holds
 * that part. A note elsewhere in an element names every rule that reads any part of it.
 */
const partsOf = (prefix: string): ModelPart[] => allModelParts.filter((p) => p.startsWith(prefix));
const ASE: ModelPart[] = partsOf('ase.');
/** A subnet's parts, and the ASE's link to it: an unresolved name or id there leaves the ASE without its subnet. */
const SUBNET: ModelPart[] = [...partsOf('subnet.'), 'ase.subnet'];
const VNET: ModelPart[] = [...partsOf('vnet.'), ...SUBNET];
const NSG: ModelPart[] = ['nsg.rules', 'subnet.nsg'];
const ROUTE_TABLE: ModelPart[] = ['routeTable.routes', 'routeTable.propagation', 'subnet.routeTable'];

/** The kinds of model element a note can be written in. */
type Kind = 'ase' | 'subnet' | 'vnet' | 'nsg' | 'routeTable' | 'route' | 'site' | 'plan' | 'gateway';

export const unverified: Rule = {
  code: 'ASE902',
  name: 'unverified',
  title: 'What a template leaves unresolved is listed once, with the rules it silences.',
  severity: 'information',
  appliesTo: 'any',
  // The hints ask the NSG requirements of each ASE, which read its apps and plans too.
  reads: ['ase.kind', 'ase.subnet', 'ase.ilbMode', 'ase.networking', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.dnsServers', 'vnet.subnets', 'nsg.rules', 'routeTable.routes', 'plans', 'sites', 'notes'],
  check(model, catalogue) {
    return [...unverifiedSummary(model, catalogue), ...verdictHints(model, catalogue)];
  },
};

/**
 * The one note on the template, one line: how many values could not be verified and the
 * rules they may silence; each value, with the rules it silences, in the hover
 * (`details`) and the related information.
 */
export function unverifiedSummary(model: NetworkModel, catalogue: readonly Rule[]): Finding[] {
  const notes = model.unverified;
  if (notes.length === 0) return [];
  const at = model.schemaRef ?? model.resources[0]?.ref;
  if (!at) return [];
  const index = elementIndex(model);
  const listed = notes.map((n) => ({ n, codes: affected(n, index, model, catalogue) }));
  // A symbol every rule could use silenced nothing: it is not listed.
  const kept = listed.filter((x) => !x.n.symbolic || x.codes === undefined || x.codes.length > 0);
  if (kept.length === 0) return [];
  const any = kept.some((x) => x.codes === undefined);
  const codes = [...new Set(kept.flatMap((x) => x.codes ?? []))].sort((a, b) => a - b);
  const silenced = any ? 'any rule may stay silent' : codes.length > 0 ? `${describeCodes(codes).replace(/^affects /, '')} may stay silent` : 'no rule is silenced';
  const count = `${kept.length} values`;
  const related: Related[] = kept.map((x) => x.n).filter((n) => n.at).map((n) => ({ message: `Not verified: ${n.what}`, at: n.at as NodeRef }));
  const finding: Finding = {
    // One value is named in the line itself; several are counted, each in the hover.
    message:
      kept.length === 1
        ? `Not verified: ${kept[0].n.what}, so ${silenced} where it decides`
        : `${count} in this template could not be verified, so ${silenced} where they decide`,
    at,
    details: kept.map((x) => `${x.n.what} (${describeCodes(x.codes)})`),
  };
  if (related.length > 0) finding.related = related;
  return [finding];
}

/**
 * A hint on each value that leaves a rule's verdict open: the part of an NSG rule (its
 * access, a tag whose addresses are not documented, an expression that cannot be
 * resolved) that decides an ASE's dependency could go either way. So an error never
 * silently goes when the text gets worse: it becomes a hint on the value that stops it
 * ("ASE106 not verified: …"). Only where a value of the analysed files is the cause: not
 * for an address known only at deployment (the note lists those), nor for Azure's
 * default rules.
 */
function verdictHints(model: NetworkModel, catalogue: readonly Rule[]): Finding[] {
  const own = new Set(model.uris);
  for (const u of model.externalFiles ?? []) own.delete(u);
  // One hint per value and reason, naming every rule it stops.
  const byPlace = new Map<string, { at: NodeRef; reason: string; codes: string[]; related: Related[] }>();
  // Indexed loops: every requirement of every ASE is asked, mostly before this is optimised, where an iterator makes an object per step.
  const sites = aseSites(model);
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i];
    const symbolicSite = symbolicPrefix(site.subnet);
    for (let r = 0; r < catalogue.length; r++) {
      const rule = catalogue[r];
      if (!isRequirementRule(rule)) continue;
      if (rule.appliesTo !== 'any' && !rule.appliesTo.includes(site.version)) continue;
      const requirements = rule.requirements(site, model);
      for (let j = 0; j < requirements.length; j++) {
        const requirement = requirements[j];
        const open = openVerdict(site, requirement);
        if (!open) continue;
        const place = causeOf(open, symbolicSite);
        if (!place || !own.has(place.uri)) continue;
        // What requirementStatus gives as the verdict's reason and its own.
        const reason = open.reason ?? 'the NSG cannot be fully evaluated';
        const key = `${place.uri}|${place.range.start.line}:${place.range.start.character}|${reason}`;
        const had = byPlace.get(key);
        if (!had) byPlace.set(key, { at: place, reason, codes: [rule.code], related: site.related });
        else if (!had.codes.includes(rule.code)) had.codes.push(rule.code);
      }
    }
  }
  return [...byPlace.values()].map((h) => ({ message: `${h.codes.join(', ')} not verified: ${h.reason}`, severity: 'hint' as const, at: h.at, related: h.related }));
}

/** Where the value is written whose uncertainty decided a verdict: a part of a written rule, unless it is an address known only at deployment. */
function causeOf(verdict: FlowVerdict, symbolicSite: boolean): NodeRef | undefined {
  const rule = verdict.rule;
  const field = verdict.field;
  if (!rule || rule.isDefault || !field) return undefined;
  const values: unknown[] =
    field === 'source' || field === 'destination'
      ? (listOf(field === 'source' ? rule.sourceAddressPrefixes : rule.destinationAddressPrefixes))
      : field === 'sourcePorts' || field === 'destinationPorts'
        ? listOf(field === 'sourcePorts' ? rule.sourcePortRanges : rule.destinationPortRanges)
        : [rule[field]];
  // An address known only at deployment is compared by identity: what stays open is the deployment's, not a value typed here.
  if (values.some(isSymbolicValue)) return undefined;
  if ((field === 'source' || field === 'destination') && symbolicSite) return undefined;
  return rule.fieldRefs?.[field];
}

function listOf(list: Maybe<Maybe<string>[]>): unknown[] {
  return isUnknown(list) ? [list] : list;
}

interface Element {
  uri: string;
  path: NodePath;
  kind: Kind;
  /** The element itself, where a note about an address known only at deployment needs it. */
  element?: Subnet | VirtualNetwork | NetworkSecurityGroup;
}

/** Every model element that is literal text, with its kind. */
function elementIndex(model: NetworkModel): Element[] {
  const out: Element[] = [];
  const add = (ref: NodeRef, kind: Kind, element?: Element['element']) => {
    if (ref.path) out.push({ uri: ref.uri, path: ref.path, kind, ...(element ? { element } : {}) });
  };
  for (const a of model.ases) add(a.ref, 'ase');
  for (const s of model.subnets) add(s.ref, 'subnet', s);
  for (const v of model.vnets) add(v.ref, 'vnet', v);
  for (const n of model.nsgs) {
    add(n.ref, 'nsg', n);
    if (!isUnknown(n.securityRules)) for (const r of n.securityRules) add(r.ref, 'nsg', n);
  }
  for (const t of model.routeTables) {
    add(t.ref, 'routeTable');
    if (!isUnknown(t.routes)) for (const r of t.routes) add(r.ref, 'route');
  }
  for (const x of model.sites) add(x.ref, 'site');
  for (const x of model.plans) add(x.ref, 'plan');
  for (const x of [...model.gateways, ...model.connections]) add(x.ref, 'gateway');
  return out;
}

/**
 * The parts of the model a note is written in: by the innermost element whose text holds
 * it, and the property inside it. Undefined when its place is not known.
 */
function placeOf(note: Unverified, index: Element[]): { element: Element; rest: string[] } | undefined {
  const path = note.at?.path;
  if (!note.at || !path) return undefined;
  let best: Element | undefined;
  for (const e of index) {
    if (e.uri !== note.at.uri || e.path.length > path.length || (best && e.path.length <= best.path.length)) continue;
    if (e.path.every((seg, i) => same(seg, path[i]))) best = e;
  }
  if (!best) return undefined;
  return { element: best, rest: path.slice(best.path.length).map((s) => String(s).toLowerCase()) };
}

/** The parts of the model a note is written in: the property of its element. */
function partsAt(best: Element, rest: string[]): ModelPart[] {
  const prop = rest[0] === 'properties' ? rest[1] : undefined;
  if (rest[0] === 'location') return ['locations'];
  if (rest[0] === 'dependson') return ['dependencies'];
  switch (best.kind) {
    case 'ase':
      if (rest[0] === 'kind' || rest[0] === 'apiversion') return ['ase.kind'];
      if (prop === 'virtualnetwork') return ['ase.subnet'];
      if (prop === 'internalloadbalancingmode') return ['ase.ilbMode'];
      if (prop === 'dnssuffix') return ['ase.dnsSuffix'];
      if (prop === 'ipssladdresscount' || prop === 'clustersettings') return ['ase.settings'];
      return ASE;
    case 'subnet':
      if (prop === 'networksecuritygroup') return ['subnet.nsg'];
      if (prop === 'routetable') return ['subnet.routeTable'];
      if (prop === 'addressprefix' || prop === 'addressprefixes') return ['subnet.prefix'];
      if (prop === 'delegations') return ['subnet.delegations'];
      return SUBNET;
    case 'vnet':
      if (prop === 'addressspace') return ['vnet.addressSpace'];
      if (prop === 'dhcpoptions') return ['vnet.dnsServers'];
      if (prop === 'subnets') return [...SUBNET, 'vnet.subnets'];
      return VNET;
    case 'nsg':
      return NSG;
    case 'routeTable':
      if (prop === 'disablebgproutepropagation') return ['routeTable.propagation'];
      if (prop === 'routes') return ['routeTable.routes'];
      return ROUTE_TABLE;
    case 'route':
      return ['routeTable.routes'];
    case 'site':
      // The subnet an app integrates with makes the app one of the subnet's users.
      return prop === 'virtualnetworksubnetid' ? ['sites', 'subnet.users'] : ['sites'];
    case 'plan':
      return ['plans'];
    case 'gateway':
      // A gateway's ip configurations place it in its subnet.
      return rest.includes('ipconfigurations') ? ['gateways', 'subnet.users'] : ['gateways'];
  }
}

/** The codes of the rules that read any of `parts` (never ASE902 itself), in catalogue order. */
function readers(parts: readonly ModelPart[], rules: readonly Rule[]): number[] {
  return rules
    .filter((r) => r.code !== 'ASE902' && r.reads.some((p) => parts.includes(p)))
    .map((r) => Number(r.code.slice(3)))
    .sort((a, b) => a - b);
}

/** The rules a note silences, by code; undefined when its place is not known. */
function affected(note: Unverified, index: Element[], model: NetworkModel, rules: readonly Rule[]): number[] | undefined {
  const place = placeOf(note, index);
  if (!place) return undefined;
  const parts = partsAt(place.element, place.rest);
  const element = place.element.element;
  return note.symbolic && element ? symbolicAffected(element, parts, model, rules) : readers(parts, rules);
}

/**
 * What an address known only at deployment silences: the rules that read its part and
 * need its value (size, overlaps, containment), and, of the NSG requirement rules, only
 * those it left undecided for the ASEs it touches (a CIDR rule against a symbolic subnet
 * prefix); a deny-all decided without it silences nothing. An ASE's undecided checks are
 * told once, at the most specific symbol that touches it: its subnet's prefix, else a
 * prefix in its NSG's rules, else its VNet's space.
 */
function symbolicAffected(element: NonNullable<Element['element']>, parts: ModelPart[], model: NetworkModel, rules: readonly Rule[]): number[] {
  const requirementRules = rules.filter(isRequirementRule);
  const valueReaders = readers(parts, rules.filter((r) => !isRequirementRule(r) || r.needsAddresses));
  const known = symbolic.get(model) ?? { sites: aseSites(model), undecided: new Map<AseSite, number[]>() };
  symbolic.set(model, known);
  const sites = known.sites;
  let base = valueReaders;
  let touched: AseSite[];
  if ('subnets' in element) {
    touched = sites.filter((s) => s.subnet.vnet === element && !symbolicPrefix(s.subnet) && !symbolicRules(s.nsg));
  } else if ('securityRules' in element) {
    const guarded = sites.filter((s) => s.nsg === element);
    // The rules of an NSG that guards an ASE are read by its requirement rules alone.
    if (guarded.length > 0) base = [];
    touched = guarded.filter((s) => !symbolicPrefix(s.subnet));
  } else {
    touched = sites.filter((s) => s.subnet === element);
  }
  const todo = touched.filter((site) => !known.undecided.has(site));
  if (todo.length > 0) for (const [site, codes] of undecidedRequirements(model, todo, requirementRules)) known.undecided.set(site, codes);
  return [...new Set([...base, ...touched.flatMap((site) => known.undecided.get(site) ?? [])])].sort((a, b) => a - b);
}

/** Per model, the ASE sites and the checks an address known only at deployment left undecided, worked out once. */
const symbolic = new WeakMap<NetworkModel, { sites: AseSite[]; undecided: Map<AseSite, number[]> }>();

function symbolicPrefix(subnet: Subnet): boolean {
  return !isUnknown(subnet.addressPrefixes) && subnet.addressPrefixes.some((p) => isSymbolicValue(p.value));
}

function symbolicRules(nsg: AseSite['nsg']): boolean {
  if (nsg === undefined || isUnknown(nsg) || isUnknown(nsg.securityRules)) return false;
  return nsg.securityRules.some((r) =>
    [r.sourceAddressPrefixes, r.destinationAddressPrefixes].some((list) => !isUnknown(list) && list.some(isSymbolicValue)),
  );
}

function same(a: string | number, b: string | number | undefined): boolean {
  return typeof a === 'number' ? a === b : typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** `ASE101-ASE106, ASE201`, runs of three or more joined by a dash. */
export function describeCodes(codes: number[] | undefined): string {
  if (!codes) return 'may affect any rule';
  const parts: string[] = [];
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j] + 1) j++;
    if (j - i >= 2) parts.push(`ASE${codes[i]}-ASE${codes[j]}`);
    else for (let k = i; k <= j; k++) parts.push(`ASE${codes[k]}`);
    i = j + 1;
  }
  return `affects ${parts.join(', ')}`;
}

/**
 * The rule codes that unresolved values may have silenced in this model (`all` when a
 * value's place is not known): a rule that stayed silent there proves nothing.
 */
export function silencedRules(model: NetworkModel, catalogue: readonly Rule[]): ReadonlySet<string> | 'all' {
  const index = elementIndex(model);
  const out = new Set<string>();
  for (const note of model.unverified) {
    const codes = affected(note, index, model, catalogue);
    if (!codes) return 'all';
    for (const c of codes) out.add(`ASE${c}`);
  }
  return out;
}
