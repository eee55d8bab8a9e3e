import {
  intersectIntervals,
  intervalsOverlap,
  normalize,
  sameIntervals,
  subtractIntervals,
  unionIntervals,
  type Interval,
} from './intervals';

/** An inclusive port range, `from` ≤ `to`, both in 0-65535. */
export interface PortRange {
  from: number;
  to: number;
}

const MAX_PORT = 65535;

/**
 * `*`, `80`, `1000-2000`, or a comma-separated list of those (`80,443` is seen in the
 * wild in the singular `destinationPortRange`). Undefined when anything is invalid.
 */
export function parsePortRanges(text: string): PortRange[] | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const out: PortRange[] = [];
  for (const raw of s.split(',')) {
    const part = raw.trim();
    if (part === '*') {
      out.push({ from: 0, to: MAX_PORT });
      continue;
    }
    const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(part);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from > MAX_PORT || to > MAX_PORT || from > to) return undefined;
    out.push({ from, to });
  }
  return out;
}

const MAX_PARSED_PORTS = 10_000;
const parsedPorts = new Map<string, PortSet | undefined>();

/** A set of ports as merged intervals. Immutable. */
export class PortSet {
  // Sets are shared (see parse): no method changes `list` or its intervals once built.
  private constructor(private readonly list: readonly Interval[]) {}

  static empty(): PortSet {
    return new PortSet([]);
  }

  /** What `*` means in a rule: 0-65535. */
  static all(): PortSet {
    return new PortSet([[0n, BigInt(MAX_PORT)]]);
  }

  /**
   * The ports a packet can carry: 1-65535. Port 0 is reserved and never on the wire,
   * so a rule written `1-65535` decides the same packets as `*`.
   */
  static packetPorts(): PortSet {
    return new PortSet([[1n, BigInt(MAX_PORT)]]);
  }

  static of(ranges: readonly PortRange[]): PortSet {
    return new PortSet(normalize(ranges.map((r) => [BigInt(r.from), BigInt(r.to)] as const)));
  }

  static parse(text: string): PortSet | undefined {
    // Rules and flows repeat the same few port texts across NSGs and keystrokes. A set
    // never changes, so one parse per distinct text is shared (bounded, as in cidr.ts).
    const hit = parsedPorts.get(text);
    if (hit !== undefined || parsedPorts.has(text)) return hit;
    if (parsedPorts.size >= MAX_PARSED_PORTS) parsedPorts.clear();
    const ranges = parsePortRanges(text);
    const set = ranges && PortSet.of(ranges);
    parsedPorts.set(text, set);
    return set;
  }

  get ranges(): PortRange[] {
    return this.list.map(([a, b]) => ({ from: Number(a), to: Number(b) }));
  }

  isEmpty(): boolean {
    return this.list.length === 0;
  }

  /** Every packet port (1-65535) is in the set. */
  isAll(): boolean {
    return PortSet.packetPorts().subtract(this).isEmpty();
  }

  union(other: PortSet): PortSet {
    return new PortSet(unionIntervals(this.list, other.list));
  }

  intersect(other: PortSet): PortSet {
    return new PortSet(intersectIntervals(this.list, other.list));
  }

  /** Some port is in both: `!this.intersect(other).isEmpty()`, without building the intersection. */
  overlaps(other: PortSet): boolean {
    return intervalsOverlap(this.list, other.list);
  }

  subtract(other: PortSet): PortSet {
    return new PortSet(subtractIntervals(this.list, other.list));
  }

  containsSet(other: PortSet): boolean {
    return subtractIntervals(other.list, this.list).length === 0;
  }

  equals(other: PortSet): boolean {
    return sameIntervals(this.list, other.list);
  }

  /** `*` for all ports, else `80,443,454-455` (the syntax Azure's port fields take). */
  toString(): string {
    if (this.isAll()) return '*';
    return this.list.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
  }
}
