import { getProp, isObject, isUnknown, unknown, type Value } from '../core/value';
import { describeType, isInteger } from './functions/args';
import { dependsOnSymbols, describeSymbolic, isSymbolic } from '../core/symbolic';

/**
 * `obj.name`: the property's own value (same reference, never a copy), found
 * case-insensitively. A missing property is UNKNOWN: ARM would fail the deployment and
 * we must not guess what was meant.
 */
export function readProperty(obj: Value, name: string): Value {
  if (isUnknown(obj)) return obj;
  if (!isObject(obj)) return unknown(`cannot read property '${name}' of ${describeType(obj)}`);
  const v = getProp(obj, name);
  if (v === undefined) return unknown(`property '${name}' does not exist`);
  return v;
}

/** `obj[index]`: an array element by integer index, or an object property by name. */
export function readIndex(obj: Value, index: Value): Value {
  if (isUnknown(obj)) return obj;
  if (isUnknown(index)) return index;
  if (Array.isArray(obj)) {
    if (!isInteger(index)) return unknown(`cannot index an array with ${describeType(index)}`);
    if (index < 0 || index >= obj.length) return unknown(`index ${index} is outside the array (length ${obj.length})`);
    return obj[index];
  }
  if (isObject(obj)) {
    if (typeof index !== 'string') return unknown(`cannot index an object with ${describeType(index)}`);
    const v = getProp(obj, index);
    if (v !== undefined) return v;
    if (isSymbolic(index)) return dependsOnSymbols('the property name', index);
    return unknown(`property '${describeSymbolic(index)}' does not exist`);
  }
  return unknown(`cannot index ${describeType(obj)}`);
}
