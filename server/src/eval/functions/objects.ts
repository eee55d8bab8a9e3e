import { getProp, isObject, isUnknown, propKey, unknown, type Value, type ValueObject } from '../../core/value';
import { dependsOnSymbols, isSymbolic } from '../../core/symbolic';
import { describeType, isInteger, typeError } from './args';
import { eager, eagerWithUnknowns, type FunctionTable } from './types';

export const objectFunctions: FunctionTable = {
  createObject: eagerWithUnknowns(0, Infinity, (args, ctx) => {
    if (args.length % 2 !== 0) return unknown(`${ctx.name}(): expects key/value pairs, got ${args.length} arguments`);
    const out: ValueObject = {};
    for (let i = 0; i < args.length; i += 2) {
      const key = args[i];
      if (isUnknown(key)) return key;
      if (typeof key !== 'string') return typeError(ctx.name, i, 'a string key', key);
      // Keys are case-insensitive in ARM: a repeated key replaces the value, keeping the first spelling.
      out[propKey(out, key) ?? key] = args[i + 1];
    }
    return out;
  }),
  json: eager(1, 1, ([s], ctx) => {
    if (typeof s !== 'string') return typeError(ctx.name, 0, 'a string', s);
    if (isSymbolic(s)) return dependsOnSymbols(`${ctx.name}()`, s);
    try {
      return JSON.parse(s) as Value;
    } catch {
      return unknown(`${ctx.name}(): the string is not valid JSON`);
    }
  }),
  items: eager(1, 1, ([o], ctx) => {
    if (!isObject(o)) return typeError(ctx.name, 0, 'an object', o);
    // ARM returns the entries sorted by key.
    return Object.keys(o)
      .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0))
      .map((key) => ({ key, value: o[key] }));
  }),
  objectKeys: eager(1, 1, ([o], ctx) => (isObject(o) ? Object.keys(o) : typeError(ctx.name, 0, 'an object', o))),
  tryGet: eager(2, Infinity, ([value, ...keys], ctx) => {
    let cur: Value = value;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (cur === null) return null;
      if (isObject(cur) && typeof k === 'string') {
        const next = getProp(cur, k);
        if (next === undefined) return isSymbolic(k) ? dependsOnSymbols(`${ctx.name}()`, k) : null;
        cur = next;
      } else if (Array.isArray(cur) && isInteger(k)) {
        cur = k >= 0 && k < cur.length ? cur[k] : null;
      } else if (isUnknown(cur)) {
        return cur;
      } else {
        return unknown(`${ctx.name}(): cannot look up ${describeType(k)} in ${describeType(cur)}`);
      }
    }
    return cur;
  }),
  shallowMerge: eager(1, 1, ([list], ctx) => {
    if (!Array.isArray(list)) return typeError(ctx.name, 0, 'an array of objects', list);
    const out: ValueObject = {};
    for (const o of list) {
      if (isUnknown(o)) return o;
      if (!isObject(o)) return unknown(`${ctx.name}(): the array holds ${describeType(o)}`);
      for (const [k, v] of Object.entries(o)) out[propKey(out, k) ?? k] = v;
    }
    return out;
  }),
};
