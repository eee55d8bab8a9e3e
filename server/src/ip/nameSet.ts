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
  if ('only' in a) return kept(a, a.only.filter((n) => hasName(b, n)));
  if ('only' in b) return kept(b, b.only.filter((n) => hasName(a, n)));
  if (b.except.length === 0) return a;
  if (a.except.length === 0) return b;
  return { except: [...new Set([...a.except, ...b.except])] };
}

export function subtractNames(a: NameSet, b: NameSet): NameSet {
  if ('only' in a) return kept(a, a.only.filter((n) => !hasName(b, n)));
  // (U \ A) \ B
  if ('only' in b) return b.only.length === 0 ? a : { except: [...new Set([...a.except, ...b.only])] };
  // (U \ A) \ (U \ B) = B \ A
  return { only: b.except.filter((n) => !a.except.includes(n)) };
}

/** `set` when `only` (a filter of its names) kept all of them, else a set of `only`. */
function kept(set: { readonly only: readonly string[] }, only: string[]): NameSet {
  return only.length === set.only.length ? set : only.length === 0 ? NO_NAMES : { only };
}

const NO_NAMES: NameSet = { only: [] };

export function hasName(s: NameSet, name: string): boolean {
  return 'only' in s ? s.only.includes(name) : !s.except.includes(name);
}

