import type { Node } from 'jsonc-parser';
import type { NodePath } from '../core/nodeRef';
import { sameKey } from '../core/value';

/**
 * The property node named `key` in an object node, matched the way Azure matches
 * property names: exactly first, then case-insensitively. With duplicates the last one
 * wins, as it does when the JSON is read.
 */
export function findProperty(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  const props = obj.children;
  for (let i = props.length - 1; i >= 0; i--) if (props[i].children?.[0]?.value === key) return props[i];
  // Asked for properties an object does not have, this compares every key: without lower-cased copies.
  for (let i = props.length - 1; i >= 0; i--) {
    const k = props[i].children?.[0]?.value;
    if (typeof k === 'string' && sameKey(k, key)) return props[i];
  }
  return undefined;
}

/** The value node of property `key` (case-insensitive), if the object has one. */
export function propertyValue(obj: Node | undefined, key: string): Node | undefined {
  return findProperty(obj, key)?.children?.[1];
}

/** Follows property names (case-insensitive) through nested objects. */
export function valueAt(obj: Node | undefined, ...keys: string[]): Node | undefined {
  let node = obj;
  for (const k of keys) {
    node = propertyValue(node, k);
    if (!node) return undefined;
  }
  return node;
}

/** The key of a property node. */
export function propertyKey(prop: Node): string | undefined {
  const k = prop.children?.[0]?.value;
  return typeof k === 'string' ? k : undefined;
}

/** The literal string of a string node, else undefined. */
export function stringOf(node: Node | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * The JSON path of a node (property names as written, array indices), without
 * recursion so very deep documents are safe. Array indices are found by binary search
 * on offsets, so a path costs depth × log(width). A first walk up counts the steps, so
 * the path is made at its final size and filled from its end: a model keeps thousands
 * of paths, and one grown by pushes reserves 17 slots at the first.
 */
export function nodePath(node: Node): NodePath {
  let depth = 0;
  for (let parent = node.parent; parent; parent = parent.parent) if (parent.type === 'property' || parent.type === 'array') depth++;
  const out: NodePath = new Array(depth);
  let child: Node = node;
  let parent = child.parent;
  while (parent) {
    if (parent.type === 'property') out[--depth] = propertyKey(parent) ?? '';
    else if (parent.type === 'array') out[--depth] = indexIn(parent, child);
    child = parent;
    parent = child.parent;
  }
  return out;
}

function indexIn(array: Node, child: Node): number {
  const items = array.children ?? [];
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = items[mid].offset;
    if (o === child.offset) return items[mid] === child ? mid : items.indexOf(child);
    if (o < child.offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return items.indexOf(child);
}

/** The index of the last of `children` (sorted by offset) that starts at or before `offset`; 0 when none does. */
export function childIndexAt(children: readonly Node[], offset: number): number {
  let lo = 0;
  let hi = children.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (children[mid].offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
