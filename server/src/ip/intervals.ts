/**
 * Sets of integers as sorted, disjoint, non-adjacent inclusive intervals of bigint.
 * Addresses (up to 2^128) and ports share this one implementation; every operation is
 * a linear merge, so nothing ever loops over individual addresses or ports.
 */
export type Interval = readonly [first: bigint, last: bigint];

/** Sorts and merges overlapping or adjacent intervals; drops inverted ones. */
export function normalize(list: readonly Interval[]): Interval[] {
  // One interval (a port, a prefix) is the common case: nothing to sort or merge.
  if (list.length <= 1) return list.length === 1 && list[0][0] <= list[0][1] ? [[list[0][0], list[0][1]]] : [];
  const sorted = list.filter(([a, b]) => a <= b).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [a, b] of sorted) {
    const top = out[out.length - 1];
    if (top && a <= top[1] + 1n) {
      if (b > top[1]) top[1] = b;
    } else {
      out.push([a, b]);
    }
  }
  return out;
}

export function unionIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  return normalize([...a, ...b]);
}

export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = a[i][0] > b[j][0] ? a[i][0] : b[j][0];
    const hi = a[i][1] < b[j][1] ? a[i][1] : b[j][1];
    if (lo <= hi) out.push([lo, hi]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const [first, last] of a) {
    let lo = first;
    while (j < b.length && b[j][1] < lo) j++;
    let k = j;
    while (k < b.length && b[k][0] <= last && lo <= last) {
      if (b[k][0] > lo) out.push([lo, b[k][0] - 1n]);
      if (b[k][1] + 1n > lo) lo = b[k][1] + 1n;
      k++;
    }
    if (lo <= last) out.push([lo, last]);
  }
  return out;
}

/** True when the two (normalised) lists share an element: `intersectIntervals(a, b).length > 0` without building it. */
export function intervalsOverlap(a: readonly Interval[], b: readonly Interval[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i][1] < b[j][0]) i++;
    else if (b[j][1] < a[i][0]) j++;
    else return true;
  }
  return false;
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

export function sameIntervals(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.length === b.length && a.every((x, i) => x[0] === b[i][0] && x[1] === b[i][1]);
}

export function countIntervals(list: readonly Interval[]): bigint {
  let n = 0n;
  for (const [a, b] of list) n += b - a + 1n;
  return n;
}
