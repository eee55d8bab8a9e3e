/**
 * A set of lower-case names out of an open-ended universe (services, regions): either
 * the names listed (`only`) or every name but those (`except`). Closed under
 * intersection and difference, which is what the service tag algebra needs.
 */
export type NameSet = { readonly only: readonly string[] } | { readonly except: readonly string[] };

export const ALL_NAMES: NameSet = { except: [] };

export function onlyNames(...names: string[]): NameSet {
  return { only: [...new Set(names)] };
}

export function isEmptyNames(s: NameSet): boolean {
  return 'only' in s && s.only.length === 0;
}

export function isAllNames(s: NameSet): boolean {
  return 'except' in s && s.except.length === 0;
}

// Sets are never changed once made: where the result is an operand, the operand itself
// is returned (the service tag algebra intersects the same few sets again and again).

export function intersectNames(a: NameSet, b: NameSet): NameSet {
  if ('only' in a) return keep(a, b, true);
  if ('only' in b) return keep(b, a, true);
  return exceptBoth(a.except, b.except, a, b);
}

export function subtractNames(a: NameSet, b: NameSet): NameSet {
  if ('only' in a) return keep(a, b, false);
  // (U \ A) \ B
  if ('only' in b) return exceptBoth(a.except, b.only, a, undefined);
  // (U \ A) \ (U \ B) = B \ A; most often every name less every name (a tag's cell
  // less a wider one), which is the one empty set.
  if (b.except.length === 0) return NO_NAMES;
  const only = b.except.filter((n) => !a.except.includes(n));
  return only.length === 0 ? NO_NAMES : { only };
}

/** The names of `set` that are (`inside`) or are not in `other`: `set` itself when that is all of them. */
function keep(set: { readonly only: readonly string[] }, other: NameSet, inside: boolean): NameSet {
  const names = set.only;
  let i = 0;
  while (i < names.length && hasName(other, names[i]) === inside) i++;
  if (i === names.length) return set;
  const only = names.slice(0, i);
  for (i++; i < names.length; i++) if (hasName(other, names[i]) === inside) only.push(names[i]);
  return only.length === 0 ? NO_NAMES : { only };
}

/**
 * Every name but those of `x` and then `y`: the set `a` (of `x`) when `y` adds none, the
 * set `b` (of `y`) when `x` is empty (the names in the order they were listed either way).
 */
function exceptBoth(x: readonly string[], y: readonly string[], a: NameSet, b: NameSet | undefined): NameSet {
  if (y.every((n) => x.includes(n))) return a;
  if (b && x.length === 0) return b;
  // Every list of a NameSet holds each name once: `x`, then the names of `y` it lacks
  // (`y` itself after none), without a set and two copies for each.
  return { except: x.length === 0 ? y : [...x, ...y.filter((n) => !x.includes(n))] };
}

const NO_NAMES: NameSet = { only: [] };

export function hasName(s: NameSet, name: string): boolean {
  return 'only' in s ? s.only.includes(name) : !s.except.includes(name);
}

