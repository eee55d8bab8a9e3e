import {
  certainlyNonEmpty,
  describeAddresses,
  intersectAddresses,
  isEmptyAddresses,
  sameAddresses,
  subtractAddresses,
  type AddressSet,
} from '../ip/addressSet';
import { PortSet } from '../ip/ports';

/**
 * The protocols a rule can name, as bits. Protocols a rule cannot name (GRE, ...) are
 * matched only by `*`; they are left out, so a `*` flow means these five.
 */
export const PROTOCOL_BITS = { tcp: 1, udp: 2, icmp: 4, esp: 8, ah: 16 } as const;
export const ALL_PROTOCOLS = 31;
const PROTOCOL_NAMES: Array<[number, string]> = [
  [1, 'TCP'],
  [2, 'UDP'],
  [4, 'ICMP'],
  [8, 'ESP'],
  [16, 'AH'],
];

/** `*` → every protocol; `Tcp` (any case) → its bit; undefined when not a protocol. */
export function protocolMask(text: string): number | undefined {
  // The spellings templates use, without trimming or lower-casing (a keyed lookup by a
  // new string costs more than these comparisons, and every rule has one).
  switch (text) {
    case '*':
      return ALL_PROTOCOLS;
    case 'Tcp':
    case 'TCP':
      return PROTOCOL_BITS.tcp;
    case 'Udp':
    case 'UDP':
      return PROTOCOL_BITS.udp;
  }
  const t = text.trim().toLowerCase();
  if (t === '*' || t === 'any') return ALL_PROTOCOLS;
  // Own keys only: `constructor` or `toString` written as a protocol is no protocol.
  return Object.hasOwn(PROTOCOL_BITS, t) ? PROTOCOL_BITS[t as keyof typeof PROTOCOL_BITS] : undefined;
}

/** The words for each mask, made once (there are 32). */
const PROTOCOL_WORDS: string[] = [];

function describeProtocols(mask: number): string {
  if (mask === ALL_PROTOCOLS) return 'any protocol';
  return (PROTOCOL_WORDS[mask] ??= PROTOCOL_NAMES.filter(([bit]) => mask & bit)
    .map(([, name]) => name)
    .join('/'));
}

/**
 * A product of sets: every packet with a protocol in `protocols`, a source in `source`,
 * and so on. A flow is one box; what remains of it while walking the rules is a list of
 * disjoint boxes.
 */
export interface Box {
  protocols: number;
  source: AddressSet;
  sourcePorts: PortSet;
  destination: AddressSet;
  destinationPorts: PortSet;
}

/** The intersection, or undefined when it is certainly empty; `a` itself when `b` holds all of it. */
export function intersectBox(a: Box, b: Box): Box | undefined {
  return intersectParts(a, b.protocols, b.source, b.sourcePorts, b.destination, b.destinationPorts);
}

/** `intersectBox` with a box given by its parts (a rule's region is made without making the box it is cut by). */
export function intersectParts(a: Box, protocolsB: number, sourceB: AddressSet, sourcePortsB: PortSet, destinationB: AddressSet, destinationPortsB: PortSet): Box | undefined {
  const protocols = a.protocols & protocolsB;
  if (protocols === 0) return undefined;
  const sourcePorts = a.sourcePorts.intersect(sourcePortsB);
  if (sourcePorts.isEmpty()) return undefined;
  const destinationPorts = a.destinationPorts.intersect(destinationPortsB);
  if (destinationPorts.isEmpty()) return undefined;
  const source = intersectAddresses(a.source, sourceB);
  if (isEmptyAddresses(source)) return undefined;
  const destination = intersectAddresses(a.destination, destinationB);
  if (isEmptyAddresses(destination)) return undefined;
  // The set operations return an operand they leave whole: so does this one.
  if (protocols === a.protocols && sourcePorts === a.sourcePorts && destinationPorts === a.destinationPorts && source === a.source && destination === a.destination) return a;
  return box(protocols, source, sourcePorts, destination, destinationPorts);
}

function box(protocols: number, source: AddressSet, sourcePorts: PortSet, destination: AddressSet, destinationPorts: PortSet): Box {
  return { protocols, source, sourcePorts, destination, destinationPorts };
}

/**
 * `a` minus `b` as disjoint boxes: exact, one box per dimension in which `b` does not
 * cover `a` (so one box when `b` cuts a single dimension, the common case).
 */
export function subtractBox(a: Box, b: Box): Box[] {
  // Each dimension's intersection once: first to see whether `b` touches `a` at all, then
  // as what is left of that dimension in the pieces after it.
  const protocols = a.protocols & b.protocols;
  if (protocols === 0) return [a];
  const sourcePorts = a.sourcePorts.intersect(b.sourcePorts);
  if (sourcePorts.isEmpty()) return [a];
  const destinationPorts = a.destinationPorts.intersect(b.destinationPorts);
  if (destinationPorts.isEmpty()) return [a];
  const source = intersectAddresses(a.source, b.source);
  if (isEmptyAddresses(source)) return [a];
  if (isEmptyAddresses(intersectAddresses(a.destination, b.destination))) return [a];
  const out: Box[] = [];
  const otherProtocols = a.protocols & ~b.protocols;
  if (otherProtocols !== 0) out.push(box(otherProtocols, a.source, a.sourcePorts, a.destination, a.destinationPorts));
  const dports = a.destinationPorts.subtract(b.destinationPorts);
  if (!dports.isEmpty()) out.push(box(protocols, a.source, a.sourcePorts, a.destination, dports));
  const sports = a.sourcePorts.subtract(b.sourcePorts);
  if (!sports.isEmpty()) out.push(box(protocols, a.source, sports, a.destination, destinationPorts));
  const src = subtractAddresses(a.source, b.source);
  if (!isEmptyAddresses(src)) out.push(box(protocols, src, sourcePorts, a.destination, destinationPorts));
  const dst = subtractAddresses(a.destination, b.destination);
  if (!isEmptyAddresses(dst)) out.push(box(protocols, source, sourcePorts, dst, destinationPorts));
  return out;
}

/** Whether `b` holds every packet of `a` (and `a` has some): `subtractBox(a, b)` is empty, without making the pieces. */
export function boxWithin(a: Box, b: Box): boolean {
  if ((a.protocols & b.protocols) === 0 || (a.protocols & ~b.protocols) !== 0) return false;
  if (a.sourcePorts.isEmpty() || !b.sourcePorts.containsSet(a.sourcePorts)) return false;
  if (a.destinationPorts.isEmpty() || !b.destinationPorts.containsSet(a.destinationPorts)) return false;
  if (isEmptyAddresses(intersectAddresses(a.source, b.source)) || isEmptyAddresses(intersectAddresses(a.destination, b.destination))) return false;
  return isEmptyAddresses(subtractAddresses(a.source, b.source)) && isEmptyAddresses(subtractAddresses(a.destination, b.destination));
}

/** At least one packet for certain (see `certainlyNonEmpty` for the exception). */
export function certainBox(b: Box): boolean {
  return (
    b.protocols !== 0 &&
    !b.sourcePorts.isEmpty() &&
    !b.destinationPorts.isEmpty() &&
    certainlyNonEmpty(b.source) &&
    certainlyNonEmpty(b.destination)
  );
}

/**
 * What part of `flow` the box `part` is, in short: `TCP 455`, plus the source or
 * destination when only part of the flow's is concerned.
 */
export function describePart(part: Box, flow: Box): string {
  const ports = part.destinationPorts.toString();
  let text = `${describeProtocols(part.protocols)} ${ports === '*' ? 'all ports' : ports}`;
  if (!sameAddresses(part.source, flow.source)) text += ` from ${describeAddresses(part.source)}`;
  if (!sameAddresses(part.destination, flow.destination)) text += ` to ${describeAddresses(part.destination)}`;
  if (!part.sourcePorts.equals(flow.sourcePorts)) text += ` (source ports ${part.sourcePorts.toString()})`;
  return text;
}
