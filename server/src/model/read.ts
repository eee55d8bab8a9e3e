import type { NodeRef } from '../core/nodeRef';
import type { RefSource } from './buildContext';
import type { Located } from './types';
import type { Maybe } from '../core/value';
import { asNumber, getProp, isUnknown, unknown, type Value } from '../core/value';
import { isSymbolic, symbolicValue } from '../core/symbolic';

/**
 * A string field whose value the rules read (a prefix, a protocol, a SKU): the string,
 * UNKNOWN (also for a non-string), or undefined when absent. A symbolic string (built
 * from a parameter without a value, `uniqueString()`...) is UNKNOWN to the rules, as a
 * Symbolic that keeps its text for what compares by identity (see core/value.ts).
 */
export function stringField(v: Value | undefined, what: string): Maybe<string> | undefined {
  if (typeof v === 'string' && isSymbolic(v)) return symbolicValue(v);
  return nameField(v, what);
}

/**
 * A string field that names something (a resource, a rule, a location): symbolic strings
 * stay strings, since names are compared by identity and shown with their markers.
 */
export function nameField(v: Value | undefined, what: string): Maybe<string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || isUnknown(v)) return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return unknown(`${what} is not a string`);
}

export function numberField(v: Value | undefined, what: string): Maybe<number> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && isSymbolic(v)) return symbolicValue(v);
  const n = asNumber(v);
  return n === undefined ? unknown(`${what} is not a number`) : n;
}

/** How a located string is read: as a value (stringField) or as a name (nameField). */
type Reader = (v: Value | undefined, what: string) => Maybe<string> | undefined;

/** A string property of `holder` with the ref of its value, or undefined when absent. */
export function locatedString(origins: RefSource, holder: Value | undefined, key: string, fallback: NodeRef, read: Reader = stringField): Located<string> | undefined {
  const value = read(getProp(holder, key), key);
  if (value === undefined) return undefined;
  return { value, ref: origins.propRef(holder, key, fallback) };
}

/**
 * An array of strings, each with the ref of its element; [] when absent, UNKNOWN when
 * the array itself is unresolved.
 */
export function locatedStrings(origins: RefSource, list: Value | undefined, fallback: NodeRef, what: string, read: Reader = stringField): Maybe<Located<string>[]> {
  if (list === undefined || list === null) return [];
  if (isUnknown(list)) return list;
  if (typeof list === 'string') return [{ value: read(list, what) as Maybe<string>, ref: fallback }];
  if (!Array.isArray(list)) return unknown(`${what} is not an array`);
  const arrayRef = origins.valueRef(list, fallback);
  return list.map((item, i) => ({
    value: read(item, what) ?? unknown(`${what} has an empty entry`),
    ref: origins.itemRef(list, i, arrayRef),
  }));
}

/**
 * An array of objects, each mapped to a located string (`delegations[].properties.serviceName`,
 * `serviceEndpoints[].service`).
 */
export function locatedFromObjects(
  origins: RefSource,
  list: Value | undefined,
  fallback: NodeRef,
  what: string,
  pick: (item: Value) => { holder: Value | undefined; key: string },
): Maybe<Located<string>[]> {
  if (list === undefined || list === null) return [];
  if (isUnknown(list)) return list;
  if (!Array.isArray(list)) return unknown(`${what} is not an array`);
  const arrayRef = origins.valueRef(list, fallback);
  const out: Located<string>[] = [];
  list.forEach((item, i) => {
    const itemRef = origins.itemRef(list, i, arrayRef);
    if (isUnknown(item)) {
      out.push({ value: item, ref: itemRef });
      return;
    }
    const { holder, key } = pick(item);
    if (isUnknown(holder)) {
      out.push({ value: holder, ref: itemRef });
      return;
    }
    const value = stringField(getProp(holder, key), what);
    if (value === undefined) return;
    out.push({ value, ref: origins.propRef(holder, key, itemRef) });
  });
  return out;
}

/** Azure's canonical spelling of an enum value, matched case-insensitively; UNKNOWN when it is none of them. */
export function canonical<T extends string>(v: Maybe<string> | undefined, allowed: readonly T[], what: string): Maybe<T> | undefined {
  if (v === undefined || isUnknown(v)) return v;
  // Most templates write the canonical spelling: found without folding anything.
  for (let i = 0; i < allowed.length; i++) if (allowed[i] === v) return allowed[i];
  const hit = lowerCased(allowed).get(v.trim().toLowerCase()) as T | undefined;
  return hit ?? unknown(`${what} '${v}' is not one of ${allowed.join(', ')}`);
}

/** Each list of allowed spellings by its lower case, built once per list (they are module constants). */
const foldedLists = new WeakMap<readonly string[], Map<string, string>>();

function lowerCased(allowed: readonly string[]): Map<string, string> {
  let map = foldedLists.get(allowed);
  if (!map) {
    map = new Map();
    // The first spelling wins, as the search in list order did.
    for (const a of allowed) if (!map.has(a.toLowerCase())) map.set(a.toLowerCase(), a);
    foldedLists.set(allowed, map);
  }
  return map;
}

/** `getProp` that passes an UNKNOWN holder through (its fields are unknown too). */
export function field(holder: Value | undefined, key: string): Value | undefined {
  return isUnknown(holder) ? holder : getProp(holder, key);
}
