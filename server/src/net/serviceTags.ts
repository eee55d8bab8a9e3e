import type { Endpoint } from '../core/flow';
import type { Maybe } from '../core/value';
import { isSymbolicValue, isUnknown, unknown, type Unknown } from '../core/value';
import {
  ALL_IP,
  ALL_SYM,
  ALL_TAGS,
  EMPTY_IP,
  EMPTY_SYM,
  EMPTY_TAGS,
  allOf,
  emptyOf,
  symSet,
  TAG_SPELLING,
  certainlyNonEmpty,
  describeAddresses,
  intersectAddresses,
  ipSet,
  isEmptyAddresses,
  subtractAddresses,
  tagSet,
  unionAddresses,
  type AddressSet,
  type AzureCell,
  type IpSet,
} from '../ip/addressSet';
import { contains, maxAddress, parseCidr, v6Prefix, type IpRange } from '../ip/cidr';
import { ALL_NAMES, hasName, isAllNames, onlyNames, subtractNames, type NameSet } from '../ip/nameSet';
import { describeSymbolic, isSymbolic, symbolicReason } from '../core/symbolic';

/** One side of a flow: a service tag, or addresses such as the ASE subnet's prefixes. */

/** What the tag semantics depend on besides the rule itself. */
export interface AddressContext {
  /** The address spaces of the VNet the NSG's subnet belongs to. */
  vnetAddressSpaces: Maybe<Maybe<string>[]>;
  /**
   * The prefixes of that VNet's subnets. Azure refuses a subnet outside its VNet's space,
   * so each lies in `VirtualNetwork`, even when the space itself is known only at
   * deployment (a prefix that is a parameter without a value lies there too).
   */
  vnetSubnetPrefixes?: readonly Maybe<string>[];
  /** The subnet's route table has a 0.0.0.0/0 route (Azure folds it into VirtualNetwork). */
  defaultRouteViaUdr?: boolean;
}

/** One entry of a rule's address list, classified once (independent of the context). */
export type AddressEntry =
  | { kind: 'any' }
  | { kind: 'cidr'; range: IpRange; text: string }
  | { kind: 'internet' }
  | { kind: 'virtualNetwork' }
  | { kind: 'loadBalancer' }
  /** `AzureCloud`, a modelled service tag, or either with a region suffix. */
  | { kind: 'azure'; cell: AzureCell; name: string }
  /** A tag this analyzer does not model (lower-case). */
  | { kind: 'opaque'; name: string }
  /** A prefix known only at deployment: its symbolic text (see ip/addressSet.ts SymSet). */
  | { kind: 'symbolic'; text: string; reason: string }
  | { kind: 'unknown'; reason: string };

const LOAD_BALANCER_ADDRESS = '168.63.129.16';
const LB_RANGE = parseCidr(LOAD_BALANCER_ADDRESS)!;
const LB_IP = ipSet([LB_RANGE]);

/** Private space no public tag reaches: RFC 1918 and IPv6 unique-local addresses. */
const PRIVATE_IP = ipSet([...['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseCidr(c)!), v6Prefix(0xfc00, 7)]);
/** Neither private nor routable on the Internet: whether a tag holds them is not ours to say. */
const SPECIAL_IP = ipSet(
  ['0.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/3'].map((c) => parseCidr(c)!),
);
const PUBLIC_IP = subtractAddresses(
  subtractAddresses(ipSet([{ version: 4, first: 0n, last: maxAddress(4) }, v6Prefix(0x2000, 3)]), PRIVATE_IP),
  SPECIAL_IP,
) as IpSet;

const MODELLED_SERVICES = new Set(Object.keys(TAG_SPELLING));

/** Classifies one address prefix of a security rule (`*`, a CIDR, a tag, a symbolic prefix, UNKNOWN). */
export function classifyAddress(text: Maybe<string>): AddressEntry {
  if (isSymbolicValue(text)) return { kind: 'symbolic', text: text.text, reason: text.reason };
  if (isUnknown(text)) return { kind: 'unknown', reason: text.reason };
  if (isSymbolic(text)) return { kind: 'symbolic', text, reason: symbolicReason(text) };
  const t = text.trim();
  const l = t.toLowerCase();
  if (t === '*' || l === 'any') return { kind: 'any' };
  const range = parseCidr(t);
  if (range) {
    // The spec reads 0.0.0.0/0 as "everything", like `*` (IPv6 included).
    if (range.first === 0n && range.last === maxAddress(range.version)) return { kind: 'any' };
    return { kind: 'cidr', range, text: t };
  }
  // The upper-case spellings are Azure's classic names, still accepted.
  if (l === 'internet') return { kind: 'internet' };
  if (l === 'virtualnetwork' || l === 'virtual_network') return { kind: 'virtualNetwork' };
  if (l === 'azureloadbalancer' || l === 'azure_loadbalancer') return { kind: 'loadBalancer' };
  const dot = l.indexOf('.');
  const base = dot < 0 ? l : l.slice(0, dot);
  const region = dot < 0 ? undefined : l.slice(dot + 1);
  if (region !== '' && (base === 'azurecloud' || MODELLED_SERVICES.has(base))) {
    const cell: AzureCell = {
      services: base === 'azurecloud' ? ALL_NAMES : onlyNames(base),
      regions: region === undefined ? ALL_NAMES : onlyNames(region),
    };
    return { kind: 'azure', cell, name: t };
  }
  if (/^[a-z][a-z0-9._-]*$/i.test(t)) return { kind: 'opaque', name: l };
  return { kind: 'unknown', reason: `cannot read the address prefix '${t}'` };
}

/** The context with the VNet's spaces parsed once per evaluation. */
export interface PreparedContext {
  /** Addresses known to be in the VNet: its spaces that are known (all of them when `vnetComplete`), and its subnets' known prefixes. */
  vnetKnown: IpSet;
  vnetComplete: boolean;
  /** Symbolic prefixes known to be in the VNet: its own symbolic spaces and its subnets' symbolic prefixes. */
  vnetAtoms: NameSet;
  udr: boolean;
  /**
   * A symbolic prefix matches exactly its own atom and no concrete address: how the
   * widening check (widening.ts) counts what a rule admits, where the atom stands for
   * its addresses. Off for flow evaluation, where a symbolic prefix may be any address.
   */
  exactSymbols?: boolean;
  /** Private space and the VNet's known addresses, which no public tag holds: made on first use (see notPublic). */
  private?: AddressSet;
}

/** Private space and the VNet's known addresses: one union per context, not one per rule that asks. */
function notPublic(ctx: PreparedContext): AddressSet {
  return (ctx.private ??= unionAddresses(PRIVATE_IP, ctx.vnetKnown));
}

/** The addresses outside `of` (what no public tag holds in some context) that tags' matches need, each made when first asked. */
interface Outside {
  of: AddressSet;
  all?: AddressSet;
  allButLb?: AddressSet;
  publicButLb?: AddressSet;
}

// By the set of what no public tag holds: a VNet in private space adds nothing to private
// space, so every such context has the one set PRIVATE_IP (the union returns it) and
// shares these differences, which each context worked out again for every tag its
// rules name. Keyed by the set itself (sets are never changed), so an entry goes with
// its set; forgotten with the rules' texts (forgetKeptAddresses), so an analysis from
// nothing works them out afresh.
let outsideByNotPublic = new WeakMap<AddressSet, Outside>();

function outsideOf(ctx: PreparedContext): Outside {
  const of = notPublic(ctx);
  let outside = outsideByNotPublic.get(of);
  if (!outside) outsideByNotPublic.set(of, (outside = { of, all: undefined, allButLb: undefined, publicButLb: undefined }));
  return outside;
}

export function prepareContext(ctx: AddressContext, exactSymbols = false): PreparedContext {
  const spaces = ctx.vnetAddressSpaces;
  const ranges: IpRange[] = [];
  const atoms: string[] = [];
  const read = (p: Maybe<string>): boolean => {
    if (isSymbolicValue(p)) atoms.push(p.text);
    else if (!isUnknown(p)) {
      if (isSymbolic(p)) atoms.push(p);
      else {
        const r = parseCidr(p);
        if (r) ranges.push(r);
        return r !== undefined;
      }
    }
    return false;
  };
  let complete = !isUnknown(spaces);
  if (!isUnknown(spaces)) for (const p of spaces) if (!read(p)) complete = false;
  for (const p of ctx.vnetSubnetPrefixes ?? []) read(p);
  const prepared: PreparedContext = {
    vnetKnown: ranges.length === 0 ? EMPTY_IP : ipSet(ranges),
    vnetComplete: complete,
    vnetAtoms: atoms.length === 0 ? NO_ATOMS : onlyNames(...atoms),
    udr: !!ctx.defaultRouteViaUdr,
  };
  if (exactSymbols) prepared.exactSymbols = true;
  return prepared;
}

const NO_ATOMS: NameSet = { only: [] };

/**
 * Which addresses of the universe of `kind` a rule's address list matches: `certain`
 * for sure, `possible` perhaps (certain ⊆ possible). `vague` keeps, per undecided entry,
 * why it could not be decided, so a message can name the entry that matters.
 */
export interface AddressMatch {
  certain: AddressSet;
  possible: AddressSet;
  vague: Array<{ certain: AddressSet; possible: AddressSet; reason: string }>;
}

function exact(s: AddressSet): AddressMatch {
  return { certain: s, possible: s, vague: [] };
}

function vague(certain: AddressSet, possible: AddressSet, reason: string): AddressMatch {
  const p = unionAddresses(possible, certain);
  return { certain, possible: p, vague: [{ certain, possible: p, reason }] };
}

/** Why the match is undecided somewhere inside `target` (a finite set), if it is. */
export function explainMatch(m: AddressMatch, target: AddressSet): string | undefined {
  for (const v of m.vague) {
    const undecided = subtractAddresses(intersectAddresses(target, v.possible), v.certain);
    if (!isEmptyAddresses(undecided)) {
      if (!certainlyNonEmpty(undecided))
        return `whether ${LOAD_BALANCER_ADDRESS} (AzureLoadBalancer) is part of ${describeAddresses(target)} is not documented`;
      return v.reason;
    }
  }
  return undefined;
}

const WHOLE_AZURE: AzureCell = { services: ALL_NAMES, regions: ALL_NAMES };
const ALL_BUT_LB = subtractAddresses(ALL_IP, LB_IP);
const IN_VNET_TAGS = tagSet({ vnet: true, opaque: 'all' });
// Sets the matches of VirtualNetwork read in every context that names it (sets are only read).
const VNET_TAGS = tagSet({ vnet: true });
const OPAQUE_TAGS = tagSet({ opaque: 'all' });
let INTERNET_OR_OPAQUE_TAGS: AddressSet | undefined;
const INTERNET_TAGS = tagSet({ nonAzure: true, azure: [WHOLE_AZURE], lb: true });

export function matchEntry(entry: AddressEntry, kind: AddressSet['kind'], ctx: PreparedContext): AddressMatch {
  return kind === 'ip' ? matchIp(entry, ctx) : kind === 'tags' ? matchTags(entry, ctx) : matchSym(entry, ctx);
}

/** An entry's matches by address kind, every field present from the start (one shape for all, read by name). */
interface MatchesByKind {
  ip: AddressMatch | undefined;
  tags: AddressMatch | undefined;
  sym: AddressMatch | undefined;
}

function noMatches(): MatchesByKind {
  return { ip: undefined, tags: undefined, sym: undefined };
}

/**
 * The entries whose match reads nothing of the context, by the kind of address matched
 * against: what the cases of matchIp, matchTags and matchSym below return without
 * reading `ctx` (a test checks each against several contexts).
 */
const CONTEXT_FREE: Record<AddressSet['kind'], ReadonlySet<AddressEntry['kind']>> = {
  ip: new Set(['any', 'cidr', 'loadBalancer', 'opaque', 'unknown']),
  tags: new Set(['any', 'internet', 'loadBalancer', 'azure', 'opaque', 'unknown']),
  sym: new Set(['any', 'cidr', 'opaque', 'unknown']),
};

export function matchIsContextFree(entry: AddressEntry, kind: AddressSet['kind']): boolean {
  // A private CIDR against tags holds no public tag whatever the VNet's space (see matchTags).
  return CONTEXT_FREE[kind].has(entry.kind) || (kind === 'tags' && entry.kind === 'cidr' && isPrivate(entry.range));
}

function isPrivate(range: IpRange): boolean {
  return (range.version === 4 ? PRIVATE_IP.v4 : PRIVATE_IP.v6).containsRange(range);
}

// Kept matches: an entry is shared by every rule that writes its text (see ruleMatch.ts),
// and a match is only read. One that reads nothing of the context serves every NSG; the
// others are kept with their prepared context.
const contextFree = new WeakMap<AddressEntry, MatchesByKind>();
const inContext = new WeakMap<PreparedContext, Map<AddressEntry, MatchesByKind>>();

/** `matchEntry`, made once per entry and kind (and context, where it reads the context). */
export function keptMatch(entry: AddressEntry, kind: AddressSet['kind'], ctx: PreparedContext): AddressMatch {
  let byKind: MatchesByKind | undefined;
  if (matchIsContextFree(entry, kind)) {
    byKind = contextFree.get(entry);
    if (!byKind) contextFree.set(entry, (byKind = noMatches()));
  } else {
    let own = inContext.get(ctx);
    if (!own) inContext.set(ctx, (own = new Map()));
    byKind = own.get(entry);
    if (!byKind) own.set(entry, (byKind = noMatches()));
  }
  // Each kind by its name: a property read with a key that varies is a slower, generic lookup.
  switch (kind) {
    case 'ip':
      return (byKind.ip ??= matchIp(entry, ctx));
    case 'tags':
      return (byKind.tags ??= matchTags(entry, ctx));
    default:
      return (byKind.sym ??= matchSym(entry, ctx));
  }
}

/**
 * Against prefixes known only at deployment (a subnet whose prefix is a parameter):
 * `*` holds every one; the very same symbolic text is the same addresses; the VNet's
 * own atoms lie in `VirtualNetwork` and in no public tag nor the load balancer's
 * address (Azure keeps 168.63.129.16 and public tags out of a VNet's space as the
 * concrete case does); anything that compares addresses with the atom (a CIDR, another
 * symbol) depends on what it stands for, so matches perhaps. Never a guess.
 */
function matchSym(e: AddressEntry, ctx: PreparedContext): AddressMatch {
  const outsideVnet = symSet(subtractNames(ALL_NAMES, ctx.vnetAtoms));
  switch (e.kind) {
    case 'any':
      return exact(ALL_SYM);
    case 'symbolic': {
      const own = symSet(onlyNames(e.text));
      if (ctx.exactSymbols) return exact(own);
      return vague(own, ALL_SYM, `the prefix ${describeSymbolic(e.text)} is known only at deployment (${e.reason}), so it cannot be compared with another prefix`);
    }
    case 'cidr':
      return vague(EMPTY_SYM, ALL_SYM, `whether '${e.text}' holds a prefix known only at deployment depends on its value`);
    case 'virtualNetwork':
      return vague(symSet(ctx.vnetAtoms), ALL_SYM, `'VirtualNetwork' holds the VNet's own prefixes, but whether it holds a prefix outside them is known only at deployment`);
    case 'internet':
    case 'loadBalancer':
    case 'azure':
      return vague(EMPTY_SYM, outsideVnet, `whether '${e.kind === 'azure' ? e.name : e.kind === 'internet' ? 'Internet' : 'AzureLoadBalancer'}' holds a prefix known only at deployment depends on its value`);
    case 'opaque':
      return vague(EMPTY_SYM, ALL_SYM, `service tag '${e.name}' is not modelled`);
    case 'unknown':
      return vague(EMPTY_SYM, ALL_SYM, e.reason);
  }
}

function matchIp(e: AddressEntry, ctx: PreparedContext): AddressMatch {
  switch (e.kind) {
    case 'any':
      return exact(ALL_IP);
    case 'cidr':
      return exact(ipSet([e.range]));
    case 'loadBalancer':
      return exact(LB_IP);
    case 'internet': {
      // Public and outside the VNet. Where the VNet's spaces are not all known, a public
      // address may be one of them; whether Internet holds 168.63.129.16 is undocumented.
      const outside = outsideOf(ctx);
      const certain = ctx.vnetComplete ? (outside.publicButLb ??= subtractAddresses(subtractAddresses(PUBLIC_IP, outside.of), LB_IP)) : EMPTY_IP;
      return vague(
        certain,
        (outside.all ??= subtractAddresses(ALL_IP, outside.of)),
        ctx.vnetComplete
          ? `whether 'Internet' holds ${LOAD_BALANCER_ADDRESS} or reserved ranges is not documented`
          : `the VNet's address space is not fully known, so 'Internet' cannot be compared with an address`,
      );
    }
    case 'virtualNetwork':
      // Peered and connected spaces belong to VirtualNetwork but are not in the template.
      return vague(
        ctx.vnetKnown,
        ALL_BUT_LB,
        `'VirtualNetwork' also holds peered and connected address spaces the template does not show`,
      );
    case 'azure': {
      // Outside what no public tag holds (and the load balancer's address, unless the tag is all of AzureCloud).
      const outside = outsideOf(ctx);
      const possible = isAllNames(e.cell.services)
        ? (outside.all ??= subtractAddresses(ALL_IP, outside.of))
        : (outside.allButLb ??= subtractAddresses(ALL_IP, unionAddresses(outside.of, LB_IP)));
      return vague(
        EMPTY_IP,
        possible,
        `the addresses of service tag '${e.name}' are not known here, so it cannot be compared with an address`,
      );
    }
    case 'opaque':
      return vague(EMPTY_IP, ALL_IP, `service tag '${e.name}' is not modelled`);
    case 'symbolic':
      // Its addresses are its atom's (SymSet); the widening check counts them there.
      if (ctx.exactSymbols) return exact(EMPTY_IP);
      // A prefix of the VNet never holds the load balancer's address.
      return vague(EMPTY_IP, hasName(ctx.vnetAtoms, e.text) ? ALL_BUT_LB : ALL_IP, `the prefix ${describeSymbolic(e.text)} is known only at deployment (${e.reason})`);
    case 'unknown':
      return vague(EMPTY_IP, ALL_IP, e.reason);
  }
}

function matchTags(e: AddressEntry, ctx: PreparedContext): AddressMatch {
  switch (e.kind) {
    case 'any':
      return exact(ALL_TAGS);
    case 'cidr': {
      const holdsLb = contains(e.range, LB_RANGE);
      // Tags are public: a private CIDR, or one inside the VNet, holds none of them.
      const privateOnly = isPrivate(e.range) || isEmptyAddresses(subtractAddresses(ipSet([e.range]), notPublic(ctx)));
      return vague(
        tagSet({ lb: holdsLb }),
        tagSet({
          nonAzure: !privateOnly,
          azure: privateOnly ? [] : [WHOLE_AZURE],
          vnet: true,
          lb: holdsLb,
          opaque: 'all',
        }),
        `the address prefix '${e.text}' cannot be compared with a service tag`,
      );
    }
    case 'internet':
      return vague(INTERNET_TAGS, tagSet({ opaque: 'all' }), `'Internet' cannot be compared with unmodelled tags`);
    case 'virtualNetwork':
      if (ctx.udr)
        return vague(
          VNET_TAGS,
          (INTERNET_OR_OPAQUE_TAGS ??= unionAddresses(INTERNET_TAGS, OPAQUE_TAGS)),
          `the subnet's route table has a 0.0.0.0/0 route, which Azure folds into 'VirtualNetwork'`,
        );
      return vague(VNET_TAGS, OPAQUE_TAGS, `'VirtualNetwork' cannot be compared with unmodelled tags`);
    case 'loadBalancer':
      return vague(tagSet({ lb: true }), tagSet({ opaque: 'all' }), `'AzureLoadBalancer' cannot be compared with unmodelled tags`);
    case 'azure': {
      const wholeCloud = isAllNames(e.cell.services);
      const lbCertain = wholeCloud && isAllNames(e.cell.regions);
      return vague(
        tagSet({ azure: [e.cell], lb: lbCertain }),
        tagSet({ lb: wholeCloud, opaque: 'all' }),
        wholeCloud && !lbCertain
          ? `whether '${e.name}' holds ${LOAD_BALANCER_ADDRESS} is not documented`
          : `'${e.name}' cannot be compared with unmodelled tags`,
      );
    }
    case 'opaque':
      return vague(tagSet({ opaque: [e.name] }), ALL_TAGS, `service tag '${e.name}' is not modelled`);
    case 'symbolic':
      if (ctx.exactSymbols) return exact(EMPTY_TAGS);
      // A prefix of the VNet lies in VirtualNetwork, and in no public tag (as a CIDR inside the VNet does).
      return vague(
        EMPTY_TAGS,
        hasName(ctx.vnetAtoms, e.text) ? IN_VNET_TAGS : ALL_TAGS,
        `the prefix ${describeSymbolic(e.text)} is known only at deployment (${e.reason}), so it cannot be compared with a service tag`,
      );
    case 'unknown':
      return vague(EMPTY_TAGS, ALL_TAGS, e.reason);
  }
}

/** A rule's whole address list ("any of"); UNKNOWN or empty lists match perhaps anything. */
export function matchEntries(
  entries: readonly AddressEntry[] | Unknown,
  kind: AddressSet['kind'],
  ctx: PreparedContext,
): AddressMatch {
  const all = allOf(kind);
  const none = emptyOf(kind);
  if (isUnknown(entries)) return vague(none, all, entries.reason);
  if (entries.length === 0) return vague(none, all, 'the rule lists no address');
  // One entry, the common case: its match as it is (the union below would make the same).
  if (entries.length === 1) return keptMatch(entries[0], kind, ctx);
  let certain = none;
  let possible = none;
  const vagueParts: AddressMatch['vague'] = [];
  for (const e of entries) {
    const m = keptMatch(e, kind, ctx);
    certain = unionAddresses(certain, m.certain);
    possible = unionAddresses(possible, m.possible);
    vagueParts.push(...m.vague);
  }
  return { certain, possible, vague: vagueParts };
}

export function classifyAddresses(list: Maybe<Maybe<string>[]>): AddressEntry[] | Unknown {
  return isUnknown(list) ? list : list.map(classifyAddress);
}

// The addresses of a list of prefixes, by the list: the flows of one ASE (a dozen or two)
// name its subnet by the same list, which is read once. The elements are kept to check
// that the list still holds them (a model's lists are not expected to change in place).
const prefixAddresses = new WeakMap<readonly Maybe<string>[], { elements: Maybe<string>[]; addresses: AddressSet | Unknown }>();

// The addresses of a tag, by its text: every flow to Storage, from Internet… asks again.
// A set is only read, so the flows that name the same tag share one (which the set
// operations then recognise as the same). Bounded, and forgotten with the rules' texts
// (forgetClassifiedRuleTexts), so an analysis from nothing reads each afresh.
const MAX_TAGS = 10_000;
const tagAddresses = new Map<string, AddressSet | Unknown>();

/** Forgets the addresses of the tags flows named and what lies outside each context's private space. */
export function forgetKeptAddresses(): void {
  tagAddresses.clear();
  outsideByNotPublic = new WeakMap();
}

/** The addresses an endpoint stands for, or UNKNOWN when they cannot be read. */
export function endpointAddresses(endpoint: Endpoint): AddressSet | Unknown {
  if (isUnknown(endpoint)) return endpoint;
  if ('tag' in endpoint) {
    const tag = endpoint.tag;
    let addresses = tagAddresses.get(tag);
    if (addresses === undefined) {
      if (tagAddresses.size >= MAX_TAGS) tagAddresses.clear();
      tagAddresses.set(tag, (addresses = addressesOf(endpoint)));
    }
    return addresses;
  }
  const list = endpoint.prefixes;
  const kept = prefixAddresses.get(list);
  if (kept && sameElements(kept.elements, list)) return kept.addresses;
  const addresses = addressesOf(endpoint);
  prefixAddresses.set(list, { elements: [...list], addresses });
  return addresses;
}

function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function addressesOf(endpoint: Endpoint): AddressSet | Unknown {
  if (isUnknown(endpoint)) return endpoint;
  if ('tag' in endpoint) {
    const e = classifyAddress(endpoint.tag);
    switch (e.kind) {
      case 'any':
        return ALL_IP;
      case 'cidr':
        return ipSet([e.range]);
      case 'loadBalancer':
        return LB_IP;
      case 'internet':
        return INTERNET_TAGS;
      case 'virtualNetwork':
        return tagSet({ vnet: true });
      case 'azure':
        return tagSet({ azure: [e.cell], lb: isAllNames(e.cell.services) && isAllNames(e.cell.regions) });
      case 'opaque':
        return tagSet({ opaque: [e.name] });
      case 'symbolic':
        return symSet(onlyNames(e.text));
      case 'unknown':
        return unknown(e.reason);
    }
  }
  if (endpoint.prefixes.length === 0) return unknown('the endpoint has no address prefix');
  const ranges: IpRange[] = [];
  const atoms: string[] = [];
  let firstSymbolic: Unknown | undefined;
  for (const p of endpoint.prefixes) {
    const e = classifyAddress(p);
    if (e.kind === 'symbolic') {
      atoms.push(e.text);
      firstSymbolic ??= unknown(e.reason);
      continue;
    }
    if (isUnknown(p)) return p;
    if (e.kind === 'any') return ALL_IP;
    if (e.kind !== 'cidr') return unknown(`'${p}' is not an address prefix`);
    ranges.push(e.range);
  }
  if (atoms.length === 0) return ipSet(ranges);
  // Known and symbolic prefixes side by side cannot be told apart as addresses: unresolved.
  if (ranges.length > 0) return firstSymbolic!;
  return symSet(onlyNames(...atoms));
}

/** The answer to "does this address list cover the endpoint?". */
export type Coverage =
  | { kind: 'all' }
  | { kind: 'none' }
  /** Exactly `part` is covered; for CIDR endpoints `part` is an IpSet one can subtract. */
  | { kind: 'some'; part: AddressSet; text: string }
  | { kind: 'unknown'; reason: string };

export function addressCoverage(
  endpoint: Endpoint,
  addresses: Maybe<Maybe<string>[]>,
  ctx: AddressContext,
): Coverage {
  const e = endpointAddresses(endpoint);
  if (isUnknown(e)) return { kind: 'unknown', reason: e.reason };
  const m = matchEntries(classifyAddresses(addresses), e.kind, prepareContext(ctx));
  const certain = intersectAddresses(e, m.certain);
  const possible = intersectAddresses(e, m.possible);
  if (isEmptyAddresses(subtractAddresses(e, certain))) return { kind: 'all' };
  if (isEmptyAddresses(possible)) return { kind: 'none' };
  if (isEmptyAddresses(subtractAddresses(possible, certain)) && certainlyNonEmpty(certain))
    return { kind: 'some', part: certain, text: describeAddresses(certain) };
  const reason =
    explainMatch(m, e) ?? `whether ${LOAD_BALANCER_ADDRESS} (AzureLoadBalancer) is part of ${describeAddresses(e)} is not documented`;
  return { kind: 'unknown', reason };
}
