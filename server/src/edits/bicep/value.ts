import type { JsonValue } from '../../core/value';
import { propertyKey } from './literal';
import type { ArrayLayout } from '../neighbours';

/** How the file lays out its text: one indentation level and its line break. */
export interface Layout {
  unit: string;
  eol: string;
}

/**
 * How strings become Bicep: literals are quoted, ARM expressions translated. Undefined
 * means "no faithful rendering", which makes the whole fix refuse.
 */
export type StringRenderer = (value: string) => string | undefined;

/**
 * A JSON value as idiomatic Bicep. Multi-line (the default): objects with one property
 * per line, arrays with one item per line and no commas, nested levels one `unit`
 * deeper than `indent` (the indentation of the line the value starts on). `compact`
 * writes one line with commas, for a value placed inside a one-line object or array.
 */
export function renderValue(value: JsonValue, indent: string, layout: Layout, str: StringRenderer, compact = false, arrays?: ArrayLayout): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  // Bicep has integers only; a fractional number would need json('…'), which no fix needs.
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  if (typeof value === 'string') return str(value);
  const inner = indent + layout.unit;
  const parts: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = renderValue(item, inner, layout, str, compact, arrays);
      if (text === undefined) return undefined;
      parts.push(text);
    }
    if (parts.length === 0) return '[]';
    // Arrays of scalars on one line, as the neighbouring items write theirs.
    if (arrays?.inline && !compact && value.every((v) => v === null || typeof v !== 'object')) return arrays.spaced ? `[ ${parts.join(', ')} ]` : `[${parts.join(', ')}]`;
    return compact ? `[${parts.join(', ')}]` : `[${layout.eol}${parts.map((p) => inner + p).join(layout.eol)}${layout.eol}${indent}]`;
  }
  for (const [key, item] of Object.entries(value)) {
    const text = renderValue(item, inner, layout, str, compact, arrays);
    if (text === undefined) return undefined;
    parts.push(`${propertyKey(key)}: ${text}`);
  }
  if (parts.length === 0) return '{}';
  return compact ? `{ ${parts.join(', ')} }` : `{${layout.eol}${parts.map((p) => inner + p).join(layout.eol)}${layout.eol}${indent}}`;
}

/** Scalars and empty containers fit on a line as they are. */
export function isFlat(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length === 0;
  return true;
}
