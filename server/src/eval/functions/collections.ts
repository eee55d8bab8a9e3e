import { isObject, isUnknown, propKey, unknown, type Unknown, type Value, type ValueObject } from '../../core/value';
import { valuesEqual } from '../compare';
import { callSymbol, dependsOnSymbols, isSymbolic, literalPrefix, MARKER_END, MARKER_START } from '../../core/symbolic';
import { describeType, firstUnknown, isInteger, typeError } from './args';
import { toText } from './text';
import { eager, eagerWithUnknowns, type FunctionTable } from './types';

// ARM caps range() at 10,000 items; we refuse the same so a typo cannot allocate millions.
const MAX_RANGE = 10000;

/**
 * Functions over arrays, strings and objects as containers. Items are never copied:
 * first/last/take/skip/concat keep the very objects they were given.
 */
export const collectionFunctions: FunctionTable = {
  concat: eager(1, Infinity, (args, ctx) => {
    if (Array.isArray(args[0])) {
      const out: Value[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (!Array.isArray(a)) return typeError(ctx.name, i, 'an array, like the first argument', a);
        out.push(...a);
      }
      return out;
    }
    let s = '';
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (Array.isArray(a) || isObject(a) || a === null) return typeError(ctx.name, i, 'a string, like the first argument', a);
      const text = toText(ctx.name, a);
      if (isUnknown(text)) return text;
      s += text;
    }
    return s;
  }),
  first: eager(1, 1, ([v], ctx) => {
    if (Array.isArray(v)) return v.length === 0 ? null : v[0];
    if (typeof v !== 'string') return typeError(ctx.name, 0, 'an array or a string', v);
    if (v.length === 0) return '';
    return v[0] === MARKER_START ? dependsOnSymbols(`${ctx.name}()`, v) : v[0];
  }),
  last: eager(1, 1, ([v], ctx) => {
    if (Array.isArray(v)) return v.length === 0 ? null : v[v.length - 1];
    if (typeof v !== 'string') return typeError(ctx.name, 0, 'an array or a string', v);
    if (v.length === 0) return '';
    const c = v[v.length - 1];
    return c === MARKER_END ? dependsOnSymbols(`${ctx.name}()`, v) : c;
  }),
  take: eager(2, 2, ([v, n], ctx) => {
    if (!isInteger(n)) return typeError(ctx.name, 1, 'an integer', n);
    const count = Math.max(0, n);
    if (Array.isArray(v)) return v.slice(0, count);
    if (typeof v !== 'string') return typeError(ctx.name, 0, 'an array or a string', v);
    // Beyond the literal prefix the answer depends on the markers: a symbol of its own (the same cut of the same string is the same string).
    if (isSymbolic(v) && count > literalPrefix(v).length) return callSymbol('take', [v, count]);
    return v.slice(0, count);
  }),
  skip: eager(2, 2, ([v, n], ctx) => {
    if (!isInteger(n)) return typeError(ctx.name, 1, 'an integer', n);
    const count = Math.max(0, n);
    if (Array.isArray(v)) return v.slice(count);
    if (typeof v !== 'string') return typeError(ctx.name, 0, 'an array or a string', v);
    // Skipping into the literal prefix leaves the markers intact, so the answer is known.
    if (isSymbolic(v) && count > literalPrefix(v).length) return callSymbol('skip', [v, count]);
    return v.slice(count);
  }),
  contains: eagerWithUnknowns(2, 2, ([container, item], ctx) => {
    if (isUnknown(container)) return container;
    if (Array.isArray(container)) return arrayContains(container, item);
    if (isUnknown(item)) return item;
    if (isObject(container)) {
      if (typeof item !== 'string') return typeError(ctx.name, 1, 'a string key', item);
      if (propKey(container, item) !== undefined) return true;
      return isSymbolic(item) ? dependsOnSymbols(`${ctx.name}()`, item) : false;
    }
    if (typeof container === 'string') {
      const find = isInteger(item) ? String(item) : item;
      if (typeof find !== 'string') return typeError(ctx.name, 1, 'a string', item);
      // Text found is there whatever the markers stand for; text not found might be inside one.
      if (container.includes(find)) return true;
      return isSymbolic(container) || isSymbolic(find) ? dependsOnSymbols(`${ctx.name}()`, container, find) : false;
    }
    return typeError(ctx.name, 0, 'an array, an object or a string', container);
  }),
  empty: eager(1, 1, ([v], ctx) => {
    if (v === null) return true;
    if (Array.isArray(v)) return v.length === 0;
    if (isObject(v)) return Object.keys(v).length === 0;
    if (typeof v === 'string') {
      if (!isSymbolic(v)) return v.length === 0;
      // Literal text outside the markers makes it non-empty; markers alone might stand for ''.
      return v.replace(/\uE000[^\uE001]*\uE001/g, '').length > 0 ? false : dependsOnSymbols(`${ctx.name}()`, v);
    }
    return typeError(ctx.name, 0, 'an array, an object or a string', v);
  }),
  length: eager(1, 1, ([v], ctx) => {
    if (Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    if (typeof v === 'string') return isSymbolic(v) ? dependsOnSymbols(`${ctx.name}()`, v) : v.length;
    return typeError(ctx.name, 0, 'an array, an object or a string', v);
  }),
  createArray: eagerWithUnknowns(0, Infinity, (args) => args),
  array: eager(1, 1, ([v]) => (Array.isArray(v) ? v : v === null ? unknown('array(null) is not evaluated') : [v])),
  range: eager(2, 2, ([start, count], ctx) => {
    if (!isInteger(start)) return typeError(ctx.name, 0, 'an integer', start);
    if (!isInteger(count)) return typeError(ctx.name, 1, 'an integer', count);
    if (count < 0 || count > MAX_RANGE) return unknown(`${ctx.name}(): count ${count} is outside 0..${MAX_RANGE}`);
    return Array.from({ length: count }, (_, i) => start + i);
  }),
  min: eager(1, Infinity, (args, ctx) => extreme(ctx.name, args, (a, b) => a < b)),
  max: eager(1, Infinity, (args, ctx) => extreme(ctx.name, args, (a, b) => a > b)),
  union: eager(1, Infinity, (args, ctx) => {
    if (args.every(isObject)) return args.reduce<ValueObject>((acc, o) => mergeDeep(acc, o as ValueObject), {});
    if (args.every(Array.isArray)) return distinct(ctx.name, (args as Value[][]).flat());
    return unknown(`${ctx.name}(): arguments must be all objects or all arrays, got ${args.map(describeType).join(', ')}`);
  }),
  intersection: eager(1, Infinity, (args, ctx) => {
    if (args.every(isObject)) return intersectObjects(args as ValueObject[]);
    if (args.every(Array.isArray)) return intersectArrays(ctx.name, args as Value[][]);
    return unknown(`${ctx.name}(): arguments must be all objects or all arrays, got ${args.map(describeType).join(', ')}`);
  }),
};

function arrayContains(items: Value[], item: Value): boolean | Unknown {
  let undecided: Unknown | undefined;
  for (const x of items) {
    const eq = valuesEqual(x, item);
    if (eq === true) return true;
    if (isUnknown(eq)) undecided ??= eq;
  }
  return undecided ?? false;
}

function extreme(fn: string, args: Value[], better: (a: number, b: number) => boolean): Value {
  const values = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  const u = firstUnknown(values);
  if (u) return u;
  if (values.length === 0) return unknown(`${fn}(): the array is empty`);
  let best: number | undefined;
  for (const v of values) {
    if (typeof v !== 'number') return unknown(`${fn}(): expected integers, got ${describeType(v)}`);
    if (best === undefined || better(v, best)) best = v;
  }
  return best!;
}

/**
 * ARM's object union: later values win, and objects under the same key are merged
 * recursively (arrays are replaced, not merged). Keys match case-insensitively and keep
 * their first spelling.
 */
export function mergeDeep(into: ValueObject, from: ValueObject): ValueObject {
  const out: ValueObject = { ...into };
  for (const [k, v] of Object.entries(from)) {
    const existing = propKey(out, k);
    if (existing === undefined) {
      out[k] = v;
      continue;
    }
    const old = out[existing];
    if (isObject(old) && isObject(v)) out[existing] = mergeDeep(old, v);
    else if (isUnknown(old) && isObject(v)) out[existing] = old; // might have been an object to merge into
    else out[existing] = v;
  }
  return out;
}

function distinct(fn: string, items: Value[]): Value[] | Unknown {
  const out: Value[] = [];
  for (const item of items) {
    let seen = false;
    for (const x of out) {
      const eq = valuesEqual(x, item);
      if (isUnknown(eq)) return unknown(`${fn}(): cannot tell whether items are distinct (${eq.reason})`);
      if (eq) {
        seen = true;
        break;
      }
    }
    if (!seen) out.push(item);
  }
  return out;
}

function intersectObjects(objects: ValueObject[]): ValueObject | Unknown {
  const [first, ...rest] = objects;
  const out: ValueObject = {};
  for (const [k, v] of Object.entries(first)) {
    let inAll = true;
    for (const o of rest) {
      const ok = propKey(o, k);
      if (ok === undefined) {
        inAll = false;
        break;
      }
      const eq = valuesEqual(v, o[ok]);
      if (isUnknown(eq)) return eq;
      if (!eq) {
        inAll = false;
        break;
      }
    }
    if (inAll) out[k] = v;
  }
  return out;
}

function intersectArrays(fn: string, arrays: Value[][]): Value[] | Unknown {
  const [first, ...rest] = arrays;
  const candidates = distinct(fn, first);
  if (isUnknown(candidates)) return candidates;
  const out: Value[] = [];
  for (const item of candidates) {
    let inAll = true;
    for (const arr of rest) {
      const found = arrayContains(arr, item);
      if (isUnknown(found)) return found;
      if (!found) {
        inAll = false;
        break;
      }
    }
    if (inAll) out.push(item);
  }
  return out;
}
