import { isObject, isUnknown, unknown, type Unknown, type Value } from '../../core/value';
import { describeType } from './args';

/** .NET's spelling of booleans, which ARM shows when it turns them into text. */
export function boolText(b: boolean): string {
  return b ? 'True' : 'False';
}

/** A primitive as ARM writes it inside a string (concat, format, join); UNKNOWN for anything else. */
export function toText(fn: string, v: Value): string | Unknown {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return boolText(v);
  if (isUnknown(v)) return v;
  return unknown(`${fn}(): cannot turn ${describeType(v)} into text`);
}

/** Compact JSON as ARM's string() writes objects and arrays; UNKNOWN if any part is. */
export function toJsonText(v: Value): string | Unknown {
  const u = findUnknown(v);
  if (u) return u;
  return JSON.stringify(v);
}

function findUnknown(v: Value): Unknown | undefined {
  if (isUnknown(v)) return v;
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = findUnknown(x);
      if (u) return u;
    }
  } else if (isObject(v)) {
    for (const x of Object.values(v)) {
      const u = findUnknown(x);
      if (u) return u;
    }
  }
  return undefined;
}
