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
  const t = text.trim().toLowerCase();
  if (t === '*' || t === 'any') return ALL_PROTOCOLS;
  return (PROTOCOL_BITS as Record<string, number>)[t];
}

function describeProtocols(mask: number): string {
  if (mask === ALL_PROTOCOLS) return 'any protocol';
  return PROTOCOL_NAMES.filter(([bit]) => mask & bit)
    .map(([, name]) => name)
    .join('/');
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

/** The intersection, or undefined when it is certainly empty. */
export function intersectBox(a: Box, b: Box): Box | undefined {
  const protocols = a.protocols & b.protocols;
  if (protocols === 0) return undefined;
  const sourcePorts = a.sourcePorts.intersect(b.sourcePorts);
  if (sourcePorts.isEmpty()) return undefined;
  const destinationPorts = a.destinationPorts.intersect(b.destinationPorts);
  if (destinationPorts.isEmpty()) return undefined;
  const source = intersectAddresses(a.source, b.source);
  if (isEmptyAddresses(source)) return undefined;
  const destination = intersectAddresses(a.destination, b.destination);
  if (isEmptyAddresses(destination)) return undefined;
  return { protocols, source, sourcePorts, destination, destinationPorts };
}

/**
 * `a` minus `b` as disjoint boxes: exact, one box per dimension in which `b` does not
 * cover `a` (so one box when `b` cuts a single dimension, the common case).
 */
export function subtractBox(a: Box, b: Box): Box[] {
  if (!intersectBox(a, b)) return [a];
  const out: Box[] = [];
  let rest: Box = a;
  const protocols = a.protocols & ~b.protocols;
  if (protocols !== 0) out.push({ ...rest, protocols });
  rest = { ...rest, protocols: a.protocols & b.protocols };
  const dports = rest.destinationPorts.subtract(b.destinationPorts);
  if (!dports.isEmpty()) out.push({ ...rest, destinationPorts: dports });
  rest = { ...rest, destinationPorts: rest.destinationPorts.intersect(b.destinationPorts) };
  const sports = rest.sourcePorts.subtract(b.sourcePorts);
  if (!sports.isEmpty()) out.push({ ...rest, sourcePorts: sports });
  rest = { ...rest, sourcePorts: rest.sourcePorts.intersect(b.sourcePorts) };
  const src = subtractAddresses(rest.source, b.source);
  if (!isEmptyAddresses(src)) out.push({ ...rest, source: src });
  rest = { ...rest, source: intersectAddresses(rest.source, b.source) };
  const dst = subtractAddresses(rest.destination, b.destination);
  if (!isEmptyAddresses(dst)) out.push({ ...rest, destination: dst });
  return out;
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
