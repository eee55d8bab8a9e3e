import { excerpt } from '../core/excerpt';
import { describeSymbolic } from '../core/symbolic';
import { RangeSet, type IpRange } from './cidr';
import {
  ALL_NAMES,
  intersectNames,
  isAllNames,
  isEmptyNames,
  subtractNames,
  type NameSet,
} from './nameSet';

/**
 * The addresses one side of a flow can take, in one of three exact representations.
 *
 * - `ip`: concrete addresses (an endpoint given as CIDRs, `*`, `AzureLoadBalancer`).
 * - `tags`: an endpoint given as a service tag. Tags have no addresses we know, so they
 *   are modelled as symbolic atoms whose containment is known (Storage.WestEurope ⊂
 *   Storage ⊂ AzureCloud ⊂ Internet) and whose relation to CIDRs mostly is not.
 * - `sym`: an endpoint whose prefixes are known only at deployment (a subnet whose
 *   `addressPrefix` is a parameter without a value), see SymSet.
 *
 * One flow side never mixes them, so binary operations take sets of the same kind.
 */
export type AddressSet = IpSet | TagSet | SymSet;

/**
 * Prefixes known only at deployment, each an atom named by its symbolic text (see
 * core/symbolic.ts): `{parameters('aseSubnetPrefix')}`. An atom is taken whole. A rule
 * that names the very same text matches it exactly, `*` matches every atom, and a rule
 * whose relation to it depends on what it stands for (a CIDR, another symbol) matches it
 * perhaps. `atoms` may be every atom but some (`except`), for what a rule may match.
 */
export interface SymSet {
  kind: 'sym';
  atoms: NameSet;
}

export function symSet(atoms: NameSet): SymSet {
  return { kind: 'sym', atoms };
}

export const EMPTY_SYM: SymSet = symSet({ only: [] });
export const ALL_SYM: SymSet = symSet(ALL_NAMES);

export interface IpSet {
  kind: 'ip';
  v4: RangeSet;
  v6: RangeSet;
}

/** Azure public addresses of some services in some regions (`Sql.WestEurope`). */
export interface AzureCell {
  services: NameSet;
  regions: NameSet;
}

export interface TagSet {
  kind: 'tags';
  /** Public addresses outside Azure (in `Internet`, not in `AzureCloud`). */
  nonAzure: boolean;
  /** Azure's public addresses, as disjoint service × region cells. */
  azure: AzureCell[];
  /** `VirtualNetwork`: the VNet and the peered/connected spaces. */
  vnet: boolean;
  /**
   * 168.63.129.16 where it falls inside the endpoint's tag. Whether it does (is it in
   * `Internet`, in `AzureCloud`?) is not documented, so this atom may be empty: it
   * never proves that a packet exists.
   */
  lb: boolean;
  /** Tags we do not model (lower-case names); `all` in a rule's match only. */
  opaque: readonly string[] | 'all';
}

export function ipSet(ranges: readonly IpRange[]): IpSet {
  return { kind: 'ip', v4: RangeSet.of(4, ranges), v6: RangeSet.of(6, ranges) };
}

export const EMPTY_IP: IpSet = { kind: 'ip', v4: RangeSet.empty(4), v6: RangeSet.empty(6) };
export const ALL_IP: IpSet = { kind: 'ip', v4: RangeSet.full(4), v6: RangeSet.full(6) };

export function tagSet(parts: Partial<Omit<TagSet, 'kind'>>): TagSet {
  return { kind: 'tags', nonAzure: false, azure: [], vnet: false, lb: false, opaque: [], ...parts };
}

export const EMPTY_TAGS: TagSet = tagSet({});
export const ALL_TAGS: TagSet = tagSet({
  nonAzure: true,
  azure: [{ services: ALL_NAMES, regions: ALL_NAMES }],
  vnet: true,
  lb: true,
  opaque: 'all',
});

export function emptyOf(kind: AddressSet['kind']): AddressSet {
  return kind === 'ip' ? EMPTY_IP : kind === 'tags' ? EMPTY_TAGS : EMPTY_SYM;
}

export function allOf(kind: AddressSet['kind']): AddressSet {
  return kind === 'ip' ? ALL_IP : kind === 'tags' ? ALL_TAGS : ALL_SYM;
}

function sameKind<T extends AddressSet>(a: T, b: AddressSet): T {
  if (a.kind !== b.kind) throw new Error(`address sets of different kinds: ${a.kind} and ${b.kind}`);
  return b as T;
}

// An operation whose result is one of its operands returns that operand (the sets are
// never changed once made): the evaluator's boxes are then kept as they are wherever a
// rule leaves a side whole, which is most of the time.

export function intersectAddresses(a: AddressSet, b: AddressSet): AddressSet {
  // A set with itself, or with every address (a rule's `*`): the set, as below, without the merges.
  if (a === b) return a;
  if (a.kind === 'ip') {
    const o = sameKind(a, b);
    if (o === ALL_IP) return a;
    if (a === ALL_IP) return o;
    return ipOf(a.v4.intersect(o.v4), a.v6.intersect(o.v6), a, o);
  }
  if (a.kind === 'sym') {
    const o = sameKind(a, b);
    return symOf(intersectNames(a.atoms, o.atoms), a, o);
  }
  const o = sameKind(a, b);
  let azure: AzureCell[] | readonly AzureCell[];
  if (a.azure.length === 1 && o.azure.length === 1) {
    // One cell each, the common case: either cell itself when it lies in the other.
    const x = a.azure[0];
    const y = o.azure[0];
    const services = intersectNames(x.services, y.services);
    const regions = intersectNames(x.regions, y.regions);
    const c = services === x.services && regions === x.regions ? x : services === y.services && regions === y.regions ? y : { services, regions };
    azure = cellEmpty(c) ? NO_CELLS : c === x ? a.azure : c === y ? o.azure : [c];
  } else {
    const cells: AzureCell[] = [];
    for (const x of a.azure)
      for (const y of o.azure) {
        const c = { services: intersectNames(x.services, y.services), regions: intersectNames(x.regions, y.regions) };
        if (!cellEmpty(c)) cells.push(c);
      }
    azure = cells;
  }
  return tagsOf(a.nonAzure && o.nonAzure, azure, a.vnet && o.vnet, a.lb && o.lb, intersectOpaque(a.opaque, o.opaque), a, o);
}

export function subtractAddresses(a: AddressSet, b: AddressSet): AddressSet {
  if (a.kind === 'ip') {
    const o = sameKind(a, b);
    // Nothing left, or nothing taken away: the sets below, without the merges.
    if (o === ALL_IP || o === a) return a.v4.isEmpty() && a.v6.isEmpty() ? a : EMPTY_IP;
    if (o === EMPTY_IP) return a;
    return ipOf(a.v4.subtract(o.v4), a.v6.subtract(o.v6), a, o);
  }
  if (a.kind === 'sym') {
    const o = sameKind(a, b);
    return symOf(subtractNames(a.atoms, o.atoms), a, o);
  }
  const o = sameKind(a, b);
  let azure: readonly AzureCell[] = a.azure;
  for (const y of o.azure) {
    // What `subtractCell` gives each cell, without a list per cell: a cell `y` misses
    // stays as it is, and the list is made new only from the first cell `y` cuts.
    let next: AzureCell[] | undefined;
    for (let i = 0; i < azure.length; i++) {
      const x = azure[i];
      const services = intersectNames(x.services, y.services);
      const regions = intersectNames(x.regions, y.regions);
      if (isEmptyNames(services) || isEmptyNames(regions)) {
        if (next) next.push(x);
        continue;
      }
      next ??= azure.slice(0, i);
      const otherServices = subtractNames(x.services, y.services);
      if (!isEmptyNames(otherServices) && !isEmptyNames(x.regions)) next.push({ services: otherServices, regions: x.regions });
      const otherRegions = subtractNames(x.regions, y.regions);
      if (!isEmptyNames(otherRegions)) next.push({ services, regions: otherRegions });
    }
    if (next) azure = next;
  }
  // Unmodelled tags first, as before: subtracting fewer than all of them from all of them throws (see subtractOpaque).
  const opaque = subtractOpaque(a.opaque, o.opaque);
  return tagsOf(a.nonAzure && !o.nonAzure, azure, a.vnet && !o.vnet, a.lb && !o.lb, opaque, a, o);
}

export function unionAddresses(a: AddressSet, b: AddressSet): AddressSet {
  if (a.kind === 'ip') {
    const o = sameKind(a, b);
    return ipOf(a.v4.union(o.v4), a.v6.union(o.v6), a, o);
  }
  if (a.kind === 'sym') {
    const o = sameKind(a, b);
    return symOf(unionNames(a.atoms, o.atoms), a, o);
  }
  const o = sameKind(a, b);
  // Keep the cells disjoint: add only what `a` does not already hold.
  let extra: readonly AzureCell[] = o.azure;
  for (const x of a.azure) extra = extra.flatMap((y) => subtractCell(y, x));
  const opaque = a.opaque === 'all' || o.opaque === 'all' ? 'all' : o.opaque.length === 0 ? a.opaque : a.opaque.length === 0 ? o.opaque : [...new Set([...a.opaque, ...o.opaque])];
  return tagsOf(a.nonAzure || o.nonAzure, extra.length === 0 ? a.azure : a.azure.length === 0 ? extra : [...a.azure, ...extra], a.vnet || o.vnet, a.lb || o.lb, opaque, a, o);
}

const NO_CELLS: readonly AzureCell[] = [];

function ipOf(v4: RangeSet, v6: RangeSet, a: IpSet, b: IpSet): IpSet {
  if (v4 === a.v4 && v6 === a.v6) return a;
  if (v4 === b.v4 && v6 === b.v6) return b;
  return { kind: 'ip', v4, v6 };
}

function symOf(atoms: NameSet, a: SymSet, b: SymSet): SymSet {
  return atoms === a.atoms ? a : atoms === b.atoms ? b : symSet(atoms);
}

/** The tag set of these parts: `a` or `b` when it has exactly them. */
function tagsOf(nonAzure: boolean, azure: readonly AzureCell[], vnet: boolean, lb: boolean, opaque: TagSet['opaque'], a: TagSet, b: TagSet): TagSet {
  const is = (t: TagSet) => t.nonAzure === nonAzure && t.azure === azure && t.vnet === vnet && t.lb === lb && t.opaque === opaque;
  if (is(a)) return a;
  if (is(b)) return b;
  return { kind: 'tags', nonAzure, azure: azure as AzureCell[], vnet, lb, opaque };
}

/** A ∪ B as U \ ((U \ A) ∩ (U \ B)). */
function unionNames(a: NameSet, b: NameSet): NameSet {
  return subtractNames(ALL_NAMES, intersectNames(subtractNames(ALL_NAMES, a), subtractNames(ALL_NAMES, b)));
}

/** No address at all. */
export function isEmptyAddresses(s: AddressSet): boolean {
  if (s.kind === 'ip') return s.v4.isEmpty() && s.v6.isEmpty();
  if (s.kind === 'sym') return isEmptyNames(s.atoms);
  return !s.nonAzure && !s.vnet && !s.lb && s.azure.length === 0 && s.opaque !== 'all' && s.opaque.length === 0;
}

/** At least one address for certain (the possibly-empty load balancer atom does not count). */
export function certainlyNonEmpty(s: AddressSet): boolean {
  // A prefix always holds an address, whatever it turns out to be.
  if (s.kind === 'ip' || s.kind === 'sym') return !isEmptyAddresses(s);
  return s.nonAzure || s.vnet || s.azure.length > 0 || s.opaque === 'all' || s.opaque.length > 0;
}

export function sameAddresses(a: AddressSet, b: AddressSet): boolean {
  return a.kind === b.kind && isEmptyAddresses(subtractAddresses(a, b)) && isEmptyAddresses(subtractAddresses(b, a));
}

function cellEmpty(c: AzureCell): boolean {
  return isEmptyNames(c.services) || isEmptyNames(c.regions);
}

function subtractCell(x: AzureCell, y: AzureCell): AzureCell[] {
  const services = intersectNames(x.services, y.services);
  const regions = intersectNames(x.regions, y.regions);
  if (isEmptyNames(services) || isEmptyNames(regions)) return [x];
  const out: AzureCell[] = [
    { services: subtractNames(x.services, y.services), regions: x.regions },
    { services, regions: subtractNames(x.regions, y.regions) },
  ];
  return out.filter((c) => !cellEmpty(c));
}

function intersectOpaque(a: TagSet['opaque'], b: TagSet['opaque']): TagSet['opaque'] {
  if (a === 'all') return b;
  if (b === 'all') return a;
  if (a.length === 0) return a;
  if (b.length === 0) return b;
  const kept = a.filter((n) => b.includes(n));
  return kept.length === a.length ? a : kept;
}

function subtractOpaque(a: TagSet['opaque'], b: TagSet['opaque']): TagSet['opaque'] {
  if (b === 'all') return a !== 'all' && a.length === 0 ? a : NO_OPAQUE;
  if (a === 'all') throw new Error('cannot subtract from every unmodelled tag');
  if (a.length === 0 || b.length === 0) return a;
  const kept = a.filter((n) => !b.includes(n));
  return kept.length === a.length ? a : kept;
}

const NO_OPAQUE: readonly string[] = [];

/** Display spellings of the modelled tags (the model works in lower case). */
export const TAG_SPELLING: Record<string, string> = {
  storage: 'Storage',
  sql: 'Sql',
  azureactivedirectory: 'AzureActiveDirectory',
  appservicemanagement: 'AppServiceManagement',
  azuremonitor: 'AzureMonitor',
  eventhub: 'EventHub',
};

function describeCell(c: AzureCell): string {
  // Region and tag names are the template's text: a message shows an excerpt of each.
  const names = (s: readonly string[]) => s.map((n) => TAG_SPELLING[n] ?? excerpt(n)).join(', ');
  let base: string;
  if ('only' in c.services) base = c.services.only.length === 1 ? names(c.services.only) : `{${names(c.services.only)}}`;
  else base = c.services.except.length === 0 ? 'AzureCloud' : `AzureCloud except ${names(c.services.except)}`;
  if (isAllNames(c.regions)) return base;
  if ('only' in c.regions) return c.regions.only.map((r) => `${base}.${excerpt(r)}`).join(', ');
  return `${base} outside ${c.regions.except.map((r) => excerpt(r)).join(', ')}`;
}

/** Human text for messages: CIDRs for concrete sets, tag names for tags, `{…}` for prefixes known only at deployment. */
export function describeAddresses(s: AddressSet): string {
  if (s.kind === 'ip') {
    if (s.v4.isFull() && s.v6.isFull()) return '*';
    return [s.v4.toString(), s.v6.toString()].filter((x) => x !== '').join(', ');
  }
  if (s.kind === 'sym') {
    if ('only' in s.atoms) return s.atoms.only.map((a) => excerpt(describeSymbolic(a))).join(', ');
    const but = s.atoms.except.map((a) => excerpt(describeSymbolic(a)));
    return but.length === 0 ? 'any prefix known only at deployment' : `any prefix known only at deployment but ${but.join(', ')}`;
  }
  const parts: string[] = [];
  const wholeAzure = s.azure.length === 1 && isAllNames(s.azure[0].services) && isAllNames(s.azure[0].regions);
  if (s.nonAzure && wholeAzure) parts.push('Internet');
  else {
    if (s.nonAzure) parts.push('Internet outside Azure');
    parts.push(...s.azure.map(describeCell));
  }
  if (s.vnet) parts.push('VirtualNetwork');
  if (s.lb && !(s.nonAzure && wholeAzure)) parts.push('AzureLoadBalancer');
  if (s.opaque === 'all') parts.push('other service tags');
  else parts.push(...s.opaque.map((n) => excerpt(n)));
  return parts.join(', ');
}
