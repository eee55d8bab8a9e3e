import { isObject, isUnknown, unknown, type Unknown, type Value } from '../../core/value';
import { isSymbolic, dependsOnSymbols } from '../../core/symbolic';

/** 'a string', 'an array'… for messages. */
export function describeType(v: Value | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (isUnknown(v)) return 'an unknown value';
  if (Array.isArray(v)) return 'an array';
  if (isObject(v)) return 'an object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  return `a ${typeof v}`;
}

/** ARM would fail the deployment; we answer UNKNOWN and say why. */
export function typeError(fn: string, index: number, expected: string, got: Value): Unknown {
  return unknown(`${fn}(): argument ${index + 1} is ${describeType(got)}, expected ${expected}`);
}

export function isInteger(v: Value | undefined): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

/** UNKNOWN when a symbolic string's answer depends on its markers, else undefined. */
export function symbolicGuard(fn: string, ...values: Value[]): Unknown | undefined {
  const symbolic = values.filter((v): v is string => typeof v === 'string' && isSymbolic(v));
  return symbolic.length > 0 ? dependsOnSymbols(`${fn}()`, ...symbolic) : undefined;
}

/** The first UNKNOWN among the values, or undefined. */
export function firstUnknown(values: readonly Value[]): Unknown | undefined {
  for (const v of values) if (isUnknown(v)) return v;
  return undefined;
}
