import { isObject, isUnknown, propKey, unknown, type Unknown, type Value } from '../core/value';
import { describeType } from './functions/args';
import { compareSymbolic, dependsOnSymbols, describeSymbolic, isSymbolic, literalPrefix } from '../core/symbolic';

/**
 * ARM `equals`, three-valued: true, false, or UNKNOWN when the answer depends on an
 * UNKNOWN part or on what a symbolic marker stands for. A definite difference anywhere
 * wins over an unknown part elsewhere (arrays of different lengths are unequal whatever
 * their items). Strings are compared case-sensitively, object keys case-insensitively.
 */
export function valuesEqual(a: Value, b: Value): boolean | Unknown {
  if (a === b) return true;
  if (isUnknown(a)) return a;
  if (isUnknown(b)) return b;
  if (typeof a === 'string' && typeof b === 'string') {
    const r = compareSymbolic(a, b);
    return r ?? dependsOnSymbols('the comparison', a, b);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    return all(a.map((x, i) => () => valuesEqual(x, b[i])));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    const pairs: Array<() => boolean | Unknown> = [];
    for (const k of ka) {
      const kb = propKey(b, k);
      if (kb === undefined) return false;
      pairs.push(() => valuesEqual(a[k], b[kb]));
    }
    return all(pairs);
  }
  return false;
}

// False if any is false; else the first UNKNOWN; else true.
function all(checks: Array<() => boolean | Unknown>): boolean | Unknown {
  let firstUnknown: Unknown | undefined;
  for (const check of checks) {
    const r = check();
    if (r === false) return false;
    if (isUnknown(r)) firstUnknown ??= r;
  }
  return firstUnknown ?? true;
}

/**
 * Ordering for less/greater: negative, zero or positive; UNKNOWN for mixed types, for
 * symbolic strings unless their literal prefixes already differ, and for strings whose
 * order differs between ordinal and case-insensitive comparison (which of the two ARM
 * uses is not documented).
 */
export function compareOrder(fn: string, a: Value, b: Value): number | Unknown {
  if (isUnknown(a)) return a;
  if (isUnknown(b)) return b;
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return 0;
    let x = a;
    let y = b;
    if (isSymbolic(a) || isSymbolic(b)) {
      x = literalPrefix(a);
      y = literalPrefix(b);
      const n = Math.min(x.length, y.length);
      if (x.slice(0, n) === y.slice(0, n)) return dependsOnSymbols(`${fn}()`, a, b);
    }
    const ordinal = x < y ? -1 : 1;
    const lx = x.toLowerCase();
    const ly = y.toLowerCase();
    const insensitive = lx === ly ? 0 : lx < ly ? -1 : 1;
    if (ordinal !== insensitive) return unknown(`${fn}(): the order of '${describeSymbolic(a)}' and '${describeSymbolic(b)}' depends on case rules ARM does not document`);
    return ordinal;
  }
  return unknown(`${fn}(): cannot compare ${describeType(a)} with ${describeType(b)}`);
}
