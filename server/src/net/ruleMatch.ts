import type { RuleField, SecurityRule } from '../model/types';
import type { Maybe } from '../core/value';
import { isUnknown, type Unknown } from '../core/value';
import { ALL_PROTOCOLS, intersectParts, protocolMask, type Box } from './flowBox';
import { PortSet } from '../ip/ports';
import {
  classifyAddress,
  classifyAddresses,
  explainMatch,
  forgetKeptAddresses,
  matchEntries,
  type AddressEntry,
  type AddressMatch,
  type PreparedContext,
} from './serviceTags';

interface PortMatch {
  certain: PortSet;
  possible: PortSet;
  reason?: string;
}

/** The parts of a rule that do not depend on the flow, parsed once per rule object. */
export interface CompiledRule {
  protocols: { certain: number; possible: number; reason?: string };
  /** Classified on first use (see addressesOf): most rules of a big NSG miss a flow on protocol or ports first. */
  source?: AddressEntry[] | Unknown;
  destination?: AddressEntry[] | Unknown;
  sourcePorts: PortMatch;
  destinationPorts: PortMatch;
  /**
   * The address matches for the last context asked, by side and address kind: the flows
   * of one ASE come one after the other with the same prepared context, and the match
   * depends only on the rule, the kind and the context.
   */
  matches?: { ctx: PreparedContext; source: MatchesByKind; destination: MatchesByKind };
}

/** A side's matches by address kind, every field present from the start (one shape for all, read by name). */
interface MatchesByKind {
  ip: AddressMatch | undefined;
  tags: AddressMatch | undefined;
  sym: AddressMatch | undefined;
}

type AddressKind = Box['source']['kind'];

// Model objects live for one analysis; parsing each rule once keeps the ~20 flows asked
// per ASE per keystroke from re-parsing a few hundred rules each time.
const compiled = new WeakMap<SecurityRule, CompiledRule>();

// What compiling the rules of every NSG reads again and again: the same address prefixes
// (`*`, tags, the subnets' prefixes) and port texts. A classification depends on the text
// alone and is only read, so the rules that write the same text share one, across NSGs.
// Bounded; forgotten with the parsed prefixes (forgetReuse), so an analysis from nothing
// classifies afresh.
const MAX_CLASSIFIED = 50_000;
const classified = new Map<string, { entry: AddressEntry; list: AddressEntry[] }>();
const portTexts = new Map<string, PortMatch>();
/** Lists of several port texts, by their texts (see compilePorts). */
const portLists = new Map<string, PortMatch>();

/** Forgets the classified address prefixes and port texts (and the address sets kept with them: see forgetKeptAddresses). */
export function forgetClassifiedRuleTexts(): void {
  classified.clear();
  portTexts.clear();
  portLists.clear();
  forgetKeptAddresses();
}

function classifiedAddresses(list: Maybe<Maybe<string>[]>): AddressEntry[] | Unknown {
  if (isUnknown(list)) return classifyAddresses(list);
  // One text, the common case: its list of one entry is shared too.
  if (list.length === 1 && typeof list[0] === 'string') return classifiedText(list[0]).list;
  return list.map((text) => (isUnknown(text) ? classifyAddress(text) : classifiedText(text).entry));
}

function classifiedText(text: string): { entry: AddressEntry; list: AddressEntry[] } {
  let e = classified.get(text);
  if (!e) {
    if (classified.size >= MAX_CLASSIFIED) classified.clear();
    const entry = classifyAddress(text);
    classified.set(text, (e = { entry, list: [entry] }));
  }
  return e;
}

function compilePorts(list: Maybe<Maybe<string>[]>, what: string): PortMatch {
  // A list of texts, the common case: its match is shared (it is only read) by every list
  // of the same texts, whose union is made once. One text is its own key; several, each
  // with its length (no text can end another's).
  if (isUnknown(list) || list.length === 0) return compilePortList(list, what);
  let key: string;
  if (list.length === 1) {
    if (typeof list[0] !== 'string') return compilePortList(list, what);
    key = list[0];
  } else {
    key = '';
    for (let i = 0; i < list.length; i++) {
      const text = list[i];
      if (typeof text !== 'string') return compilePortList(list, what);
      key += `${text.length}:${text}`;
    }
  }
  const texts = list.length === 1 ? portTexts : portLists;
  let m = texts.get(key);
  if (!m) {
    if (texts.size >= MAX_CLASSIFIED) texts.clear();
    texts.set(key, (m = compilePortList(list, what)));
  }
  return m;
}

function compilePortList(list: Maybe<Maybe<string>[]>, what: string): PortMatch {
  if (isUnknown(list)) return { certain: PortSet.empty(), possible: PortSet.all(), reason: list.reason };
  if (list.length === 0) return { certain: PortSet.empty(), possible: PortSet.all(), reason: `the rule lists no ${what}` };
  let certain = PortSet.empty();
  let reason: string | undefined;
  for (const item of list) {
    const set = isUnknown(item) ? undefined : PortSet.parse(item);
    if (set) certain = certain.union(set);
    else reason ??= isUnknown(item) ? item.reason : `cannot read the port range '${item}'`;
  }
  return { certain, possible: reason ? PortSet.all() : certain, reason };
}

function compile(rule: SecurityRule): CompiledRule {
  let c = compiled.get(rule);
  if (!c) compiled.set(rule, (c = compileAnew(rule)));
  return c;
}

/** The protocols of a known mask, shared (they are only read). */
const KNOWN_PROTOCOLS: CompiledRule['protocols'][] = [];

function compileAnew(rule: SecurityRule): CompiledRule {
  const p = rule.protocol;
  const mask = isUnknown(p) ? undefined : protocolMask(p);
  return {
    protocols:
      mask !== undefined
        ? (KNOWN_PROTOCOLS[mask] ??= { certain: mask, possible: mask })
        : {
            certain: 0,
            possible: ALL_PROTOCOLS,
            reason: isUnknown(p) ? p.reason : `cannot read the protocol '${p}'`,
          },
    sourcePorts: compilePorts(rule.sourcePortRanges, 'source port'),
    destinationPorts: compilePorts(rule.destinationPortRanges, 'destination port'),
    // Set on first use; present from the start, so they stay inside the object.
    source: undefined,
    destination: undefined,
    matches: undefined,
  };
}

/**
 * The packets a rule matches, for a flow whose sides have given address kinds:
 * `certain` (undefined when none for sure) ⊆ `possible` (undefined when none at all).
 */
export interface RuleRegion {
  certain?: Box;
  possible?: Box;
  /** Why the rule may or may not match packets of `box`. */
  explain(box: Box): string;
  /** The part of the rule that `explain` names; undefined when none does. */
  field(box: Box): RuleField | undefined;
}

function addressesOf(rule: SecurityRule, c: CompiledRule, side: 'source' | 'destination'): AddressEntry[] | Unknown {
  // Each side by its name: a property read with a key that varies is a slower, generic lookup.
  return side === 'source'
    ? (c.source ??= classifiedAddresses(rule.sourceAddressPrefixes))
    : (c.destination ??= classifiedAddresses(rule.destinationAddressPrefixes));
}

function noMatches(): MatchesByKind {
  return { ip: undefined, tags: undefined, sym: undefined };
}

function matchOf(rule: SecurityRule, c: CompiledRule, side: 'source' | 'destination', kind: AddressKind, ctx: PreparedContext): AddressMatch {
  let matches = c.matches;
  if (matches === undefined || matches.ctx !== ctx) c.matches = matches = { ctx, source: noMatches(), destination: noMatches() };
  const bySide = side === 'source' ? matches.source : matches.destination;
  switch (kind) {
    case 'ip':
      return (bySide.ip ??= matchEntries(addressesOf(rule, c, side), kind, ctx));
    case 'tags':
      return (bySide.tags ??= matchEntries(addressesOf(rule, c, side), kind, ctx));
    default:
      return (bySide.sym ??= matchEntries(addressesOf(rule, c, side), kind, ctx));
  }
}

/** The region of a rule that misses the flow: one object for all, as nothing in it depends on the rule. */
const MISSES: RuleRegion = Object.freeze({ explain: () => 'the rule does not match the flow', field: () => undefined });

export function ruleRegion(rule: SecurityRule, flow: Box, ctx: PreparedContext): RuleRegion {
  return regionOf(rule, compile(rule), flow, ctx);
}

/** The rule compiled anew: the walk keeps it with the NSG's evaluation order, so it is neither looked up per flow nor kept per rule object. */
export function compileRule(rule: SecurityRule): CompiledRule {
  return compileAnew(rule);
}

/** `ruleRegion` of a rule compiled already. */
export function regionOf(rule: SecurityRule, c: CompiledRule, flow: Box, ctx: PreparedContext): RuleRegion {
  // Most rules of a big NSG miss the flow on protocol or ports: skip the address work.
  if (
    (flow.protocols & c.protocols.possible) === 0 ||
    !flow.destinationPorts.overlaps(c.destinationPorts.possible) ||
    !flow.sourcePorts.overlaps(c.sourcePorts.possible)
  )
    return MISSES;
  const src: AddressMatch = matchOf(rule, c, 'source', flow.source.kind, ctx);
  const dst: AddressMatch = matchOf(rule, c, 'destination', flow.destination.kind, ctx);
  const possible = intersectParts(flow, c.protocols.possible, src.possible, c.sourcePorts.possible, dst.possible, c.destinationPorts.possible);
  // Its addresses leave no packet of the flow: the rule misses it, as above.
  if (!possible) return MISSES;
  const certain =
    !isUnknown(rule.direction)
      ? intersectParts(possible, c.protocols.certain, src.certain, c.sourcePorts.certain, dst.certain, c.destinationPorts.certain)
      : undefined;
  return new Region(rule, c, src, dst, certain, possible);
}

/** A rule's region for one flow; why it is undecided is worked out only when asked. */
class Region implements RuleRegion {
  constructor(
    private readonly rule: SecurityRule,
    private readonly c: CompiledRule,
    private readonly src: AddressMatch,
    private readonly dst: AddressMatch,
    readonly certain: Box | undefined,
    readonly possible: Box | undefined,
  ) {}

  explain(box: Box): string {
    return this.undecided(box).reason;
  }

  field(box: Box): RuleField | undefined {
    return this.undecided(box).field;
  }

  /** The first part of the rule that leaves the match open, and why: direction, protocol, source, ports, destination. */
  private undecided(box: Box): { field?: RuleField; reason: string } {
    const { rule, c, src, dst } = this;
    if (isUnknown(rule.direction)) return { field: 'direction', reason: `its direction is unresolved (${rule.direction.reason})` };
    if (box.protocols & c.protocols.possible & ~c.protocols.certain && c.protocols.reason) return { field: 'protocol', reason: c.protocols.reason };
    const s = explainMatch(src, box.source);
    if (s) return { field: 'source', reason: s };
    if (c.sourcePorts.reason && !box.sourcePorts.intersect(c.sourcePorts.possible).subtract(c.sourcePorts.certain).isEmpty())
      return { field: 'sourcePorts', reason: c.sourcePorts.reason };
    const d = explainMatch(dst, box.destination);
    if (d) return { field: 'destination', reason: d };
    if (c.destinationPorts.reason) return { field: 'destinationPorts', reason: c.destinationPorts.reason };
    return { reason: 'the rule cannot be fully read' };
  }
}
