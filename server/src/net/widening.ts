import type { NetworkSecurityGroup, SecurityRule } from '../model/types';
import type { Direction } from '../core/flow';
import { isSymbolicValue, isUnknown } from '../core/value';
import { allOf, emptyOf, type AddressSet, type IpSet, type SymSet } from '../ip/addressSet';
import { ALL_PROTOCOLS, PROTOCOL_BITS, describePart, intersectBox, subtractBox, type Box } from './flowBox';
import { effectiveRules } from './defaultRules';
import type { NsgContext } from './nsg';
import type { Flow } from '../core/flow';
import { PortSet } from '../ip/ports';
import { ruleRegion } from './ruleMatch';
import { classifyAddress, matchEntries, prepareContext, type AddressEntry, type PreparedContext } from './serviceTags';
import { type Endpoint } from '../core/flow';

/**
 * A subnet an NSG guards: the context its tags are read in, and its addresses (undefined:
 * not known, so anything); a SymSet when its prefixes are known only at deployment.
 */
export interface GuardedSubnet {
  ctx: NsgContext;
  addresses?: IpSet | SymSet;
}

/**
 * What `rule` may let through in `subnet` beyond the flows `purpose` and what `alsoAllowed`
 * (the rule's earlier version) already matched, in words; undefined when it stays within
 * them.
 *
 * Every packet the rule may match is counted (its `possible` region, so an unresolved
 * field counts as anything), restricted to the packets an NSG on that subnet sees: the
 * destination inside the subnet for inbound rules, the source for outbound ones. A side
 * given by a service tag cannot be compared with addresses, so each side is looked at
 * both as addresses and as tags (the two ways the evaluator reads flows): the rule must
 * stay within the purpose both ways. An unresolved side of the purpose allows nothing.
 */
export function admittedBeyond(rule: SecurityRule, purpose: readonly Flow[], alsoAllowed: SecurityRule | undefined, subnet: GuardedSubnet): string | undefined {
  // A prefix known only at deployment stands for its own addresses, wherever they are:
  // the rule and the purpose naming the same one name the same addresses (see
  // PreparedContext.exactSymbols), which are looked at apart, as the `sym` kind.
  const prepared = prepareContext(subnet.ctx, true);
  const symbolic = subnet.addresses?.kind === 'sym' || namesSymbols(rule) || (alsoAllowed !== undefined && namesSymbols(alsoAllowed)) || purpose.some(flowNamesSymbols);
  const guardedKinds: AddressSet['kind'][] = subnet.addresses ? [subnet.addresses.kind] : symbolic ? ['ip', 'sym'] : ['ip'];
  const otherKinds: AddressSet['kind'][] = symbolic ? ['ip', 'tags', 'sym'] : ['ip', 'tags'];
  const guardedSide = (kind: AddressSet['kind']): AddressSet => (subnet.addresses && subnet.addresses.kind === kind ? subnet.addresses : allOf(kind));
  for (const direction of directionsOf(rule)) {
    const kinds: Array<[AddressSet['kind'], AddressSet['kind']]> = [];
    for (const g of guardedKinds) for (const o of otherKinds) kinds.push(direction === 'Inbound' ? [o, g] : [g, o]);
    const flows = purpose.filter((f) => f.direction === direction);
    for (const [sourceKind, destinationKind] of kinds) {
      const universe: Box = {
        protocols: ALL_PROTOCOLS,
        source: direction === 'Outbound' ? guardedSide(sourceKind) : allOf(sourceKind),
        sourcePorts: PortSet.packetPorts(),
        destination: direction === 'Inbound' ? guardedSide(destinationKind) : allOf(destinationKind),
        destinationPorts: PortSet.packetPorts(),
      };
      const region = ruleRegion(rule, universe, prepared).possible;
      if (!region) continue;
      let rest: Box[] = [region];
      try {
        for (const f of flows) {
          const box = flowBoxIn(f, universe, prepared);
          if (box) rest = rest.flatMap((b) => subtractBox(b, box));
        }
        const earlier = alsoAllowed && ruleRegion(alsoAllowed, universe, prepared).possible;
        if (earlier) rest = rest.flatMap((b) => subtractBox(b, earlier));
      } catch {
        // Sets that cannot be subtracted exactly (every unmodelled tag less some): count the whole region.
        rest = [region];
      }
      // Said against every address, so the guarded subnet is named when it is one of several.
      const whole: Box = { ...universe, source: allOf(sourceKind), destination: allOf(destinationKind) };
      if (rest.length > 0) return `${direction.toLowerCase()} ${describePart(rest[0], whole)}`;
    }
  }
  return undefined;
}

function directionsOf(rule: SecurityRule): Direction[] {
  const d = rule.direction;
  if (!isUnknown(d)) {
    const l = String(d).toLowerCase();
    if (l === 'inbound') return ['Inbound'];
    if (l === 'outbound') return ['Outbound'];
  }
  return ['Inbound', 'Outbound'];
}

/** A flow of the purpose as a box of `universe`: every address its sides may stand for there. */
function flowBoxIn(flow: Flow, universe: Box, ctx: PreparedContext): Box | undefined {
  const protocols = flow.protocol === '*' ? ALL_PROTOCOLS : PROTOCOL_BITS[flow.protocol.toLowerCase() as keyof typeof PROTOCOL_BITS];
  const sourcePorts = PortSet.parse(flow.sourcePorts ?? '*');
  const destinationPorts = PortSet.parse(flow.destinationPorts);
  if (protocols === undefined || !sourcePorts || !destinationPorts) return undefined;
  return intersectBox(universe, {
    protocols,
    source: sideIn(flow.source, universe.source.kind, ctx),
    sourcePorts,
    destination: sideIn(flow.destination, universe.destination.kind, ctx),
    destinationPorts,
  });
}

function sideIn(endpoint: Endpoint, kind: AddressSet['kind'], ctx: PreparedContext): AddressSet {
  if (isUnknown(endpoint) && !isSymbolicValue(endpoint)) return emptyOf(kind);
  const texts = isSymbolicValue(endpoint) ? [endpoint] : 'tag' in endpoint ? [endpoint.tag] : endpoint.prefixes;
  const entries: AddressEntry[] = [];
  for (const t of texts) {
    const e = classifyAddress(t);
    if (e.kind !== 'unknown') entries.push(e);
  }
  return entries.length === 0 ? emptyOf(kind) : matchEntries(entries, kind, ctx).possible;
}

function namesSymbols(rule: SecurityRule): boolean {
  return [rule.sourceAddressPrefixes, rule.destinationAddressPrefixes].some((list) => !isUnknown(list) && list.some(isSymbolicValue));
}

function flowNamesSymbols(flow: Flow): boolean {
  return [flow.source, flow.destination].some((e) => isSymbolicValue(e) || (!isUnknown(e) && 'prefixes' in e && e.prefixes.some(isSymbolicValue)));
}

/** Past this many boxes the comparison gives up and counts the change as widening. */
const MAX_BOXES = 4000;

/**
 * What an NSG may admit for a subnet after a change beyond what it admitted before and
 * beyond `purpose`, in words; undefined when nothing. Both versions are read for the
 * subnet as it is after the change (`afterSubnet`), each in its own context (the VNet's
 * space, the subnet's routes). The whole NSG is compared — its
 * rules in Azure's order with the defaults — each version in its own subnet's context,
 * so a change that rewrites no rule but changes what a tag means is caught: a 0.0.0.0/0
 * route folds every address into `VirtualNetwork`, and the default AllowVnetInBound then
 * admits the internet. In both versions an allow rule counts with every packet it may
 * match and a deny rule only with those it surely matches: what an undecided rule may
 * have admitted before is not new (as for a rewritten rule, see `admittedBeyond`).
 */
export function nsgAdmitsBeyond(
  before: NetworkSecurityGroup | undefined,
  beforeContext: NsgContext,
  after: NetworkSecurityGroup,
  afterSubnet: GuardedSubnet,
  purpose: readonly Flow[],
): string | undefined {
  const was = prepareContext(beforeContext, true);
  const now = prepareContext(afterSubnet.ctx, true);
  const guarded = afterSubnet.addresses?.kind === 'sym' ? 'sym' : 'ip';
  for (const direction of ['Inbound', 'Outbound'] as Direction[]) {
    for (const other of ['ip', 'tags'] as AddressSet['kind'][]) {
      const side = (kind: AddressSet['kind'], subnet: GuardedSubnet): AddressSet => (subnet.addresses && subnet.addresses.kind === kind ? subnet.addresses : allOf(kind));
      const universe = (subnet: GuardedSubnet): Box => ({
        protocols: ALL_PROTOCOLS,
        source: direction === 'Outbound' ? side(guarded, subnet) : allOf(other),
        sourcePorts: PortSet.packetPorts(),
        destination: direction === 'Inbound' ? side(guarded, subnet) : allOf(other),
        destinationPorts: PortSet.packetPorts(),
      });
      // The subnet as it is now on both sides: a subnet the change widens is judged by its findings, not as new traffic.
      const afterUniverse = universe(afterSubnet);
      let rest = admitted(after, direction, afterUniverse, now);
      if (!rest) return `${direction.toLowerCase()} traffic the change makes too complex to compare`;
      const earlier = admitted(before, direction, afterUniverse, was);
      if (!earlier) return `${direction.toLowerCase()} traffic the change makes too complex to compare`;
      try {
        for (const b of earlier) rest = rest.flatMap((r) => subtractBox(r, b));
        for (const f of purpose.filter((p) => p.direction === direction)) {
          const box = flowBoxIn(f, afterUniverse, now);
          if (box) rest = rest.flatMap((r) => subtractBox(r, box));
        }
      } catch {
        // Sets that cannot be subtracted exactly: what is left is not known to be covered.
      }
      if (rest.length > 0) return `${direction.toLowerCase()} ${describeNew(rest[0], afterUniverse, direction)}`;
    }
  }
  return undefined;
}

/** A part of what is newly admitted, in words (service tags are named as far as they can be told apart). */
function describeNew(part: Box, universe: Box, direction: Direction): string {
  try {
    return describePart(part, { ...universe, source: allOf(universe.source.kind), destination: allOf(universe.destination.kind) });
  } catch {
    const ports = part.destinationPorts.toString();
    return `traffic on ${ports === '*' ? 'all ports' : `ports ${ports}`} ${direction === 'Inbound' ? 'from sources' : 'to destinations'} it did not admit before`;
  }
}

/**
 * The packets of `universe` the NSG may let through in one direction, as disjoint boxes
 * (allow rules by what they may match, deny rules by what they surely match). Without an
 * NSG everything passes. Undefined past MAX_BOXES.
 */
function admitted(nsg: NetworkSecurityGroup | undefined, direction: Direction, universe: Box, ctx: PreparedContext): Box[] | undefined {
  if (!nsg) return [universe];
  const out: Box[] = [];
  let open: Box[] = [universe];
  for (const rule of effectiveRules(nsg, direction).rules) {
    if (open.length === 0) break;
    const region = ruleRegion(rule, universe, ctx);
    const access = isUnknown(rule.access) ? undefined : String(rule.access).toLowerCase();
    const allowBox = access !== 'deny' ? region.possible : undefined;
    const denyBox = access === 'deny' ? region.certain : undefined;
    try {
      if (allowBox) {
        for (const o of open) {
          const part = intersectBox(o, allowBox);
          if (part) out.push(part);
        }
        open = open.flatMap((o) => subtractBox(o, allowBox));
      }
      if (denyBox) open = open.flatMap((o) => subtractBox(o, denyBox));
    } catch {
      return undefined;
    }
    if (open.length + out.length > MAX_BOXES) return undefined;
  }
  return out;
}
