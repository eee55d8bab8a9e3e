import { resourceKey } from '../eval/resourceId';
import { baseOf, elementRefOr, lastName, noteAddress, noteIfUnknown, type BuildContext, type DeclaredResource, type RefSource } from './buildContext';
import { display, NSG_TYPE, ROUTE_TABLE_TYPE } from './network';
import type { NodeRef } from '../core/nodeRef';
import { canonical, nameField, stringField, numberField } from './read';
import type { Access, NetworkSecurityGroup, Route, RouteTable, RuleField, SecurityRule } from './types';
import type { Direction } from '../core/flow';
import type { Maybe } from '../core/value';
import { asBoolean, getProp, isObject, isUnknown, unknown, type Value, type ValueObject } from '../core/value';
import { isSymbolic, symbolicValue } from '../core/symbolic';

const DIRECTIONS: readonly Direction[] = ['Inbound', 'Outbound'];
const ACCESSES: readonly Access[] = ['Allow', 'Deny'];
const PROTOCOLS = ['*', 'Tcp', 'Udp', 'Icmp', 'Esp', 'Ah'] as const;
const NEXT_HOP_TYPES = ['VirtualNetworkGateway', 'VnetLocal', 'Internet', 'VirtualAppliance', 'None'] as const;

/**
 * NSGs with their rules (inline `securityRules` and `networkSecurityGroups/securityRules`
 * resources) and route tables with their routes (inline and `routeTables/routes`).
 */
export class SecurityBuilder {
  private readonly nsgs = new Map<string, NetworkSecurityGroup>();
  private readonly tables = new Map<string, RouteTable>();
  private readonly childRules: { d: DeclaredResource; rule: SecurityRule; parentKey: string | undefined }[] = [];
  private readonly childRoutes: { d: DeclaredResource; route: Route; parentKey: string | undefined }[] = [];
  /**
   * The lists of one text the rules of this build write a field with (`['*']`, `['Tcp']`…),
   * one list per text: most rules write each field singular, and thousands of rules repeat
   * a few texts. The model's lists are only read, as every value of it. A front end that
   * takes typed NSGs from an earlier build gives that build's table (`singleLists`), so the
   * rules typed now share the lists the kept ones hold, as they would in one build.
   */
  private readonly singleLists: Map<string, Maybe<string>[]>;

  constructor(
    private readonly ctx: BuildContext,
    singleLists?: Map<string, Maybe<string>[]>,
  ) {
    this.singleLists = singleLists ?? new Map();
  }

  nsg(d: DeclaredResource): NetworkSecurityGroup {
    const base = baseOf(d);
    const props = base.properties;
    const list = getProp(props, 'securityRules');
    const nsg: NetworkSecurityGroup = Object.assign(base, { securityRules: [] as Maybe<SecurityRule[]> });
    if (isUnknown(props) || isUnknown(list)) {
      const u = isUnknown(props) ? props : (list as Value);
      nsg.securityRules = u as Maybe<SecurityRule[]>;
      this.ctx.notes.add(`the security rules of NSG ${display(base.name)} could not be resolved (${(u as { reason: string }).reason})`, base.ref);
    } else if (Array.isArray(list)) {
      // Each rule's ref (a range and a path) is worked out when first asked: findings and notes need a few.
      nsg.securityRules = list.map((item) => this.rule(item, { holder: item, list, outer: base.ref }, nsg));
    }
    const rulesRef = arrayPropertyRef(this.ctx, props, 'securityRules');
    if (rulesRef) nsg.securityRulesRef = rulesRef;
    register(this.nsgs, nsg, d);
    return nsg;
  }

  /**
   * An NSG typed from the same declaration by an earlier build (see assemble.ts), taken
   * as it is. Its rules work out where they are written when first asked, through this
   * build's origins from now on: the text they are in reads the same at the same places
   * (the front end reuses it only then), so the answers are those of the earlier build,
   * whichever model asks, and no earlier build's records stay alive through it.
   */
  adoptNsg(nsg: NetworkSecurityGroup, d: DeclaredResource): NetworkSecurityGroup {
    if (!isUnknown(nsg.securityRules)) {
      for (const rule of nsg.securityRules) {
        // A rule whose properties are unresolved has its ref already.
        const at = WrittenRule.refsOf(rule);
        if (at) at.origins = this.ctx.origins;
      }
    }
    register(this.nsgs, nsg, d);
    return nsg;
  }

  /** A `networkSecurityGroups/securityRules` resource; merged into its NSG by `finish`. */
  nsgRuleResource(d: DeclaredResource): void {
    const base = baseOf(d);
    const rule = this.rule({ name: lastName(d), properties: base.properties ?? null }, base.ref, undefined, base.properties);
    if (isUnknown(base.condition)) rule.condition = base.condition;
    const parentKey = d.keyNames && d.keyNames.length >= 2 ? resourceKey(NSG_TYPE, [d.keyNames[0]]) : undefined;
    this.childRules.push({ d, rule, parentKey });
  }

  private rule(item: Value, element: NodeRef | ElementAt, nsg: NetworkSecurityGroup | undefined, propsOverride?: Value): SecurityRule {
    const p = propsOverride !== undefined ? propsOverride : getProp(item, 'properties');
    const whole = isUnknown(item) ? item : isUnknown(p) ? p : undefined;
    const name = isUnknown(item) ? item : (nameField(getProp(item, 'name'), 'rule name') ?? unknown('the rule has no name'));
    const origins = this.ctx.origins;
    if (whole) {
      const ref = 'holder' in element ? elementAt(origins, element) : element;
      const rule: SecurityRule = {
        name,
        ref,
        priority: whole,
        direction: whole,
        access: whole,
        protocol: whole,
        sourceAddressPrefixes: whole,
        sourcePortRanges: whole,
        destinationAddressPrefixes: whole,
        destinationPortRanges: whole,
      };
      if (nsg) rule.nsg = nsg;
      this.ctx.notes.add(whole.reason, ref);
      return rule;
    }
    // Every key in Azure's spelling (the usual rule): a property is its key or absent, and
    // the half of the reads that find nothing (the plural of a field written singular, the
    // application security groups) skip the search for another spelling of their key.
    const exact = spelledAsAzure(p, RULE_PROPERTIES);
    // Read once: the address lists and the note on application security groups both need them.
    const sourceAsgs = prop(p, 'sourceApplicationSecurityGroups', exact);
    const destinationAsgs = prop(p, 'destinationApplicationSecurityGroups', exact);
    const properties = p !== null && typeof p === 'object' ? p : undefined;
    const rule = new WrittenRule(
      name,
      required(numberField(prop(p, 'priority', exact), 'priority'), 'priority'),
      required(canonical(stringField(prop(p, 'direction', exact), 'direction'), DIRECTIONS, 'direction'), 'direction'),
      required(canonical(stringField(prop(p, 'access', exact), 'access'), ACCESSES, 'access'), 'access'),
      required(canonical(stringField(prop(p, 'protocol', exact), 'protocol'), PROTOCOLS, 'protocol'), 'protocol'),
      anyOf(p, exact, 'sourceAddressPrefix', 'sourceAddressPrefixes', this.singleLists, sourceAsgs),
      anyOf(p, exact, 'sourcePortRange', 'sourcePortRanges', this.singleLists),
      anyOf(p, exact, 'destinationAddressPrefix', 'destinationAddressPrefixes', this.singleLists, destinationAsgs),
      anyOf(p, exact, 'destinationPortRange', 'destinationPortRanges', this.singleLists),
      { origins, properties, element, priorityRef: null },
    );
    if (nsg) rule.nsg = nsg;
    const refs = WrittenRule.refsOf(rule)!;
    const ref = (): NodeRef => ruleRef(refs);
    this.noteIfUnknown(rule.priority, ref);
    this.noteIfUnknown(rule.direction, ref);
    this.noteIfUnknown(rule.access, ref);
    this.noteIfUnknown(rule.protocol, ref);
    this.notePorts(rule.sourcePortRanges, ref);
    this.notePorts(rule.destinationPortRanges, ref);
    this.noteAddresses(rule.sourceAddressPrefixes, ref, nsg, name);
    this.noteAddresses(rule.destinationAddressPrefixes, ref, nsg, name);
    if (usesAsg(sourceAsgs) || usesAsg(destinationAsgs)) {
      const owner = nsg ? display(nsg.name) : 'of a security rule resource';
      this.ctx.notes.add(`NSG ${owner} uses application security groups, whose addresses are known only at deployment`, ref());
    }
    return rule;
  }

  /** Notes an UNKNOWN value at the rule, whose ref is worked out only then. */
  private noteIfUnknown(v: unknown, ref: () => NodeRef): void {
    if (isUnknown(v)) noteIfUnknown(this.ctx, v, ref());
  }

  private notePorts(list: Maybe<Maybe<string>[]>, ref: () => NodeRef): void {
    if (isUnknown(list)) this.noteIfUnknown(list, ref);
    else for (let i = 0; i < list.length; i++) this.noteIfUnknown(list[i], ref);
  }

  private noteAddresses(list: Maybe<Maybe<string>[]>, ref: () => NodeRef, nsg: NetworkSecurityGroup | undefined, name: Maybe<string>): void {
    if (isUnknown(list)) {
      this.noteIfUnknown(list, ref);
      return;
    }
    // Whose address it is, spelt out only for the few that are not known (thousands of rules are).
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      if (isUnknown(v) && !isAsg(v)) noteAddress(this.ctx, v, ref(), `an address prefix of ${nsg ? `NSG ${display(nsg.name)}` : `security rule ${display(name)}`}`);
    }
  }

  routeTable(d: DeclaredResource): RouteTable {
    const { origins } = this.ctx;
    const base = baseOf(d);
    const props = base.properties;
    const list = getProp(props, 'routes');
    const bgp = getProp(props, 'disableBgpRoutePropagation');
    const table: RouteTable = Object.assign(base, {
      routes: [] as Maybe<Route[]>,
      disableBgpRoutePropagation:
        bgp === undefined || bgp === null ? undefined : (asBoolean(bgp) ?? unknown('disableBgpRoutePropagation is not a boolean')),
    });
    if (isUnknown(props) || isUnknown(list)) {
      const u = (isUnknown(props) ? props : list) as { reason: string };
      table.routes = u as Maybe<Route[]>;
      this.ctx.notes.add(`the routes of route table ${display(base.name)} could not be resolved (${u.reason})`, base.ref);
    } else if (Array.isArray(list)) {
      const arrayRef = origins.valueRef(list, base.ref);
      table.routes = list.map((item) => this.route(item, origins.elementRef(item, arrayRef), table));
    }
    const routesRef = arrayPropertyRef(this.ctx, props, 'routes');
    if (routesRef) table.routesRef = routesRef;
    const bgpRef = origins.propRefIfPresent(props, 'disableBgpRoutePropagation');
    if (bgpRef) table.disableBgpRoutePropagationRef = bgpRef;
    register(this.tables, table, d);
    return table;
  }

  /** A route table typed from the same declaration by an earlier build (see assemble.ts), taken as it is (its refs are worked out already). */
  adoptRouteTable(table: RouteTable, d: DeclaredResource): RouteTable {
    register(this.tables, table, d);
    return table;
  }

  routeResource(d: DeclaredResource): void {
    const base = baseOf(d);
    const route = this.route({ name: lastName(d), properties: base.properties ?? null }, base.ref, undefined, base.properties);
    const parentKey = d.keyNames && d.keyNames.length >= 2 ? resourceKey(ROUTE_TABLE_TYPE, [d.keyNames[0]]) : undefined;
    this.childRoutes.push({ d, route, parentKey });
  }

  private route(item: Value, ref: NodeRef, table: RouteTable | undefined, propsOverride?: Value): Route {
    const { origins } = this.ctx;
    const p = propsOverride !== undefined ? propsOverride : getProp(item, 'properties');
    const whole = isUnknown(item) ? item : isUnknown(p) ? p : undefined;
    const name = isUnknown(item) ? item : (nameField(getProp(item, 'name'), 'route name') ?? unknown('the route has no name'));
    const route: Route = whole
      ? { name, ref, addressPrefix: whole, nextHopType: whole }
      : {
          name,
          ref,
          addressPrefix: stringField(getProp(p, 'addressPrefix'), 'addressPrefix') ?? unknown('the route has no addressPrefix'),
          nextHopType:
            canonical(stringField(getProp(p, 'nextHopType'), 'nextHopType'), NEXT_HOP_TYPES, 'nextHopType') ??
            unknown('the route has no nextHopType'),
        };
    if (!whole) {
      const hopRef = origins.propRefIfPresent(p, 'nextHopType');
      if (hopRef) route.nextHopTypeRef = hopRef;
      const ip = stringField(getProp(p, 'nextHopIpAddress'), 'nextHopIpAddress');
      if (ip !== undefined) route.nextHopIpAddress = ip;
    }
    if (table) route.table = table;
    noteIfUnknown(this.ctx, route.addressPrefix, ref);
    noteIfUnknown(this.ctx, route.nextHopType, route.nextHopTypeRef ?? ref);
    return route;
  }

  /** Child rule and route resources join their NSG / route table (same name: the child resource wins). */
  finish(): void {
    for (const { rule, parentKey } of this.childRules) {
      const nsg = parentKey !== undefined ? this.nsgs.get(parentKey) : undefined;
      if (!nsg || isUnknown(nsg.securityRules)) continue;
      rule.nsg = nsg;
      nsg.securityRules = mergeNamed(nsg.securityRules, rule);
    }
    for (const { route, parentKey } of this.childRoutes) {
      const table = parentKey !== undefined ? this.tables.get(parentKey) : undefined;
      if (!table || isUnknown(table.routes)) continue;
      route.table = table;
      table.routes = mergeNamed(table.routes, route);
    }
  }
}

/**
 * The properties of a security rule whose values decide which packets it matches and what
 * it does with them, in Azure's spelling (its name, description and application security
 * groups aside).
 */
export const DECIDING_RULE_PROPERTIES: readonly string[] = [
  'priority',
  'access',
  'direction',
  'protocol',
  'sourceAddressPrefix',
  'sourceAddressPrefixes',
  'sourcePortRange',
  'sourcePortRanges',
  'destinationAddressPrefix',
  'destinationAddressPrefixes',
  'destinationPortRange',
  'destinationPortRanges',
];

/** The properties of a security rule, in Azure's spelling: no two of them differ only in case. */
const RULE_PROPERTIES: ReadonlySet<string> = new Set(['description', ...DECIDING_RULE_PROPERTIES, 'sourceApplicationSecurityGroups', 'destinationApplicationSecurityGroups']);

/**
 * Whether `p` is an object whose own keys are all in `spellings`: then `getProp(p, key)`
 * of a key in `spellings` is `p[key]` or nothing, since no other key of `p` equals it
 * ignoring case (getProp looks for one when `key` itself is absent).
 */
function spelledAsAzure(p: Value | undefined, spellings: ReadonlySet<string>): p is ValueObject {
  if (!isObject(p)) return false;
  for (const k in p) if (!spellings.has(k) && Object.prototype.hasOwnProperty.call(p, k)) return false;
  return true;
}

/** `getProp(p, key)`, read directly when `exact` (see spelledAsAzure). */
function prop(p: Value | undefined, key: string, exact: boolean): Value | undefined {
  if (!exact) return getProp(p, key);
  const o = p as ValueObject;
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** A field every rule must have: its value, or UNKNOWN saying it is missing. */
function required<T>(v: Maybe<T> | undefined, what: string): Maybe<T> {
  return v === undefined ? unknown(`the rule has no ${what}`) : v;
}

function mergeNamed<T extends { name: Maybe<string> }>(list: T[], item: T): T[] {
  if (typeof item.name === 'string') {
    const lower = item.name.toLowerCase();
    const i = list.findIndex((x) => typeof x.name === 'string' && x.name.toLowerCase() === lower);
    if (i >= 0) {
      list[i] = item;
      return list;
    }
  }
  list.push(item);
  return list;
}

const ASG_REASON = 'an application security group: its members are known only at deployment';

function isAsg(v: Value): boolean {
  return isUnknown(v) && v.reason === ASG_REASON;
}

/** A declared (not `existing`) NSG or route table, by key: the first one, or a later one with a known condition where the first's is not. */
function register<T extends { key: string; condition?: unknown }>(into: Map<string, T>, item: T, d: DeclaredResource): void {
  if (d.existing) return;
  const had = into.get(item.key);
  if (!had || (isUnknown(had.condition) && !isUnknown(item.condition))) into.set(item.key, item);
}

/** Whether a rule's `sourceApplicationSecurityGroups` or `destinationApplicationSecurityGroups` (the value) names any. */
function usesAsg(v: Value | undefined): boolean {
  return isUnknown(v) || (Array.isArray(v) && v.length > 0);
}

/**
 * Singular and plural fields merged ("any of"); each application security group (`asgs`,
 * the value of the rule's list of them, for addresses) adds an UNKNOWN entry. A list that
 * is itself unresolved makes the whole UNKNOWN.
 */
function anyOf(p: Value | undefined, exact: boolean, single: string, plural: string, lists: Map<string, Maybe<string>[]>, asgs?: Value): Maybe<Maybe<string>[]> {
  const one = prop(p, single, exact);
  const many = prop(p, plural, exact);
  // The usual rule writes one field, singular: a list of exactly one entry, shared with the rules that write the same text.
  if (one !== undefined && one !== null && (many === undefined || many === null) && !isUnknown(asgs) && !(Array.isArray(asgs) && asgs.length > 0)) {
    const entry = singleEntry(one, single);
    if (entry === undefined) return [];
    if (typeof entry !== 'string') return [entry];
    let list = lists.get(entry);
    if (!list) lists.set(entry, (list = [entry]));
    return list;
  }
  const out: Maybe<string>[] = [];
  let present = false;
  if (one !== undefined && one !== null) {
    present = true;
    const entry = singleEntry(one, single);
    if (entry !== undefined) out.push(entry);
  }
  if (many !== undefined && many !== null) {
    present = true;
    if (isUnknown(many)) return many;
    if (!Array.isArray(many)) return unknown(`${plural} is not an array`);
    // Indexed: an iterator makes an object per entry wherever this is not optimised yet.
    for (let i = 0; i < many.length; i++) {
      const v = many[i];
      if (typeof v === 'string') out.push(isSymbolic(v) ? symbolicValue(v) : v.trim());
      else if (isUnknown(v)) out.push(v);
      else if (typeof v === 'number') out.push(String(v).trim());
      else out.push(unknown(`${plural} has an entry that is not a string`));
    }
  }
  if (asgs !== undefined) {
    if (isUnknown(asgs)) {
      present = true;
      out.push(unknown(ASG_REASON));
    } else if (Array.isArray(asgs) && asgs.length > 0) {
      present = true;
      for (let i = 0; i < asgs.length; i++) out.push(unknown(ASG_REASON));
    }
  }
  if (!present) return unknown(`the rule has no ${single}`);
  return out;
}

/** The entry a singular field gives (undefined for an empty string). */
function singleEntry(one: Value, single: string): Maybe<string> | undefined {
  if (isUnknown(one)) return one;
  if (typeof one === 'string' && isSymbolic(one)) return symbolicValue(one);
  if (typeof one === 'string' || typeof one === 'number') {
    const text = String(one).trim();
    return text !== '' ? text : undefined;
  }
  return unknown(`${single} is not a string`);
}

/** The ref of an array property an edit can insert into: range on its key, path of the array (only when literal). */
function arrayPropertyRef(ctx: BuildContext, holder: Value | undefined, key: string): NodeRef | undefined {
  const list = getProp(holder, key);
  const literal = Array.isArray(list) ? ctx.origins.literalRef(list) : undefined;
  if (!literal) return undefined;
  const ref = ctx.origins.keyRef(holder, key);
  // The array may come from a variable: the path is the array's own, the range the key that uses it.
  if (ref && ref.uri === literal.uri) return { uri: ref.uri, range: ref.range, path: literal.path };
  return literal;
}

/**
 * A rule of an NSG's `securityRules`, whose ref is worked out when first asked: the rule
 * object's, else the list's (`valueRef(list, outer)`), else the NSG's.
 */
interface ElementAt {
  holder: Value;
  list: Value[];
  outer: NodeRef;
}

function elementAt(origins: RefSource, e: ElementAt): NodeRef {
  return elementRefOr(origins, e.holder, () => origins.valueRef(e.list, e.outer));
}

/** What a rule keeps to work out where it and its fields are written, when first asked. */
interface RuleRefs {
  /** The origins of the last build whose model has the rule (SecurityBuilder.adoptNsg). */
  origins: RefSource;
  /** The rule's `properties`, when they are an object. */
  readonly properties: Value | undefined;
  element: NodeRef | ElementAt;
  fieldRefs?: SecurityRule['fieldRefs'];
  /** null until asked. */
  priorityRef: NodeRef | undefined | null;
}

function ruleRef(at: RuleRefs): NodeRef {
  const e = at.element;
  return 'holder' in e ? (at.element = elementAt(at.origins, e)) : e;
}

const RULE_REFS = Symbol('rule refs');

/**
 * A rule written in the template, whose `ref`, `fieldRefs` and `priorityRef` are worked out
 * when first asked: a finding, a note, a hint or a hover needs a few, a large template has
 * thousands of rules. The getters are the class's, shared by every rule (getters defined on
 * each rule cost a property store of its own per rule and four definitions to make it), and
 * the record they read is a hidden property keyed by a symbol (not a private field: the
 * getters also run with a proxy of the rule as `this`, which a private field refuses), so
 * `Object.keys`, copies and comparisons see only the model's fields. A copy (`{ ...rule }`)
 * has the fields but not the getters: it names the refs it needs (flipFix does).
 */
class WrittenRule implements SecurityRule {
  name: Maybe<string>;
  priority: Maybe<number>;
  direction: Maybe<Direction>;
  access: Maybe<Access>;
  protocol: Maybe<string>;
  sourceAddressPrefixes: Maybe<Maybe<string>[]>;
  sourcePortRanges: Maybe<Maybe<string>[]>;
  destinationAddressPrefixes: Maybe<Maybe<string>[]>;
  destinationPortRanges: Maybe<Maybe<string>[]>;
  declare nsg?: NetworkSecurityGroup;
  declare condition?: Maybe<true>;
  declare [RULE_REFS]: RuleRefs;

  // The fields in the order of the interface, each given once (no record of them made first).
  constructor(
    name: Maybe<string>,
    priority: Maybe<number>,
    direction: Maybe<Direction>,
    access: Maybe<Access>,
    protocol: Maybe<string>,
    sourceAddressPrefixes: Maybe<Maybe<string>[]>,
    sourcePortRanges: Maybe<Maybe<string>[]>,
    destinationAddressPrefixes: Maybe<Maybe<string>[]>,
    destinationPortRanges: Maybe<Maybe<string>[]>,
    refs: RuleRefs,
  ) {
    this.name = name;
    this.priority = priority;
    this.direction = direction;
    this.access = access;
    this.protocol = protocol;
    this.sourceAddressPrefixes = sourceAddressPrefixes;
    this.sourcePortRanges = sourcePortRanges;
    this.destinationAddressPrefixes = destinationAddressPrefixes;
    this.destinationPortRanges = destinationPortRanges;
    // Not enumerable: copies (`{ ...rule }`) and deep comparisons see the model's fields only.
    Object.defineProperty(this, RULE_REFS, { value: refs });
  }

  /** The record of a written rule (undefined for any other rule: a default, an unresolved one, a copy). */
  static refsOf(rule: object): RuleRefs | undefined {
    return (rule as { [RULE_REFS]?: RuleRefs })[RULE_REFS];
  }

  get ref(): NodeRef {
    return ruleRef(this[RULE_REFS]);
  }

  get fieldRefs(): SecurityRule['fieldRefs'] {
    const at = this[RULE_REFS];
    return at.properties === undefined ? undefined : (at.fieldRefs ??= fieldRefsOf(at.origins, at.properties));
  }

  get priorityRef(): NodeRef | undefined {
    const at = this[RULE_REFS];
    if (at.properties === undefined) return undefined;
    return at.priorityRef === null ? (at.priorityRef = at.origins.propRefIfPresent(at.properties, 'priority')) : at.priorityRef;
  }
}

/** Where each part of a rule is written: the value of its property (the singular one first). */
function fieldRefsOf(origins: RefSource, p: Value | undefined): SecurityRule['fieldRefs'] {
  if (p === null || typeof p !== 'object' || isUnknown(p)) return undefined;
  const keys: Record<RuleField, string[]> = {
    priority: ['priority'],
    direction: ['direction'],
    access: ['access'],
    protocol: ['protocol'],
    source: ['sourceAddressPrefix', 'sourceAddressPrefixes', 'sourceApplicationSecurityGroups'],
    sourcePorts: ['sourcePortRange', 'sourcePortRanges'],
    destination: ['destinationAddressPrefix', 'destinationAddressPrefixes', 'destinationApplicationSecurityGroups'],
    destinationPorts: ['destinationPortRange', 'destinationPortRanges'],
  };
  const out: NonNullable<SecurityRule['fieldRefs']> = {};
  for (const [field, names] of Object.entries(keys) as [RuleField, string[]][]) {
    for (const name of names) {
      const at = getProp(p, name) === undefined ? undefined : origins.propRefIfPresent(p, name);
      if (at) {
        out[field] = at;
        break;
      }
    }
  }
  return out;
}
