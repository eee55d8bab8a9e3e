/**
 * Three-valued data: a value is known (plain JSON), UNKNOWN (with the reason it could
 * not be resolved), or absent (`undefined`). Rules stay silent on UNKNOWN.
 */
export class Unknown {
  constructor(readonly reason: string) {}
  toString(): string {
    return `unknown (${this.reason})`;
  }
}

/**
 * A value known only at deployment time that still stands for itself: a parameter
 * without a value, `uniqueString(...)`, or a string built from them (`text`, with the
 * markers of symbolic.ts). To everything that needs the value it is UNKNOWN, with the
 * reason; what compares values by identity (the NSG evaluator: a rule naming the very
 * parameter that is the subnet's prefix) can read `text`.
 */
export class Symbolic extends Unknown {
  constructor(
    readonly text: string,
    reason: string,
  ) {
    super(reason);
  }
}

export function isSymbolicValue(v: unknown): v is Symbolic {
  return v instanceof Symbolic;
}

/** A value that may be UNKNOWN. */
export type Maybe<T> = T | Unknown;

export function unknown(reason: string): Unknown {
  return new Unknown(reason);
}

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A value during evaluation: JSON whose parts may be UNKNOWN. */
export type Value = string | number | boolean | null | Unknown | Value[] | ValueObject;
export interface ValueObject {
  [key: string]: Value;
}

export function isObject(v: unknown): v is ValueObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

/** Azure property names are case-insensitive: find `key` in `obj` whatever its case. */
export function getProp(obj: Value | undefined, key: string): Value | undefined {
  if (!isObject(obj)) return undefined;
  if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

/** The actual spelling of `key` in `obj`, or undefined. */
export function propKey(obj: Value | undefined, key: string): string | undefined {
  if (!isObject(obj)) return undefined;
  if (Object.prototype.hasOwnProperty.call(obj, key)) return key;
  const lower = key.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

/** Follows a property path (case-insensitive); stops at the first UNKNOWN. */
export function getPath(obj: Value | undefined, ...keys: string[]): Value | undefined {
  let cur: Value | undefined = obj;
  for (const k of keys) {
    if (cur === undefined || isUnknown(cur)) return cur;
    cur = getProp(cur, k);
  }
  return cur;
}

/** True when the value, or anything inside it, is UNKNOWN. */
export function containsUnknown(v: Value | undefined): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

/** A string value, UNKNOWN, or undefined when the value is absent or not a string. */
export function asString(v: Value | undefined): string | Unknown | undefined {
  if (typeof v === 'string' || isUnknown(v)) return v;
  return undefined;
}

export function asNumber(v: Value | undefined): number | Unknown | undefined {
  if (typeof v === 'number' || isUnknown(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

export function asBoolean(v: Value | undefined): boolean | Unknown | undefined {
  if (typeof v === 'boolean' || isUnknown(v)) return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

export function asArray(v: Value | undefined): Value[] | Unknown | undefined {
  if (Array.isArray(v) || isUnknown(v)) return v;
  return undefined;
}
