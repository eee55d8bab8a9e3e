import type { BicepFile, ObjectLiteral, ObjectProperty, Span, StringLiteral } from './ast';
import type { Range } from '../../core/nodeRef';

/** The LSP range (zero-based lines, UTF-16 characters) of a node or span. */
export function nodeRange(file: BicepFile, node: Span): Range {
  return file.lines.range(node.start, node.end - node.start);
}

/** The value of a string without interpolation; undefined for an interpolated one. */
export function stringValue(node: StringLiteral): string | undefined {
  return node.expressions.length === 0 ? node.segments[0] : undefined;
}

/** A property's name when it is written as an identifier or a plain string. */
export function propertyName(property: ObjectProperty): string | undefined {
  const key = property.key;
  if (key.kind === 'identifier') return key.missing ? undefined : key.name;
  if (key.kind === 'string') return stringValue(key);
  return undefined;
}

/** The last property of that name (Bicep compares property names case-insensitively). */
export function findProperty(object: ObjectLiteral, name: string): ObjectProperty | undefined {
  const items = object.items;
  if (items.length <= SCANNED) {
    const wanted = name.toLowerCase();
    let found: ObjectProperty | undefined;
    for (const item of items) {
      if (item.kind === 'property' && propertyName(item)?.toLowerCase() === wanted) found = item;
    }
    return found;
  }
  let index = indexes.get(object);
  if (!index) {
    index = new Map();
    for (const item of items) {
      const key = item.kind === 'property' ? propertyName(item)?.toLowerCase() : undefined;
      if (key !== undefined) index.set(key, item as ObjectProperty);
    }
    indexes.set(object, index);
  }
  return index.get(name) ?? index.get(name.toLowerCase());
}

/** Objects with more items than this are looked up through an index of their properties, made once per node. */
const SCANNED = 4;

/**
 * Each larger object's properties by lower-case name (the last of a name). The tree never
 * changes, so an index lives as long as its node: the declarations a reparse keeps keep
 * theirs (see reuse.ts).
 */
const indexes = new WeakMap<ObjectLiteral, Map<string, ObjectProperty>>();
