import type { NodePath, NodeRef, Related } from '../core/nodeRef';
import type { NetworkModel, NetworkSecurityGroup, Subnet, Unverified, VirtualNetwork } from '../model/types';
import { aseSites, type AseSite } from './support/aseSite';
import { undecidedRequirements } from './support/requirements';
import { isSymbolicValue, isUnknown } from '../core/value';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

/** Past this many notes the message names the count; related information lists them all. */
const LISTED = 8;

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const union = (...lists: number[][]): number[] => [...new Set(lists.flat())].sort((a, b) => a - b);

/**
 * Which catalogue rules read each part of the model. A value that cannot be resolved in
 * that part silences exactly these rules where it is used. Codes are the catalogue's,
 * stable forever.
 */
const NSG = union(range(101, 106), range(201, 206), [601, 801, 802]);
const ROUTES = range(301, 304);
/** Rules that start from an ASE whose version and subnet are known (rules/context.ts `aseSites`): an ASE left out there silences them all. */
const ASE_SITE = union(NSG, ROUTES, range(401, 404), [504, 602, 803]);
const areas = {
  nsg: NSG,
  routes: ROUTES,
  // The ASE subnet is an endpoint of every NSG flow the rules evaluate.
  subnetPrefix: union(NSG, [401, 404, 504, 702]),
  delegation: [403, 701],
  vnetSpace: union(NSG, [301, 401, 404]),
  dns: [601, 602],
  aseNetwork: ASE_SITE,
  aseVersion: union(ASE_SITE, [505, 901]),
  ilbMode: [102, 104, 105, 501, 502, 503, 504, 505, 801, 802],
  aseDomain: [501, 502, 504, 505],
  apps: union([105, 402, 502, 503], range(701, 709)),
  gateways: [302, 304, 707, 708, 709],
};
const ASE_ALL = union(areas.aseNetwork, areas.aseVersion, areas.ilbMode, areas.aseDomain, [705]);
const SUBNET_ALL = union(areas.aseNetwork, [701, 702, 703]);
/**
 * An address known only at deployment (Unverified.symbolic) always silences the rules
 * that need its value (size, overlaps, containment); the NSG flow checks of the ASEs it
 * touches are silenced only where their answer depended on it (undecidedRequirements).
 */
const NSG_FLOWS = union(range(101, 106), range(201, 206), [601]);
const symbolicAreas = {
  subnetPrefix: areas.subnetPrefix.filter((c) => !NSG_FLOWS.includes(c)).concat(601).sort((a, b) => a - b),
  vnetSpace: areas.vnetSpace.filter((c) => !NSG_FLOWS.includes(c)).concat(601).sort((a, b) => a - b),
  /** A rule of an NSG that guards no ASE: the back-end checks read it. */
  backendNsg: [801, 802],
};

type Kind = 'ase' | 'subnet' | 'vnet' | 'nsg' | 'routes' | 'apps' | 'gateways';

export const unverified: Rule = {
  code: 'ASE902',
  name: 'unverified',
  title: 'What a template leaves unresolved is listed once, with the rules it silences.',
  severity: 'information',
  appliesTo: 'any',
  docs: `Rules stay silent when a value they need cannot be resolved: a parameter without a value, a function only the deployment can answer (\`reference()\`; \`uniqueString()\` and a string parameter without a value are known by identity, and listed only where a rule needs the value itself), an application security group, a resource declared outside the analysed files, a linked template that cannot be read. Silence then does not mean the template is right. This note says, once per template, which values could not be verified and which rules they affect, with a link to each place in the related information.

The rules named for a value are those that read the part of the template where it is written: an NSG's rules affect the NSG checks (ASE1xx, ASE2xx and those that evaluate NSGs elsewhere), a route table the route checks (ASE3xx), a subnet prefix the size and address checks, the ASE's \`kind\` every version-aware rule, and so on. A value whose place is not known (a parameters file that cannot be read, a nested deployment too deep to follow) "may affect any rule". No note is shown for a template where everything could be resolved.

Decision: the note is placed on the template's \`$schema\` value — it is about the whole file, every template has one, and at the top of the file it does not stack onto a finding about a resource (the first resource when the schema cannot be pointed at). Values that could not be verified in files the template pulls in (linked templates, its parameters file) are listed in the same note, with related information pointing into those files. A value used in several places is listed once, with the rules of the first place it was met.`,
  check(model) {
    if (model.unverified.length === 0) return [];
    const at = model.schemaRef ?? model.resources[0]?.ref;
    if (!at) return [];
    const index = elementIndex(model);
    const listed = model.unverified.map((n) => ({ n, codes: affected(n, index, model) }));
    // A symbol every rule could use silenced nothing: it is not listed.
    const kept = listed.filter((x) => !x.n.symbolic || x.codes === undefined || x.codes.length > 0);
    if (kept.length === 0) return [];
    const notes = kept.map((x) => x.n);
    const parts = kept.map((x) => `${x.n.what} (${describeCodes(x.codes)})`);
    const shown = parts.slice(0, LISTED).join('; ');
    const more = parts.length > LISTED ? `; and ${parts.length - LISTED} more (see the related information)` : '';
    const related: Related[] = notes.filter((n) => n.at).map((n) => ({ message: `Not verified: ${n.what}`, at: n.at as NodeRef }));
    const finding: Finding = {
      message: `Not everything in this template could be verified, and rules stay silent where a value is unknown: ${shown}${more}`,
      at,
    };
    if (related.length > 0) finding.related = related;
    return [finding];
  },
};

interface Element {
  uri: string;
  path: NodePath;
  kind: Kind;
  /** The element itself, where a note about an address known only at deployment needs it. */
  element?: Subnet | VirtualNetwork | NetworkSecurityGroup;
}

/** Every model element that is literal text, with the part of the catalogue that reads it. */
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
    add(t.ref, 'routes');
    if (!isUnknown(t.routes)) for (const r of t.routes) add(r.ref, 'routes');
  }
  for (const x of [...model.sites, ...model.plans]) add(x.ref, 'apps');
  for (const x of [...model.gateways, ...model.connections]) add(x.ref, 'gateways');
  return out;
}

/** The rules a note silences: by the innermost element whose text holds it, and the property inside it. */
function affected(note: Unverified, index: Element[], model: NetworkModel): number[] | undefined {
  const path = note.at?.path;
  if (!note.at || !path) return undefined;
  let best: Element | undefined;
  for (const e of index) {
    if (e.uri !== note.at.uri || e.path.length > path.length || (best && e.path.length <= best.path.length)) continue;
    if (e.path.every((seg, i) => same(seg, path[i]))) best = e;
  }
  if (!best) return undefined;
  const rest = path.slice(best.path.length).map((s) => String(s).toLowerCase());
  const prop = rest[0] === 'properties' ? rest[1] : undefined;
  if (note.symbolic && best.element) return symbolicAffected(best.element, model);
  switch (best.kind) {
    case 'ase':
      if (rest[0] === 'kind' || rest[0] === 'apiversion') return areas.aseVersion;
      if (prop === 'virtualnetwork') return areas.aseNetwork;
      if (prop === 'internalloadbalancingmode') return areas.ilbMode;
      if (prop === 'dnssuffix') return areas.aseDomain;
      return ASE_ALL;
    case 'subnet':
      if (prop === 'networksecuritygroup') return areas.nsg;
      if (prop === 'routetable') return areas.routes;
      if (prop === 'addressprefix' || prop === 'addressprefixes') return areas.subnetPrefix;
      if (prop === 'delegations') return areas.delegation;
      return SUBNET_ALL;
    case 'vnet':
      if (prop === 'addressspace') return areas.vnetSpace;
      if (prop === 'dhcpoptions') return areas.dns;
      if (prop === 'subnets') return SUBNET_ALL;
      return union(SUBNET_ALL, areas.vnetSpace, areas.dns);
    case 'nsg':
      return areas.nsg;
    case 'routes':
      return areas.routes;
    case 'apps':
      return areas.apps;
    case 'gateways':
      return areas.gateways;
  }
}

/**
 * What an address known only at deployment silences: the rules that need its value, and
 * the NSG flow checks of the ASEs it touches that it left undecided (a CIDR rule against
 * a symbolic subnet prefix); a deny-all decided without it silences nothing.
 */
function symbolicAffected(element: NonNullable<Element['element']>, model: NetworkModel): number[] {
  const known = symbolic.get(model) ?? { sites: aseSites(model), undecided: new Map<AseSite, number[]>() };
  symbolic.set(model, known);
  const sites = known.sites;
  // An ASE's undecided checks are told once, at the most specific symbol that touches
  // it: its subnet's prefix, else a prefix in its NSG's rules, else its VNet's space.
  let base: number[];
  let touched: AseSite[];
  if ('subnets' in element) {
    base = symbolicAreas.vnetSpace;
    touched = sites.filter((s) => s.subnet.vnet === element && !symbolicPrefix(s.subnet) && !symbolicRules(s.nsg));
  } else if ('securityRules' in element) {
    const guarded = sites.filter((s) => s.nsg === element);
    base = guarded.length === 0 ? symbolicAreas.backendNsg : [];
    touched = guarded.filter((s) => !symbolicPrefix(s.subnet));
  } else {
    base = symbolicAreas.subnetPrefix;
    touched = sites.filter((s) => s.subnet === element);
  }
  const todo = touched.filter((site) => !known.undecided.has(site));
  if (todo.length > 0) for (const [site, codes] of undecidedRequirements(model, todo)) known.undecided.set(site, codes);
  return union(base, touched.flatMap((site) => known.undecided.get(site) ?? []));
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
export function silencedRules(model: NetworkModel): ReadonlySet<string> | 'all' {
  const index = elementIndex(model);
  const out = new Set<string>();
  for (const note of model.unverified) {
    const codes = affected(note, index, model);
    if (!codes) return 'all';
    for (const c of codes) out.add(`ASE${c}`);
  }
  return out;
}
