import type { Node } from 'jsonc-parser';
import type { NodeRef } from '../../core/nodeRef';
import type { Scope } from '../../eval/scope';
import { propertyValue, stringOf } from '../../parse/jsonNode';
import { getProp, isObject, type Value } from '../../core/value';
import { evaluateLiteral } from './convert';

/**
 * How a template that is not the user's — a registry module read from Bicep's cache —
 * reports: never in its own text. Each value it builds from what the caller passed is
 * placed on the caller's text of that value (the security rule object the caller wrote
 * in `params: { securityRules: [...] }`), or on the caller's argument for the parameter
 * a property is written from; everything else on the module declaration.
 */
export interface CallerLink {
  /** The module's file (Bicep's cache): nothing is reported there. */
  uri: string;
  /** The module declaration in the caller: where what has no better place goes. It has no path, so an edit never goes there. */
  declaredAt: NodeRef;
  /** The caller's ref of a value it passed (its element, the whole value, or the literal an edit can insert into); undefined when the value is not the caller's text. */
  refOf(value: object, how: 'element' | 'value' | 'literal'): NodeRef | undefined;
  /** The caller's ref of a property of a value it passed; undefined when it does not write it. */
  propRefOf(holder: object, key: string, how: 'prop' | 'key'): NodeRef | undefined;
  /** The caller's argument for the module's parameter `name` (in its `params:`); undefined when it passes none. */
  argumentRef(name: string, how: 'prop' | 'key'): NodeRef | undefined;
}

/**
 * The items a copy loop runs over, when its count is `length(X)`: how Bicep compiles
 * `[for x in X: …]`, each instance `X[copyIndex()]`. An instance built from an object
 * the caller passed stands for that object. Undefined for any other count.
 */
export function loopSources(countNode: Node | undefined, scope: Scope): Value[] | undefined {
  const text = countNode?.type === 'string' ? stringOf(countNode) : undefined;
  const m = text === undefined ? null : /^\[\s*length\(([\s\S]*)\)\s*\]$/.exec(text);
  if (!m) return undefined;
  const items = evaluateLiteral(`[${m[1]}]`, scope);
  return Array.isArray(items) ? items : undefined;
}

/** The object item `i` of `items`, if it is one. */
export function sourceAt(items: Value[] | undefined, i: number): object | undefined {
  const v = items?.[i];
  return isObject(v) || Array.isArray(v) ? v : undefined;
}

/** What a value nested under `key` (or item `index`) of a value standing for `source` stands for: the same part of it, else `source` itself. */
export function childSource(source: object | undefined, key: string | number): object | undefined {
  if (source === undefined) return undefined;
  if (typeof key === 'number') {
    const item = Array.isArray(source) ? source[key] : undefined;
    return isObject(item) || Array.isArray(item) ? item : source;
  }
  const v = isObject(source) ? getProp(source, key) : undefined;
  return isObject(v) || Array.isArray(v) ? v : source;
}

/**
 * The parameter a property of the module's own template is written from, when its
 * expression reads exactly one (`[parameters('subnetResourceId')]`,
 * `[coalesce(parameters('securityRules'), createArray())]`); for a property built by a
 * property-level copy, the parameter its count reads.
 */
export function parameterOfProperty(holderNode: Node, key: string): string | undefined {
  let node = propertyValue(holderNode, key);
  if (!node) {
    const copies = propertyValue(holderNode, 'copy');
    const entry = copies?.type === 'array' ? copies.children?.find((c) => stringOf(propertyValue(c, 'name'))?.toLowerCase() === key.toLowerCase()) : undefined;
    node = entry ? propertyValue(entry, 'count') : undefined;
  }
  const text = node?.type === 'string' ? stringOf(node) : undefined;
  if (text === undefined || !text.startsWith('[')) return undefined;
  const names = new Set<string>();
  for (const m of text.matchAll(/\bparameters\(\s*'([^']+)'\s*\)/gi)) names.add(m[1]);
  return names.size === 1 ? [...names][0] : undefined;
}
