/**
 * Sets of integers as sorted, disjoint, non-adjacent inclusive intervals. Addresses (up
 * to 2^128) are bigints; ports (up to 65535) are numbers, on which a comparison or a ±1
 * allocates nothing, where every bigint ±1n makes a new heap number. Every operation is a
 * linear merge, so nothing ever loops over individual addresses or ports.
 *
 * Lists are never changed once made, so an operation whose result is one of its
 * operands returns that operand itself: the NSG evaluator intersects and subtracts the
 * same few sets millions of times, and most of those leave one side as it was (a flow's
 * port inside a rule's `*`); returning it makes no garbage and lets the sets built on it
 * (RangeSet, PortSet, address sets, boxes) return themselves too.
 */
export type Interval = readonly [first: bigint, last: bigint];
/** An interval of small integers (ports). */
export type SmallInterval = readonly [first: number, last: number];

type Bound = bigint | number;
type Span<T extends Bound> = readonly [T, T];

/** Sorts and merges overlapping or adjacent intervals; drops inverted ones. */
export function normalize(list: readonly Interval[]): Interval[] {
  return normalizeWith(list, 1n);
}

export function normalizeSmall(list: readonly SmallInterval[]): SmallInterval[] {
  return normalizeWith(list, 1);
}

function normalizeWith<T extends Bound>(list: readonly Span<T>[], one: T): Span<T>[] {
  // One interval (a port, a prefix) is the common case: nothing to sort or merge.
  if (list.length <= 1) return list.length === 1 && list[0][0] <= list[0][1] ? [[list[0][0], list[0][1]]] : [];
  const sorted = list.filter(([a, b]) => a <= b).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const out: [T, T][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i][0];
    const b = sorted[i][1];
    const top = out[out.length - 1];
    if (top && a <= add(top[1], one)) {
      if (b > top[1]) top[1] = b;
    } else {
      out.push([a, b]);
    }
  }
  return out;
}

function add<T extends Bound>(x: T, one: T): T {
  return ((x as number) + (one as number)) as T;
}

function sub<T extends Bound>(x: T, one: T): T {
  return ((x as number) - (one as number)) as T;
}

export function unionIntervals(a: readonly Interval[], b: readonly Interval[]): readonly Interval[] {
  return unionWith(a, b, 1n);
}

export function unionSmall(a: readonly SmallInterval[], b: readonly SmallInterval[]): readonly SmallInterval[] {
  return unionWith(a, b, 1);
}

/** A linear merge of two normalised lists; `a` or `b` itself when the other adds nothing. */
function unionWith<T extends Bound>(a: readonly Span<T>[], b: readonly Span<T>[], one: T): readonly Span<T>[] {
  if (b.length === 0 || covers(a, b)) return a;
  if (a.length === 0 || covers(b, a)) return b;
  const out: [T, T][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i][0] <= b[j][0]) ? a[i++] : b[j++];
    const top = out[out.length - 1];
    if (top && next[0] <= add(top[1], one)) {
      if (next[1] > top[1]) top[1] = next[1];
    } else {
      out.push([next[0], next[1]]);
    }
  }
  // An operand that held the other all along (the union of a set and a part of it, split
  // in several intervals) is the result: returned itself, as by the shortcuts above.
  return sameIntervals(out, a) ? a : sameIntervals(out, b) ? b : out;
}

/** True when one interval of `outer` covers the whole span of `inner` (a cheap, common case of inner ⊆ outer). */
function covers<T extends Bound>(outer: readonly Span<T>[], inner: readonly Span<T>[]): boolean {
  if (outer.length !== 1 || inner.length === 0) return false;
  return outer[0][0] <= inner[0][0] && inner[inner.length - 1][1] <= outer[0][1];
}

export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): readonly Interval[] {
  return intersectWith(a, b);
}

export function intersectSmall(a: readonly SmallInterval[], b: readonly SmallInterval[]): readonly SmallInterval[] {
  return intersectWith(a, b);
}

function intersectWith<T extends Bound>(a: readonly Span<T>[], b: readonly Span<T>[]): readonly Span<T>[] {
  if (a.length === 0 || covers(b, a)) return a;
  if (b.length === 0 || covers(a, b)) return b;
  const out: Span<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = a[i][0] > b[j][0] ? a[i][0] : b[j][0];
    const hi = a[i][1] < b[j][1] ? a[i][1] : b[j][1];
    if (lo <= hi) out.push(lo === a[i][0] && hi === a[i][1] ? a[i] : lo === b[j][0] && hi === b[j][1] ? b[j] : [lo, hi]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return same(out, a) ? a : same(out, b) ? b : out;
}

export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): readonly Interval[] {
  return subtractWith(a, b, 1n);
}

export function subtractSmall(a: readonly SmallInterval[], b: readonly SmallInterval[]): readonly SmallInterval[] {
  return subtractWith(a, b, 1);
}

const NONE: readonly never[] = [];

function subtractWith<T extends Bound>(a: readonly Span<T>[], b: readonly Span<T>[], one: T): readonly Span<T>[] {
  if (a.length === 0 || b.length === 0 || b[0][0] > a[a.length - 1][1] || b[b.length - 1][1] < a[0][0]) return a;
  if (covers(b, a)) return NONE;
  const out: Span<T>[] = [];
  let j = 0;
  // Indexed loops, here and below: an iterator (`for…of`, `[first, last] = …`) makes an
  // object per step wherever the function is not optimised yet, which in an analysis that
  // calls it a few thousand times is much of the time.
  for (let i = 0; i < a.length; i++) {
    const interval = a[i];
    const first = interval[0];
    const last = interval[1];
    let lo = first;
    while (j < b.length && b[j][1] < lo) j++;
    let k = j;
    let cut = false;
    while (k < b.length && b[k][0] <= last && lo <= last) {
      cut = true;
      if (b[k][0] > lo) out.push([lo, sub(b[k][0], one)]);
      if (add(b[k][1], one) > lo) lo = add(b[k][1], one);
      k++;
    }
    if (lo <= last) out.push(cut ? [lo, last] : interval);
  }
  return same(out, a) ? a : out;
}

/** The same intervals, element for element (by identity: the merges above reuse their operands' intervals). */
function same<T extends Bound>(x: readonly Span<T>[], y: readonly Span<T>[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** True when the two (normalised) lists share an element: `intersectIntervals(a, b).length > 0` without building it. */
export function intervalsOverlap<T extends Bound>(a: readonly Span<T>[], b: readonly Span<T>[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i][1] < b[j][0]) i++;
    else if (b[j][1] < a[i][0]) j++;
    else return true;
  }
  return false;
}

/** True when every element of `inner` is in `outer` (both normalised): `subtract(inner, outer)` is empty, without building it. */
export function intervalsContain<T extends Bound>(outer: readonly Span<T>[], inner: readonly Span<T>[]): boolean {
  let j = 0;
  for (let i = 0; i < inner.length; i++) {
    const first = inner[i][0];
    const last = inner[i][1];
    // Normalised lists are disjoint and non-adjacent: one interval of `outer` must hold all of [first, last].
    while (j < outer.length && outer[j][1] < first) j++;
    if (j >= outer.length || outer[j][0] > first || outer[j][1] < last) return false;
  }
  return true;
}

/** True when [first, last] lies inside one interval of the (normalised) list. */
export function coversInterval(list: readonly Interval[], first: bigint, last: bigint): boolean {
  // Binary search: the candidate is the last interval starting at or before `first`.
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid][0] <= first) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found >= 0 && list[found][1] >= last;
}

export function sameIntervals<T extends Bound>(a: readonly Span<T>[], b: readonly Span<T>[]): boolean {
  return a.length === b.length && a.every((x, i) => x[0] === b[i][0] && x[1] === b[i][1]);
}

export function countIntervals(list: readonly Interval[]): bigint {
  let n = 0n;
  for (const [a, b] of list) n += b - a + 1n;
  return n;
}
