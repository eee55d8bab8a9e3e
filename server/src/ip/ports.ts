import {
  intersectSmall,
  intervalsContain,
  intervalsOverlap,
  normalizeSmall,
  sameIntervals,
  subtractSmall,
  unionSmall,
  type SmallInterval,
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
  // Sets are shared (see parse): no method changes `list` or its intervals once built, and
  // an operation whose result is one of its operands returns that set (see intervals.ts).
  private constructor(private readonly list: readonly SmallInterval[]) {}

  // `*` is the one set ALL and nothing the one EMPTY (see `of`): the operations below recognise them at once.
  private static readonly EMPTY: PortSet = new PortSet([]);
  private static readonly ALL: PortSet = new PortSet([[0, MAX_PORT]]);

  static empty(): PortSet {
    return PortSet.EMPTY;
  }

  /** What `*` means in a rule: 0-65535. */
  static all(): PortSet {
    return PortSet.ALL;
  }

  /**
   * The ports a packet can carry: 1-65535. Port 0 is reserved and never on the wire,
   * so a rule written `1-65535` decides the same packets as `*`.
   */
  static packetPorts(): PortSet {
    return PACKET;
  }

  static of(ranges: readonly PortRange[]): PortSet {
    const list = normalizeSmall(ranges.map((r) => [r.from, r.to] as const));
    if (list.length === 0) return PortSet.EMPTY;
    if (list.length === 1 && list[0][0] === 0 && list[0][1] === MAX_PORT) return PortSet.ALL;
    return new PortSet(list);
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
    return this.list.map(([a, b]) => ({ from: a, to: b }));
  }

  isEmpty(): boolean {
    return this.list.length === 0;
  }

  /** Every packet port (1-65535) is in the set. */
  isAll(): boolean {
    return intervalsContain(this.list, PACKET.list);
  }

  union(other: PortSet): PortSet {
    return this.made(unionSmall(this.list, other.list), other);
  }

  intersect(other: PortSet): PortSet {
    // With itself or with every port: this set, as below, without the merge.
    if (other === this || other === PortSet.ALL) return this;
    if (this === PortSet.ALL) return other;
    return this.made(intersectSmall(this.list, other.list), other);
  }

  /** Some port is in both: `!this.intersect(other).isEmpty()`, without building the intersection. */
  overlaps(other: PortSet): boolean {
    return intervalsOverlap(this.list, other.list);
  }

  subtract(other: PortSet): PortSet {
    return this.made(subtractSmall(this.list, other.list), other);
  }

  containsSet(other: PortSet): boolean {
    return intervalsContain(this.list, other.list);
  }

  /** The set of `list`: this one or `other` when it is theirs. */
  private made(list: readonly SmallInterval[], other: PortSet): PortSet {
    return list === this.list ? this : list === other.list ? other : list.length === 0 ? PortSet.EMPTY : new PortSet(list);
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

const PACKET = PortSet.of([{ from: 1, to: MAX_PORT }]);
