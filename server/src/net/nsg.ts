import type { NetworkSecurityGroup, RuleField, SecurityRule } from '../model/types';
import type { Direction, Flow } from '../core/flow';
import { excerpt } from '../core/excerpt';
import { isSymbolicValue, isUnknown } from '../core/value';
import { defaultSecurityRules } from './defaultRules';
import { ALL_PROTOCOLS, PROTOCOL_BITS, boxWithin, certainBox, describePart, intersectBox, subtractBox, type Box } from './flowBox';
import { PortSet } from '../ip/ports';
import { compileRule, regionOf, type CompiledRule, type RuleRegion } from './ruleMatch';
import { endpointAddresses, prepareContext, type AddressContext, type PreparedContext } from './serviceTags';

export { defaultSecurityRules, effectiveRules } from './defaultRules';

export interface NsgContext extends AddressContext {}

export interface FlowVerdict {
  status: 'allowed' | 'blocked' | 'unknown';
  /**
   * allowed: the first rule that allowed part of the flow; blocked: the rule that denies
   * `blockedPart`; unknown: the rule whose uncertainty decides. The very object of the
   * NSG's `securityRules` (or of `defaultSecurityRules(direction, nsg)`).
   */
  rule?: SecurityRule;
  /** One sentence for messages and hovers. */
  reason?: string;
  /** For 'unknown': the part of `rule` whose value leaves the answer open (its access, its destination…), when one does. */
  field?: RuleField;
  /** For 'blocked': the part certainly denied, e.g. `TCP 455`. */
  blockedPart?: string;
  /** For 'blocked': the deciding rule denies the whole flow, not just `blockedPart` of it. */
  blocksAll?: boolean;
  /** For 'allowed': every rule that allows some of the flow, in evaluation order. */
  allowedBy?: SecurityRule[];
  /**
   * For 'allowed': the first rule that allows the whole flow by itself, also in `rule`.
   * An earlier rule that allows only part of the flow (a Storage rule inside a flow to
   * Internet, a port-53 rule inside intra-subnet traffic) does not decide it. Absent
   * when no rule allows all of it: then `allowedBy` decide together.
   */
  decidedBy?: SecurityRule;
}

/** Past this many pieces of remaining flow the walk gives up (answers 'unknown'). */
const MAX_PIECES = 512;

/** `'DenyAll' (priority 4096)`, for messages. */
function ruleLabel(rule: SecurityRule): string {
  const name = isUnknown(rule.name) ? 'a rule with an unresolved name' : `'${excerpt(rule.name)}'`;
  return isUnknown(rule.priority) ? name : `${name} (priority ${rule.priority})`;
}

function accessOf(rule: SecurityRule): 'Allow' | 'Deny' | undefined {
  const access = rule.access;
  // The model writes an access it could read in its one spelling: no lower-cased copy for those.
  if (access === 'Allow' || access === 'Deny') return access;
  if (isUnknown(access)) return undefined;
  const a = String(access).toLowerCase();
  return a === 'allow' ? 'Allow' : a === 'deny' ? 'Deny' : undefined;
}

function appliesTo(rule: SecurityRule, direction: Direction): boolean {
  // An unresolved direction might be either: the rule stays in, matching only perhaps.
  const d = rule.direction;
  return d === direction || isUnknown(d) || String(d).toLowerCase() === direction.toLowerCase();
}

/**
 * Is every packet of `flow` allowed by `nsg`, as Azure evaluates it (IP flow verify)?
 * 'blocked' is claimed only when some packet is certainly denied; where a rule or the
 * flow cannot be read well enough to decide, the answer is 'unknown' with the reason.
 */
export function evaluateFlow(nsg: NetworkSecurityGroup | undefined, flow: Flow, ctx: NsgContext): FlowVerdict {
  if (!nsg) return { status: 'allowed', reason: 'no NSG is attached, so everything is allowed' };
  const list = nsg.securityRules;
  // The context's record, checked against its fields once per question (see cachedContext).
  const context = cachedContext(ctx);
  if (isUnknown(list)) return evaluateUnasked(nsg, undefined, list, flow, ctx, context);
  const state = stateOf(nsg, list);
  const asked = askedOf(state, ctx, context);
  const had = asked.get(flow);
  if (had) return had;
  const verdict = evaluateUnasked(nsg, state, list, flow, ctx, context);
  asked.set(flow, verdict);
  return verdict;
}

/**
 * What the evaluator keeps of an NSG for a model: its verdicts by context and flow, its
 * evaluation order per direction, the content id of its rules. All of it depends only on
 * the rules (whose fields, like the compiled matches in ruleMatch.ts, are read-only once
 * the model is built), so it is checked against the list once per question, which a model
 * builder may still change in place, and made afresh when the list changed.
 */
interface NsgState {
  /** The NSG's `securityRules` when first asked, and its elements then. */
  list: SecurityRule[];
  rules: SecurityRule[];
  byContext: WeakMap<NsgContext, { context: CachedContext; verdicts: WeakMap<Flow, FlowVerdict> }>;
  /** Written rules of the direction in evaluation order, then the defaults. */
  orders: Partial<Record<Direction, Plan>>;
  /** The content id of the rules (see rulesId), once worked out. */
  rulesId: number | undefined;
}

const states = new WeakMap<NetworkSecurityGroup, NsgState>();

function stateOf(nsg: NetworkSecurityGroup, list: SecurityRule[]): NsgState {
  let state = states.get(nsg);
  if (!state || state.list !== list || !sameElements(state.rules, list))
    states.set(nsg, (state = { list, rules: [...list], byContext: new WeakMap(), orders: {}, rulesId: undefined }));
  return state;
}

// The verdicts of one model, by NSG, context and flow object. The rules of an analysis ask
// the same flows of an NSG more than once (a rule's check, ASE902's hints, the hovers), and
// a model's NSGs, contexts and requirement flows are read-only once built: each is walked
// once per analysis, also where nothing is kept between versions (the command line). The
// verdicts go with the model; a list changed in place, or a context whose fields changed,
// starts afresh.
function askedOf(state: NsgState, ctx: NsgContext, context: CachedContext): WeakMap<Flow, FlowVerdict> {
  let inContext = state.byContext.get(ctx);
  if (!inContext || inContext.context !== context) state.byContext.set(ctx, (inContext = { context, verdicts: new WeakMap() }));
  return inContext.verdicts;
}

/** `state` is the NSG's when its rules are known (undefined when they are not). */
function evaluateUnasked(
  nsg: NetworkSecurityGroup,
  state: NsgState | undefined,
  list: NetworkSecurityGroup['securityRules'],
  flow: Flow,
  ctx: NsgContext,
  context: CachedContext,
): FlowVerdict {
  // A verdict is kept only for a flow whose box could be made (the box depends on the
  // flow alone, which the key holds), so one read back needs no box.
  let key: number | undefined;
  if (keeping && state) {
    if (idCount > MAX_IDS || idChars > MAX_ID_CHARS) forgetKeptVerdicts();
    key = verdictKey(nsg, state, flow, ctx, context);
    const kept = keptVerdicts.get(key);
    if (kept) return materialise(kept, state.list, nsg, flow.direction);
  }
  const box = flowBox(flow);
  if (typeof box === 'string') return { status: 'unknown', reason: box };
  if (isUnknown(list)) return { status: 'unknown', reason: `the NSG's security rules are unresolved (${list.reason})` };
  // Known rules come with their state (see evaluateFlow).
  state ??= stateOf(nsg, list);
  const verdict = evaluateRules(nsg, state, flow, box, (context.prepared ??= prepareContext(ctx)));
  if (key === undefined) return verdict;
  const stored = abstracted(verdict, list, defaultSecurityRules(flow.direction, nsg));
  if (stored) {
    if (keptVerdicts.size >= MAX_KEPT_VERDICTS) forgetKeptVerdicts();
    keptVerdicts.set(key, stored);
  }
  return verdict;
}

function evaluateRules(nsg: NetworkSecurityGroup, state: NsgState, flow: Flow, box: Box, prepared: PreparedContext): FlowVerdict {
  const plan = evaluationOrder(nsg, state, flow.direction);
  if (!plan.ambiguity) return walk(plan.optimisticSteps, box, prepared);
  // The order is partly undefined. Allows as early as they can be and denies as late is
  // the most permissive order, the reverse the least: any real order lies between, so
  // when both agree, every order does.
  const best = walk(plan.optimisticSteps, box, prepared);
  const worst = walk(plan.pessimisticSteps, box, prepared);
  if (best.status === worst.status) return best.status === 'blocked' ? best : worst;
  if (worst.status === 'unknown') return worst;
  if (best.status === 'unknown') return best;
  // The order decides: the first rule whose priority is unresolved or shared leaves it open.
  const open = plan.undecided;
  return {
    status: 'unknown',
    rule: open ?? worst.rule,
    ...(open ? { field: 'priority' as const } : {}),
    reason: `${plan.ambiguity}; in one order ${best.reason}, in another ${worst.reason}`,
  };
}

function flowBox(flow: Flow): Box | string {
  const source = endpointAddresses(flow.source);
  if (isUnknown(source)) return `the flow's source is unresolved (${source.reason})`;
  const destination = endpointAddresses(flow.destination);
  if (isUnknown(destination)) return `the flow's destination is unresolved (${destination.reason})`;
  const sourcePorts = PortSet.parse(flow.sourcePorts ?? '*');
  const destinationPorts = PortSet.parse(flow.destinationPorts);
  if (!sourcePorts || !destinationPorts) return `cannot read the flow's ports`;
  const protocols = flow.protocol === '*' ? ALL_PROTOCOLS : PROTOCOL_BITS[flow.protocol.toLowerCase() as 'tcp'];
  if (!protocols) return `cannot read the flow's protocol '${flow.protocol}'`;
  return {
    protocols,
    source,
    sourcePorts: sourcePorts.intersect(PortSet.packetPorts()),
    destination,
    destinationPorts: destinationPorts.intersect(PortSet.packetPorts()),
  };
}

interface Orderings {
  optimistic: SecurityRule[];
  pessimistic: SecurityRule[];
  /** Why the order is not fully defined, when it is not. */
  ambiguity?: string;
  /** The first rule whose priority is unresolved, when one is. */
  undecided?: SecurityRule;
}

interface CachedContext {
  spaces: NsgContext['vnetAddressSpaces'];
  /** The elements of `spaces` when it was cached (an array may change in place). */
  elements: unknown[] | undefined;
  subnets: NsgContext['vnetSubnetPrefixes'];
  subnetElements: unknown[] | undefined;
  udr: boolean | undefined;
  /** Made on first use: a verdict read back needs only the id. */
  prepared?: PreparedContext;
  id?: number;
}

// One prepared context and one content id per context object while its fields stay the
// same, so the matches ruleMatch.ts keeps per prepared context serve every flow of the ASE.
const contexts = new WeakMap<NsgContext, CachedContext>();

function cachedContext(ctx: NsgContext): CachedContext {
  const spaces = ctx.vnetAddressSpaces;
  const cached = contexts.get(ctx);
  const subnets = ctx.vnetSubnetPrefixes;
  if (
    cached &&
    cached.spaces === spaces &&
    cached.udr === ctx.defaultRouteViaUdr &&
    (cached.elements === undefined || (Array.isArray(spaces) && sameElements(cached.elements, spaces))) &&
    cached.subnets === subnets &&
    (cached.subnetElements === undefined || (subnets !== undefined && sameElements(cached.subnetElements, subnets)))
  )
    return cached;
  const fresh: CachedContext = {
    spaces,
    elements: Array.isArray(spaces) ? [...spaces] : undefined,
    subnets,
    subnetElements: subnets ? [...subnets] : undefined,
    udr: ctx.defaultRouteViaUdr,
  };
  contexts.set(ctx, fresh);
  return fresh;
}


/** A rule as the walk reads it: its access, and the rule compiled when first reached, once per NSG rather than per flow. */
interface WalkStep {
  rule: SecurityRule;
  compiled?: CompiledRule;
  access: 'Allow' | 'Deny' | undefined;
}

interface Plan extends Orderings {
  optimisticSteps: WalkStep[];
  pessimisticSteps: WalkStep[];
}

// The rules ask some twenty flows of each ASE's NSG per analysis; sorting a few hundred
// rules for each was a quarter of the evaluator's time: the order is kept per NSG and
// direction (see NsgState).
function evaluationOrder(nsg: NetworkSecurityGroup, state: NsgState, direction: Direction): Plan {
  const cached = state.orders[direction];
  if (cached) return cached;
  const list = state.list;
  const defaults = defaultSecurityRules(direction, nsg);
  const plan = orderings(list.filter((r) => appliesTo(r, direction)));
  const optimistic = [...plan.optimistic, ...defaults];
  const optimisticSteps = optimistic.map(stepOf);
  const order: Plan = plan.ambiguity
    ? {
        optimistic,
        pessimistic: [...plan.pessimistic, ...defaults],
        optimisticSteps,
        pessimisticSteps: [...plan.pessimistic, ...defaults].map(stepOf),
        ambiguity: plan.ambiguity,
        ...(plan.undecided ? { undecided: plan.undecided } : {}),
      }
    : { optimistic, pessimistic: optimistic, optimisticSteps, pessimisticSteps: optimisticSteps };
  state.orders[direction] = order;
  return order;
}

function stepOf(rule: SecurityRule): WalkStep {
  // Every field from the start: one set on the first walk would move the step's fields out of the object.
  return { rule, compiled: undefined, access: accessOf(rule) };
}

function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The written rules in priority order; two orders when ties or unresolved priorities leave it open. */
function orderings(written: SecurityRule[]): Orderings {
  // The usual NSG writes each direction's rules in ascending priority, every one resolved
  // and its own: that is the one order, without a copy sorted.
  if (ascending(written)) return { optimistic: written, pessimistic: written };
  const known = written.filter((r) => !isUnknown(r.priority)).sort((a, b) => (a.priority as number) - (b.priority as number));
  // Every priority resolved and held by one rule: a single order.
  if (known.length === written.length && !sharesPriority(known)) return { optimistic: known, pessimistic: known };
  const unresolved = written.filter((r) => isUnknown(r.priority));
  const notes: string[] = [];
  const groups: SecurityRule[][] = [];
  for (const r of known) {
    const last = groups[groups.length - 1];
    if (last && last[0].priority === r.priority) last.push(r);
    else groups.push([r]);
  }
  for (const g of groups) {
    // Most priorities are the rule's own: a tie (and the set of its accesses) is rare.
    if (g.length === 1) continue;
    const accesses = new Set(g.map(accessOf));
    if (accesses.size > 1 || accesses.has(undefined))
      notes.push(
        `${g.map((r) => ruleLabel(r)).join(' and ')} share a priority, so their order is undefined (Azure rejects duplicate priorities)`,
      );
  }
  for (const r of unresolved)
    notes.push(`the priority of ${ruleLabel(r)} is unresolved (${(r.priority as { reason: string }).reason})`);
  // Rank within a tie: unresolved access first in both orders (it is uncertain wherever it sits).
  const rank = (favour: 'Allow' | 'Deny') => (r: SecurityRule) => {
    const a = accessOf(r);
    return a === undefined ? 0 : a === favour ? 1 : 2;
  };
  const arrange = (favour: 'Allow' | 'Deny'): SecurityRule[] => {
    const by = rank(favour);
    const first = unresolved.filter((r) => by(r) <= 1).sort((a, b) => by(a) - by(b));
    const last = unresolved.filter((r) => by(r) === 2);
    const out = first;
    for (const g of groups) {
      if (g.length === 1) out.push(g[0]);
      else out.push(...[...g].sort((a, b) => by(a) - by(b)));
    }
    out.push(...last);
    return out;
  };
  const optimistic = arrange('Allow');
  if (notes.length === 0) return { optimistic, pessimistic: optimistic };
  return { optimistic, pessimistic: arrange('Deny'), ambiguity: notes.join('; '), ...(unresolved[0] ? { undecided: unresolved[0] } : {}) };
}

/** Whether every priority is a number above the one before it. */
function ascending(rules: SecurityRule[]): boolean {
  let last = -Infinity;
  for (let i = 0; i < rules.length; i++) {
    const p = rules[i].priority;
    if (typeof p !== 'number' || !(p > last)) return false;
    last = p;
  }
  return true;
}

/** Whether two neighbours of a list sorted by priority share one. */
function sharesPriority(sorted: SecurityRule[]): boolean {
  for (let i = 1; i < sorted.length; i++) if (sorted[i].priority === sorted[i - 1].priority) return true;
  return false;
}

/** A piece of the flow that an earlier rule may or may not have allowed. */
interface Doubtful {
  box: Box;
  /** Why: the uncertain rule and the piece it may or may not match. */
  cause: Cause;
  /** The uncertain rule was a Deny: a later certain Deny denies these packets either way. */
  denyIfMatched: boolean;
}

/**
 * Why a piece is doubtful, in words made only when a verdict says them: most doubtful
 * pieces are decided by a later rule, and their sentence (the part, the rule's open
 * field) is never read.
 */
class Cause {
  private said?: { reason: string; field?: RuleField };

  constructor(
    readonly rule: SecurityRule,
    private readonly region: RuleRegion,
    private readonly piece: Box,
    private readonly flow: Box,
  ) {}

  get reason(): string {
    return this.words().reason;
  }

  get field(): RuleField | undefined {
    return this.words().field;
  }

  private words(): { reason: string; field?: RuleField } {
    return (this.said ??= {
      reason: `${ruleLabel(this.rule)} may or may not match ${describePart(this.piece, this.flow)}: ${this.region.explain(this.piece)}`,
      field: this.region.field(this.piece),
    });
  }
}

function walk(order: WalkStep[], flow: Box, ctx: PreparedContext): FlowVerdict {
  // `sure`: pieces certainly undecided so far; `doubtful`: pieces an uncertain rule may
  // have decided already; `doubt`: the first reason the answer cannot be 'allowed'.
  let sure: Box[] = [flow];
  let doubtful: Doubtful[] = [];
  let doubt: { rule: SecurityRule; reason: string; field?: RuleField } | undefined;
  const allowedBy: SecurityRule[] = [];
  let whole: SecurityRule | undefined;
  const noteAllowed = (rule: SecurityRule, part: Box | undefined, certain: Box | undefined) => {
    if (!part || !certainBox(part)) return;
    if (!allowedBy.includes(rule)) allowedBy.push(rule);
    if (!whole && certain && certainBox(certain) && boxWithin(flow, certain)) whole = rule;
  };

  // Indexed loops: an iterator makes an object per step wherever the walk is not optimised yet.
  for (let n = 0; n < order.length; n++) {
    const next = order[n];
    if (sure.length === 0 && doubtful.length === 0) break;
    const { rule, access } = next;
    const region = regionOf(rule, (next.compiled ??= compileRule(rule)), flow, ctx);
    const possible = region.possible;
    if (!possible) continue;
    const certain = region.certain;
    const nextSure: Box[] = [];
    const nextDoubtful: Doubtful[] = [];

    for (let i = 0; i < sure.length; i++) {
      const piece = sure[i];
      const hit = intersectBox(piece, possible);
      if (!hit) {
        nextSure.push(piece);
        continue;
      }
      const decided = certain && intersectBox(hit, certain);
      if (access === 'Deny' && decided && certainBox(decided))
        return blocked(rule, describePart(decided, flow), allowedBy, undefined, boxWithin(flow, decided));
      nextSure.push(...subtractBox(piece, possible));
      if (access === 'Allow') noteAllowed(rule, decided, certain);
      else if (access === 'Deny') doubt ??= withField({ rule, reason: `${ruleLabel(rule)} may deny ${describePart(hit, flow)}: ${region.explain(hit)}` }, region.field(hit));
      else
        doubt ??= {
          rule,
          field: 'access',
          reason: `the access of ${ruleLabel(rule)} is unresolved (${(rule.access as { reason?: string }).reason ?? String(rule.access)})`,
        };
      const undecided = certain ? subtractBox(hit, certain) : [hit];
      for (let k = 0; k < undecided.length; k++) nextDoubtful.push({ box: undecided[k], cause: new Cause(rule, region, undecided[k], flow), denyIfMatched: access === 'Deny' });
    }

    for (let i = 0; i < doubtful.length; i++) {
      const d = doubtful[i];
      const hit = intersectBox(d.box, possible);
      if (!hit) {
        nextDoubtful.push(d);
        continue;
      }
      const decided = certain && intersectBox(hit, certain);
      if (access === 'Deny' && d.denyIfMatched && decided && certainBox(decided))
        return blocked(rule, describePart(decided, flow), allowedBy, d.cause.rule, boxWithin(flow, decided));
      if (access === 'Allow') noteAllowed(rule, decided, certain);
      else doubt ??= withField({ rule: d.cause.rule, reason: `${d.cause.reason}; where it does not, ${ruleLabel(rule)} ${access === 'Deny' ? 'denies' : 'may deny'} it` }, d.cause.field);
      // `decided` packets are gone (denied or allowed, recorded above). Of the rest, what
      // this rule may allow is no longer "denied either way".
      const rest = certain ? subtractBox(d.box, certain) : [d.box];
      for (let k = 0; k < rest.length; k++) {
        const box = rest[k];
        if (access === 'Deny' || !d.denyIfMatched) {
          nextDoubtful.push({ ...d, box });
          continue;
        }
        nextDoubtful.push(...subtractBox(box, possible).map((b) => ({ ...d, box: b })));
        const touched = intersectBox(box, possible);
        if (touched) nextDoubtful.push({ ...d, box: touched, denyIfMatched: false });
      }
    }

    sure = nextSure;
    doubtful = nextDoubtful;
    if (sure.length + doubtful.length > MAX_PIECES)
      return { status: 'unknown', rule, reason: 'the rules cut the flow into too many pieces to evaluate exactly' };
  }

  if (doubt) return { status: 'unknown', ...doubt };
  if (doubtful.length > 0) return withField({ status: 'unknown', rule: doubtful[0].cause.rule, reason: doubtful[0].cause.reason }, doubtful[0].cause.field);
  if (sure.length > 0) return { status: 'unknown', reason: `no rule decides ${describePart(sure[0], flow)}` };
  const first = whole ?? allowedBy[0];
  const partly = whole ? allowedBy.filter((r) => r !== whole) : [];
  const also = partly.length > 0 ? ` (${partly.map(ruleLabel).join(', ')} ${partly.length === 1 ? 'allows' : 'allow'} part of it)` : '';
  const named = whole ? ruleLabel(whole) : allowedBy.map(ruleLabel).join(', ') || 'the rules';
  return {
    status: 'allowed',
    ...(first ? { rule: first } : {}),
    ...(whole ? { decidedBy: whole } : {}),
    reason: `allowed by ${named}${also}`,
    allowedBy,
  };
}

function withField<T extends object>(value: T, field: RuleField | undefined): T & { field?: RuleField } {
  return field ? { ...value, field } : value;
}

function blocked(
  rule: SecurityRule,
  part: string,
  allowedBy: SecurityRule[],
  earlier: SecurityRule | undefined,
  blocksAll: boolean,
): FlowVerdict {
  const unless = earlier ? ` (unless ${ruleLabel(earlier)} denies it first)` : '';
  return {
    status: 'blocked',
    rule,
    blockedPart: part,
    blocksAll,
    reason: `${ruleLabel(rule)} denies ${part}${unless}`,
    ...(allowedBy.length > 0 ? { allowedBy } : {}),
  };
}

// Verdicts by content. A verdict depends only on what the rules say (every field the walk
// reads: name, priority, direction, access, protocol, addresses and ports, with the
// reasons and symbols of unresolved values), on the flow and on the address context; not
// on where the rules are written. So NSGs that say the same thing share their verdicts,
// and so do the versions of a document while an NSG's rules stay as they were: after an
// edit elsewhere, its verdicts are read back instead of walked again. A verdict is kept
// with its rules as positions (in the written list, or among the defaults of the flow's
// direction) and made again with the asking NSG's own rule objects, which callers compare
// by identity.

interface KeptVerdict {
  status: FlowVerdict['status'];
  /** A written rule by its index in `securityRules`; a default rule as -1 - its index. */
  rule?: number;
  reason?: string;
  blockedPart?: string;
  blocksAll?: boolean;
  allowedBy?: number[];
  /** For 'allowed': the rule that allows the whole flow, by position as `rule`. */
  decidedBy?: number;
  /** For 'unknown': the part of the rule that leaves the answer open. */
  field?: RuleField;
}

// Bounds for a long session: verdicts, and the entries and characters of the tables of
// content ids below (the snapshots of rules have their own). Past any of them everything
// goes, and the analyses that follow keep afresh (an NSG's rules change with each edit of
// them, so old contents pile up).
const MAX_KEPT_VERDICTS = 20_000;
const MAX_IDS = 200_000;
const MAX_ID_CHARS = 8 * 1024 * 1024;
const keptVerdicts = new Map<number, KeptVerdict>();

// Keeping costs a full analysis a few percent more CPU (the copies of the rules, the ids,
// and the kept verdicts the collector moves): worth it where the next version comes (the
// editor), not for a run that analyses each file once (the command line turns it off).
let keeping = true;

/** Whether verdicts are kept by content (on by default); off, each is walked as asked and nothing is kept. */
export function keepVerdicts(on: boolean): void {
  keeping = on;
  if (!on) forgetKeptVerdicts();
}

/** How many verdicts are kept (a test checks that a kind of verdict is kept at all). */
export function keptVerdictCount(): number {
  return keptVerdicts.size;
}

/** Forgets every kept verdict (a test compares analyses with and without them). */
export function forgetKeptVerdicts(): void {
  keptVerdicts.clear();
  forgetSnapshots();
  clearIds();
}

function verdictKey(nsg: NetworkSecurityGroup, state: NsgState, flow: Flow, ctx: NsgContext, context: CachedContext): number {
  // The fields of the context the evaluator reads (see prepareContext).
  context.id ??= step(step(step(CONTEXTS, valueId(ctx.vnetAddressSpaces)), valueId(ctx.vnetSubnetPrefixes)), ctx.defaultRouteViaUdr ? ID_TRUE : ID_FALSE).id;
  return step(step(step(VERDICTS, (state.rulesId ??= rulesId(nsg, state.list))), flowId(flow)), context.id).id;
}

// Content ids. A verdict is kept under one number made of three: the id of its NSG's
// rules (below), of its flow and of its context. A flow or a context gets its id from the
// values in it (a flow's endpoint from what the evaluator reads of it): a string or a
// number by a table of them; a list, an object, an unresolved value by the sequence of
// its kind and its parts' ids, in a tree of such sequences where
// each node is one sequence (its id) and its children the sequences one id longer. V8
// hashes a string once and a small integer costs nothing to hash, where the content as
// text cost building and hashing it for every question. Ids come from one counter and
// are never reused: after the tables are cleared, an id still held (by an NSG or a
// context) stands for the same content as before, and only misses.
interface Sequence {
  id: number;
  /**
   * The first sequence one id longer, and that id, held inline: most sequences are
   * followed by one other only (a flow's parts, a list's entries), and a Map for each
   * cost a full analysis thousands of Maps the next version reads back.
   */
  firstId: number;
  first: Sequence | undefined;
  /** The others, when there are. */
  next: Map<number, Sequence> | undefined;
}

/** A new sequence, with every field set, so that all have one shape. */
function sequence(): Sequence {
  return { id: nextId++, firstId: -1, first: undefined, next: undefined };
}

const ID_UNDEFINED = 0;
const ID_NULL = 1;
const ID_TRUE = 2;
const ID_FALSE = 3;
let nextId = 4;
const textIds = new Map<string, number>();
const numberIds = new Map<number, number>();
/** The roots of the sequences, one per kind. */
let LISTS: Sequence;
let OBJECTS: Sequence;
let SYMBOLS: Sequence;
let UNKNOWNS: Sequence;
let FLOWS: Sequence;
let TAG_ENDPOINTS: Sequence;
let PREFIX_ENDPOINTS: Sequence;
let CONTEXTS: Sequence;
let VERDICTS: Sequence;
/** Entries and characters held by the tables, checked against the bounds between two questions. */
let idCount = 0;
let idChars = 0;

function clearIds(): void {
  textIds.clear();
  numberIds.clear();
  LISTS = sequence();
  OBJECTS = sequence();
  SYMBOLS = sequence();
  UNKNOWNS = sequence();
  FLOWS = sequence();
  TAG_ENDPOINTS = sequence();
  PREFIX_ENDPOINTS = sequence();
  CONTEXTS = sequence();
  VERDICTS = sequence();
  idCount = 0;
  idChars = 0;
}
clearIds();

/** The sequence `from` followed by `id`. */
function step(from: Sequence, id: number): Sequence {
  const first = from.first;
  if (first === undefined) {
    idCount++;
    from.firstId = id;
    return (from.first = sequence());
  }
  if (from.firstId === id) return first;
  let next = from.next;
  if (!next) from.next = next = new Map();
  let to = next.get(id);
  if (!to) {
    next.set(id, (to = sequence()));
    idCount++;
  }
  return to;
}

function textId(text: string): number {
  let id = textIds.get(text);
  if (id === undefined) {
    textIds.set(text, (id = nextId++));
    idCount++;
    idChars += text.length;
  }
  return id;
}

/**
 * The id of a value the evaluator reads: any two values with the same id are the same
 * (the same strings, numbers, lists…); an UNKNOWN counts with its reason, a symbol with
 * its text and reason.
 */
function valueId(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return textId(v);
    case 'number': {
      let id = numberIds.get(v);
      if (id === undefined) {
        numberIds.set(v, (id = nextId++));
        idCount++;
      }
      return id;
    }
    case 'boolean':
      return v ? ID_TRUE : ID_FALSE;
    case 'undefined':
      return ID_UNDEFINED;
  }
  if (v === null) return ID_NULL;
  if (isSymbolicValue(v)) return step(step(SYMBOLS, textId(v.text)), textId(v.reason)).id;
  if (isUnknown(v)) return step(UNKNOWNS, textId(v.reason)).id;
  if (Array.isArray(v)) {
    let at = LISTS;
    for (let i = 0; i < v.length; i++) at = step(at, valueId(v[i]));
    return at.id;
  }
  let at = OBJECTS;
  const keys = Object.keys(v as object);
  for (let i = 0; i < keys.length; i++) at = step(step(at, textId(keys[i])), valueId((v as Record<string, unknown>)[keys[i]]));
  return at.id;
}

function flowId(flow: Flow): number {
  let at = step(FLOWS, valueId(flow.direction));
  at = step(at, valueId(flow.protocol));
  at = step(at, endpointId(flow.source));
  at = step(at, valueId(flow.sourcePorts));
  at = step(at, endpointId(flow.destination));
  return step(at, valueId(flow.destinationPorts)).id;
}

/**
 * The id of what the evaluator reads of an endpoint (see endpointAddresses): its tag, or
 * else its prefixes, each under a root of its own; an unresolved one as any value. No
 * list of the object's keys is made, as valueId would for an object.
 */
function endpointId(endpoint: Flow['source']): number {
  if (isUnknown(endpoint)) return valueId(endpoint);
  return 'tag' in endpoint ? step(TAG_ENDPOINTS, valueId(endpoint.tag)).id : step(PREFIX_ENDPOINTS, valueId(endpoint.prefixes)).id;
}

// An NSG's rules get their id by comparison, not by lookup: each distinct list of rules
// is kept as a snapshot of the fields the walk reads with an id of its own. The snapshot
// holds the fields themselves, not copies: a model is read-only once built (the rules and
// the evaluator only read it) and each rule's lists are its own, made by the model's
// builder, so they hold what they held when the id was given, and copying every list of
// every rule was a first analysis's largest cost of keeping. An NSG's rules are compared field by
// field with the snapshot its resource had in the version before (after an edit most
// NSGs say what they said), then with the snapshots of lists that start and end with the
// same rules (NSGs made by a copy loop or written twice say the same): an equal one gives
// its id, else the list is a new snapshot with a new id. Comparing costs less than
// working out an id from the content of every rule, and a first analysis pays only the
// snapshot. Bounded by MAX_SNAPSHOT_FIELDS fields and MAX_SNAPSHOT_RESOURCES resource keys
// in all; past either everything goes.
interface RulesSnapshot {
  fields: unknown[];
  id: number;
}
const FIELDS_PER_RULE = 9;
const MAX_SNAPSHOT_FIELDS = 2_000_000;
const MAX_SNAPSHOT_RESOURCES = 20_000;
/** Snapshots that share a shape (see shapeOf) at most; past it the oldest goes. */
const MAX_SAME_SHAPE = 8;
const snapshotOfResource = new Map<string, RulesSnapshot>();
const snapshotsOfShape = new Map<string, RulesSnapshot[]>();
let snapshotFields = 0;

/** The id of an NSG's rules, worked out once per NSG (and again if its list changes: see NsgState). */
function rulesId(nsg: NetworkSecurityGroup, list: SecurityRule[]): number {
  let found = snapshotOfResource.get(nsg.key);
  if (!found || !sameRules(found.fields, list)) {
    const shape = shapeOf(list);
    const alike = snapshotsOfShape.get(shape);
    found = alike?.find((s) => sameRules(s.fields, list));
    if (!found) {
      if (snapshotFields + list.length * FIELDS_PER_RULE > MAX_SNAPSHOT_FIELDS) forgetSnapshots();
      found = { fields: snapshotOf(list), id: nextId++ };
      snapshotFields += found.fields.length;
      const same = snapshotsOfShape.get(shape);
      if (!same) snapshotsOfShape.set(shape, [found]);
      else {
        if (same.length >= MAX_SAME_SHAPE) same.shift();
        same.push(found);
      }
    }
    // A renamed NSG that says the same adds a name and no fields: names are bounded too.
    if (snapshotOfResource.size >= MAX_SNAPSHOT_RESOURCES) forgetSnapshots();
    snapshotOfResource.set(nsg.key, found);
  }
  return found.id;
}

function forgetSnapshots(): void {
  snapshotOfResource.clear();
  snapshotsOfShape.clear();
  snapshotFields = 0;
}

/** What lists that may be equal share: their length, and the name and priority of their first and last rules. */
function shapeOf(list: SecurityRule[]): string {
  if (list.length === 0) return '0';
  const first = list[0];
  const last = list[list.length - 1];
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? `${typeof v}:${v}` : typeof v);
  return `${list.length}|${text(first.name)}|${text(first.priority)}|${text(last.name)}|${text(last.priority)}`;
}

function snapshotOf(list: SecurityRule[]): unknown[] {
  const out: unknown[] = new Array(list.length * FIELDS_PER_RULE);
  for (let i = 0, at = 0; i < list.length; i++, at += FIELDS_PER_RULE) {
    const r = list[i];
    out[at] = r.name;
    out[at + 1] = r.priority;
    out[at + 2] = r.direction;
    out[at + 3] = r.access;
    out[at + 4] = r.protocol;
    out[at + 5] = r.sourceAddressPrefixes;
    out[at + 6] = r.sourcePortRanges;
    out[at + 7] = r.destinationAddressPrefixes;
    out[at + 8] = r.destinationPortRanges;
  }
  return out;
}

/** Whether the rules' fields are, in snapshotOf's order, those of the snapshot. */
function sameRules(fields: unknown[], list: SecurityRule[]): boolean {
  if (fields.length !== list.length * FIELDS_PER_RULE) return false;
  for (let i = 0, at = 0; i < list.length; i++, at += FIELDS_PER_RULE) {
    const r = list[i];
    // Most fields are the same strings: compared inline before the general comparison.
    let a: unknown, b: unknown;
    if (
      ((a = fields[at]) !== (b = r.name) && !sameValue(a, b)) ||
      ((a = fields[at + 1]) !== (b = r.priority) && !sameValue(a, b)) ||
      ((a = fields[at + 2]) !== (b = r.direction) && !sameValue(a, b)) ||
      ((a = fields[at + 3]) !== (b = r.access) && !sameValue(a, b)) ||
      ((a = fields[at + 4]) !== (b = r.protocol) && !sameValue(a, b)) ||
      !sameValue(fields[at + 5], r.sourceAddressPrefixes) ||
      !sameValue(fields[at + 6], r.sourcePortRanges) ||
      !sameValue(fields[at + 7], r.destinationAddressPrefixes) ||
      !sameValue(fields[at + 8], r.destinationPortRanges)
    )
      return false;
  }
  return true;
}

/** Whether valueId gives `a` and `b` the same id. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (isSymbolicValue(a)) return isSymbolicValue(b) && a.text === b.text && a.reason === b.reason;
  if (isUnknown(a)) return isUnknown(b) && !isSymbolicValue(b) && a.reason === b.reason;
  if (isUnknown(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++)
    if (ka[i] !== kb[i] || !sameValue((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false;
  return true;
}

const KEPT_FIELDS: ReadonlySet<string> = new Set(['status', 'rule', 'reason', 'blockedPart', 'blocksAll', 'allowedBy', 'decidedBy', 'field']);

function abstracted(v: FlowVerdict, list: SecurityRule[], defaults: SecurityRule[]): KeptVerdict | undefined {
  const position = (r: SecurityRule): number | undefined => {
    const i = list.indexOf(r);
    if (i >= 0) return i;
    const d = defaults.indexOf(r);
    return d >= 0 ? -1 - d : undefined;
  };
  // A verdict that names its deciding rule as undefined (an ambiguous order where neither walk had one) is made again each time.
  if ('rule' in v && v.rule === undefined) return undefined;
  const kept: KeptVerdict = { status: v.status };
  if (v.rule) {
    const at = position(v.rule);
    if (at === undefined) return undefined;
    kept.rule = at;
  }
  if (v.allowedBy) {
    const at = v.allowedBy.map(position);
    if (at.some((i) => i === undefined)) return undefined;
    kept.allowedBy = at as number[];
  }
  if (v.decidedBy) {
    const at = position(v.decidedBy);
    if (at === undefined) return undefined;
    kept.decidedBy = at;
  }
  if ('field' in v) kept.field = v.field;
  if ('reason' in v) kept.reason = v.reason;
  if ('blockedPart' in v) kept.blockedPart = v.blockedPart;
  if ('blocksAll' in v) kept.blocksAll = v.blocksAll;
  // Only what materialise() knows how to make again: a verdict with any other field is not kept.
  for (const k in v) if (!KEPT_FIELDS.has(k)) return undefined;
  return kept;
}

/** The kept verdict with the asking NSG's rules, its fields in the order evaluateRules writes them. */
function materialise(k: KeptVerdict, list: SecurityRule[], nsg: NetworkSecurityGroup, direction: Direction): FlowVerdict {
  const rule = (i: number): SecurityRule => (i >= 0 ? list[i] : defaultSecurityRules(direction, nsg)[-1 - i]);
  const allowedBy = k.allowedBy?.map(rule);
  if (k.status === 'blocked')
    return {
      status: 'blocked',
      rule: rule(k.rule!),
      blockedPart: k.blockedPart,
      blocksAll: k.blocksAll,
      reason: k.reason,
      ...(allowedBy ? { allowedBy } : {}),
    };
  if (k.status === 'allowed')
    return {
      status: 'allowed',
      ...(k.rule !== undefined ? { rule: rule(k.rule) } : {}),
      ...(k.decidedBy !== undefined ? { decidedBy: rule(k.decidedBy) } : {}),
      reason: k.reason,
      allowedBy: allowedBy ?? [],
    };
  return {
    status: 'unknown',
    ...(k.rule !== undefined ? { rule: rule(k.rule) } : {}),
    ...('reason' in k ? { reason: k.reason } : {}),
    ...('field' in k ? { field: k.field } : {}),
  };
}
