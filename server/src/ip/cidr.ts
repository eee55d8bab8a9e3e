/**
 * ip-num, for IPv6 addresses only, loaded the first time one is read: loading it runs its
 * module code (constant ranges it works out), a tenth of the command line's start, which
 * a template with IPv4 prefixes alone never needs.
 */
let ipNum: typeof import('ip-num') | undefined;
function ipv6(): typeof import('ip-num') {
  return (ipNum ??= require('ip-num') as typeof import('ip-num'));
}
import {
  coversInterval,
  countIntervals,
  intersectIntervals,
  intervalsContain,
  intervalsOverlap,
  normalize,
  sameIntervals,
  subtractIntervals,
  unionIntervals,
  type Interval,
} from './intervals';

/** A contiguous block of addresses of one IP version, as numbers (inclusive). */
export interface IpRange {
  version: 4 | 6;
  first: bigint;
  last: bigint;
}

const BITS = { 4: 32, 6: 128 } as const;

/** The largest address of a version. */
/**
 * The IPv6 prefix `high::/length` (`high` its first 16 bits, `length` at most 16) as a
 * range, e.g. v6Prefix(0xfc00, 7) for fc00::/7: what parseCidr gives, for the module
 * constants, which then need no IPv6 parser at start-up.
 */
export function v6Prefix(high: number, length: number): IpRange {
  const first = BigInt(high) << 112n;
  return { version: 6, first, last: first | ((1n << BigInt(128 - length)) - 1n) };
}

export function maxAddress(version: 4 | 6): bigint {
  return (1n << BigInt(BITS[version])) - 1n;
}

/** One address (`10.0.0.4`, `2001:db8::1`) as a number; undefined when it is not one. */
export function parseAddress(text: string): { version: 4 | 6; value: bigint } | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (s.includes(':')) {
    // ip-num accepts a zone index (`fe80::1%eth0`); Azure prefixes never carry one.
    const { Validator, IPv6 } = ipv6();
    if (s.includes('%') || !Validator.isValidIPv6String(s)[0]) return undefined;
    return { version: 6, value: new IPv6(s).getValue() };
  }
  const value = dottedQuad(s);
  return value === undefined ? undefined : { version: 4, value: BigInt(value) };
}

/**
 * Four decimal octets of 0-255 without leading zeros, as a number: exactly the dotted
 * quads ip-num accepts (its pattern `25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]` per
 * octet), read a character at a time, without its validation and objects (most of the
 * time of parsing the prefixes of a large template) or a match and its strings.
 */
function dottedQuad(s: string, end = s.length): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
      continue;
    }
    // A digit, and no other after a leading 0.
    if (c < 0x30 || c > 0x39 || (digits > 0 && octet === 0)) return undefined;
    octet = octet * 10 + (c - 0x30);
    digits++;
    if (octet > 255) return undefined;
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : undefined;
}

function split(text: string): { address: string; prefix: number | undefined } | undefined {
  const s = text.trim();
  const slash = s.indexOf('/');
  if (slash < 0) return { address: s, prefix: undefined };
  const bits = s.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(bits)) return undefined;
  return { address: s.slice(0, slash), prefix: Number(bits) };
}

/**
 * `10.0.0.0/24`, a bare address (a /32 or /128) or an IPv6 prefix, as a range.
 * Undefined for anything else: service tags, `*`, garbage. A prefix with host bits set
 * (`10.0.0.5/24`) yields its network (`10.0.0.0/24`): Azure normalises such prefixes
 * rather than rejecting them, so that is what the deployed rule matches.
 */
export function parseCidr(text: string): IpRange | undefined {
  // Templates repeat the same prefixes across rules, NSGs and subnets, and rules compare
  // them pairwise: parsing (with ip-num's validation) once per distinct text keeps that
  // linear. Bounded, and the values are frozen, so sharing them is safe.
  const hit = parsed.get(text);
  if (hit !== undefined || parsed.has(text)) return hit;
  if (parsed.size >= MAX_PARSED) parsed.clear();
  const range = parseCidrUncached(text);
  parsed.set(text, range && Object.freeze(range));
  return range;
}

const MAX_PARSED = 50_000;
const parsed = new Map<string, IpRange | undefined>();

/** Forgets the parsed prefixes (they serve every analysis until then): the next analysis parses each again. */
export function forgetParsedCidrs(): void {
  parsed.clear();
}

function parseCidrUncached(text: string): IpRange | undefined {
  // The usual text, `10.0.0.0/24` with nothing around it, read in place: the same answer
  // as below without the parts cut out of it (anything else goes the general way).
  const quick = plainV4(text);
  if (quick !== undefined) return quick || undefined;
  const parts = split(text);
  if (!parts) return undefined;
  const address = parts.address.trim();
  if (address !== '' && !address.includes(':')) {
    // IPv4, the usual prefix: its block worked out in numbers (below 2^32, exact), two bigints made in all.
    const value = dottedQuad(address);
    const prefix = parts.prefix ?? 32;
    if (value === undefined || prefix > 32) return undefined;
    const size = 2 ** (32 - prefix);
    const first = value - (value % size);
    return { version: 4, first: BigInt(first), last: BigInt(first + size - 1) };
  }
  const addr = parseAddress(parts.address);
  if (!addr) return undefined;
  const bits = BITS[addr.version];
  const prefix = parts.prefix ?? bits;
  if (prefix > bits) return undefined;
  const host = (1n << BigInt(bits - prefix)) - 1n;
  const first = addr.value & ~host & maxAddress(addr.version);
  return { version: addr.version, first, last: first | host };
}

/**
 * A dotted quad and a prefix length of one to three ASCII digits, nothing else (no
 * spaces): its range, or `false` when the length is above 32. Undefined for any other
 * text, which parseCidrUncached reads the general way.
 */
function plainV4(text: string): IpRange | false | undefined {
  const slash = text.indexOf('/');
  const n = text.length;
  if (slash <= 0 || n - slash < 2 || n - slash > 4) return undefined;
  let prefix = 0;
  for (let i = slash + 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    prefix = prefix * 10 + (c - 0x30);
  }
  // A character that trim() would take off (a space before the slash) is no digit or dot: the general way.
  const before = text.charCodeAt(slash - 1);
  const first = text.charCodeAt(0);
  if (before < 0x30 || before > 0x39 || first < 0x30 || first > 0x39) return undefined;
  // No dotted quad (an IPv6 address, say): the general way.
  const value = dottedQuad(text, slash);
  if (value === undefined) return undefined;
  if (prefix > 32) return false;
  const size = 2 ** (32 - prefix);
  const start = value - (value % size);
  return { version: 4, first: BigInt(start), last: BigInt(start + size - 1) };
}

/** The prefix length written (`/24` → 24; a bare address → 32 or 128). */
export function prefixLength(text: string): number | undefined {
  const parts = split(text);
  if (!parts) return undefined;
  const addr = parseAddress(parts.address);
  if (!addr) return undefined;
  const bits = BITS[addr.version];
  const prefix = parts.prefix ?? bits;
  return prefix > bits ? undefined : prefix;
}

/** True when the text is a prefix whose host bits are zero (what Azure stores). */
export function isCanonicalCidr(text: string): boolean {
  const parts = split(text);
  const r = parseCidr(text);
  return !!parts && !!r && parseAddress(parts.address)?.value === r.first;
}

export function contains(outer: IpRange, inner: IpRange): boolean {
  return outer.version === inner.version && outer.first <= inner.first && inner.last <= outer.last;
}

export function overlaps(a: IpRange, b: IpRange): boolean {
  return a.version === b.version && a.first <= b.last && b.first <= a.last;
}

export function size(r: IpRange): bigint {
  return r.last - r.first + 1n;
}

/** Azure keeps 5 addresses of every subnet (network, gateway, 2 DNS, broadcast). */
export function usableAddresses(r: IpRange): bigint {
  const n = size(r) - 5n;
  return n > 0n ? n : 0n;
}

export const RFC1918: readonly IpRange[] = [
  parseCidr('10.0.0.0/8')!,
  parseCidr('172.16.0.0/12')!,
  parseCidr('192.168.0.0/16')!,
];

/** Wholly inside 10/8, 172.16/12 or 192.168/16. */
export function isRfc1918(r: IpRange): boolean {
  return RFC1918.some((p) => contains(p, r));
}

/** The prefix length when the range is exactly one CIDR block, else undefined. */
export function cidrLength(r: IpRange): number | undefined {
  const n = size(r);
  if ((n & (n - 1n)) !== 0n) return undefined;
  if ((r.first & (n - 1n)) !== 0n) return undefined;
  // n is a power of two: its exponent, read without a loop of bigint shifts (each allocates).
  const bits = r.version === 4 ? Math.round(Math.log2(Number(n))) : n.toString(2).length - 1;
  return BITS[r.version] - bits;
}

export function formatAddress(version: 4 | 6, value: bigint): string {
  if (version === 4) {
    const n = Number(value);
    return `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
  }
  // RFC 5952 short form (ip-num prints every group): the longest run of two or more
  // zero groups becomes `::`.
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  if (bestAt < 0) return groups.join(':');
  return `${groups.slice(0, bestAt).join(':')}::${groups.slice(bestAt + bestLen).join(':')}`;
}

/** `10.0.0.0/24` when the range is one CIDR block, else `first-last`. */
export function formatRange(r: IpRange): string {
  const len = cidrLength(r);
  if (len !== undefined) return `${formatAddress(r.version, r.first)}/${len}`;
  return `${formatAddress(r.version, r.first)}-${formatAddress(r.version, r.last)}`;
}

/** The largest CIDR block that starts at `r.first` and stays inside `r`. */
export function leadingCidr(r: IpRange): IpRange {
  let n = 1n;
  while ((r.first & (n * 2n - 1n)) === 0n && r.first + n * 2n - 1n <= r.last && n * 2n <= maxAddress(r.version) + 1n) n *= 2n;
  return { version: r.version, first: r.first, last: r.first + n - 1n };
}

/** Addresses of one IP version as sorted, merged intervals. Immutable. */
export class RangeSet {
  private constructor(
    readonly version: 4 | 6,
    private readonly list: readonly Interval[],
  ) {}

  static empty(version: 4 | 6): RangeSet {
    return new RangeSet(version, []);
  }

  static full(version: 4 | 6): RangeSet {
    return new RangeSet(version, [[0n, maxAddress(version)]]);
  }

  /** The ranges of `version` among `ranges` (others are ignored). */
  static of(version: 4 | 6, ranges: readonly IpRange[]): RangeSet {
    return new RangeSet(
      version,
      normalize(ranges.filter((r) => r.version === version).map((r) => [r.first, r.last] as const)),
    );
  }

  /** Parses CIDR texts; undefined when one of them is not a prefix. */
  static parse(version: 4 | 6, texts: readonly string[]): RangeSet | undefined {
    const ranges: IpRange[] = [];
    for (const t of texts) {
      const r = parseCidr(t);
      if (!r) return undefined;
      ranges.push(r);
    }
    return RangeSet.of(version, ranges);
  }

  get ranges(): IpRange[] {
    return this.list.map(([first, last]) => ({ version: this.version, first, last }));
  }

  isEmpty(): boolean {
    return this.list.length === 0;
  }

  isFull(): boolean {
    return this.list.length === 1 && this.list[0][0] === 0n && this.list[0][1] === maxAddress(this.version);
  }

  // An operation whose result is one of its operands returns that set (see intervals.ts).
  union(other: RangeSet): RangeSet {
    this.check(other);
    return this.made(unionIntervals(this.list, other.list), other);
  }

  intersect(other: RangeSet): RangeSet {
    this.check(other);
    return this.made(intersectIntervals(this.list, other.list), other);
  }

  subtract(other: RangeSet): RangeSet {
    this.check(other);
    return this.made(subtractIntervals(this.list, other.list), other);
  }

  private made(list: readonly Interval[], other: RangeSet): RangeSet {
    return list === this.list ? this : list === other.list ? other : new RangeSet(this.version, list);
  }

  containsRange(r: IpRange): boolean {
    return r.version === this.version && coversInterval(this.list, r.first, r.last);
  }

  /** True when every address of `other` is in this set. */
  containsSet(other: RangeSet): boolean {
    this.check(other);
    return intervalsContain(this.list, other.list);
  }

  overlapsRange(r: IpRange): boolean {
    return r.version === this.version && intervalsOverlap(this.list, [[r.first, r.last]]);
  }

  equals(other: RangeSet): boolean {
    return this.version === other.version && sameIntervals(this.list, other.list);
  }

  size(): bigint {
    return countIntervals(this.list);
  }

  /** Each interval as a CIDR or `first-last`, comma-separated. */
  toString(): string {
    return this.ranges.map(formatRange).join(', ');
  }

  private check(other: RangeSet): void {
    if (other.version !== this.version) throw new Error(`RangeSet: IPv${this.version} mixed with IPv${other.version}`);
  }
}
