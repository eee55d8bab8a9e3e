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
  let wanted: string | undefined;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item.kind !== 'property') continue;
    const key = propertyName(item);
    // Names of another length never match: most are told apart without lower-casing them.
    if (key === undefined || key.length !== name.length) continue;
    if (key === name || key.toLowerCase() === (wanted ??= name.toLowerCase())) return item;
  }
  return undefined;
}
