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

/**
 * UNKNOWN whose reason is written when first read, for reasons that cost more to write
 * than the value is likely to be asked for: most unknowns of a template are passed on and
 * dropped, and a few reach a note. The reason is an own enumerable property as on any
 * UNKNOWN (copies, JSON and messages to the editor read it), kept once written; the
 * object itself never changes, so values kept between versions stay as they were made.
 */
export function lazyUnknown(reason: () => string): Unknown {
  const u = new Unknown('');
  let text: string | undefined;
  Object.defineProperty(u, 'reason', { enumerable: true, get: (): string => (text ??= reason()) });
  return u;
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
  // One lookup when the property is there as asked: a value's own properties are never
  // undefined nor functions, and `__proto__` is no own property to this read.
  const direct = obj[key];
  if (direct !== undefined && typeof direct !== 'function' && key !== '__proto__') return direct;
  if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
  const k = caseInsensitiveKey(obj, key);
  return k === undefined ? undefined : obj[k];
}

/** The actual spelling of `key` in `obj`, or undefined. */
export function propKey(obj: Value | undefined, key: string): string | undefined {
  if (!isObject(obj)) return undefined;
  if (Object.prototype.hasOwnProperty.call(obj, key)) return key;
  return caseInsensitiveKey(obj, key);
}

/**
 * The first own key of `obj` equal to `key` ignoring case. Builders ask for many
 * properties a value does not have (the plural of a field written singular, and the
 * like): this answers that without allocating a key list or lower-cased copies.
 */
function caseInsensitiveKey(obj: ValueObject, key: string): string | undefined {
  // Names of other lengths can match only through U+0130 (see lengthMayFold): a longer one
  // when `key` has it, a shorter one (which has it) when `key` has it or the dot it becomes.
  const longerMayMatch = key.indexOf('\u0130') >= 0;
  const shorterMayMatch = longerMayMatch || key.indexOf('\u0307') >= 0;
  for (const k in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, k)) continue;
    if (k.length === key.length) {
      const folded = asciiFoldedEqual(k, key);
      if (folded === true) return k;
      if (folded === false) continue;
    } else if (!(k.length < key.length ? shorterMayMatch : longerMayMatch)) continue;
    if (k.toLowerCase() === key.toLowerCase()) return k;
  }
  return undefined;
}

/** Whether two property names are the same ignoring case (as `a.toLowerCase() === b.toLowerCase()`, without allocating for ASCII names). */
export function sameKey(a: string, b: string): boolean {
  if (a.length === b.length) {
    const folded = asciiFoldedEqual(a, b);
    if (folded !== undefined) return folded;
  } else if (!lengthMayFold(a.length < b.length ? a : b)) return false;
  return a.toLowerCase() === b.toLowerCase();
}

/** Equal ignoring ASCII case: true or false, or undefined when a non-ASCII character needs full case folding. */
function asciiFoldedEqual(a: string, b: string): boolean | undefined {
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x > 0x7f || y > 0x7f) return undefined;
    if (x >= 0x41 && x <= 0x5a) x += 0x20;
    if (y >= 0x41 && y <= 0x5a) y += 0x20;
    if (x !== y) return false;
  }
  return true;
}

/**
 * Whether lower-casing may lengthen the string: only U+0130 (capital I with dot) lower-cases
 * to two units, so strings of different lengths can be equal ignoring case only when the
 * shorter one has it.
 */
function lengthMayFold(s: string): boolean {
  return s.indexOf('\u0130') >= 0;
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
