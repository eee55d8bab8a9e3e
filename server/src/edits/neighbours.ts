/**
 * An item a fix inserts among items of its kind (a security rule among the NSG's rules)
 * written the way its neighbours are: their property order, their naming style, arrays
 * on one line when theirs are, and the properties they all carry (a `description`) —
 * and only those. The neighbours are read from the file as written (ARM or Bicep) into
 * one neutral shape, so the decisions below are the same for both languages.
 */
import type { Node } from 'jsonc-parser';
import type { NodePath } from '../core/nodeRef';
import type { JsonValue } from '../core/value';
import type { ArrayLiteral, Expression, ObjectLiteral } from '../parse/bicep';
import { propertyName } from '../parse/bicep';
import { jsonNodeAt, type SourceTexts } from './sourceTexts';
import { locate, unwrap } from './bicep/locate';

/** A value as it is written: objects keep their key order; `oneLine` says whether it fits on its line. */
export type Written =
  | { kind: 'object'; oneLine: boolean; entries: [string, Written][] }
  | { kind: 'array'; oneLine: boolean; spaced: boolean; items: Written[] }
  | { kind: 'string'; value: string }
  | { kind: 'other' };

/** How arrays of the new item are laid out: on one line (`spaced`: `[ 'a', 'b' ]`), or one item per line. */
export type ArrayLayout = { inline: false } | { inline: true; spaced: boolean };

/** The items written in the array at `path` of `uri`; undefined when it is not a literal array there. */
export function writtenItems(texts: SourceTexts, uri: string, path: NodePath): Written[] | undefined {
  const text = texts.text(uri);
  if (text === undefined) return undefined;
  if (texts.isBicep(uri)) {
    const file = texts.bicepFile(uri);
    const at = file && locate(file, path);
    if (!at || !at.found) return undefined;
    const array = unwrap(at.node, false);
    return array.kind === 'array' ? array.items.filter((i): i is Expression => i.kind !== 'spread').map((i) => fromBicep(i, text)) : undefined;
  }
  const node = jsonNodeAt(texts.jsonRoot(uri), path);
  return node?.type === 'array' ? (node.children ?? []).map((c) => fromJson(c, text)) : undefined;
}

function oneLine(text: string, start: number, end: number): boolean {
  return !/[\r\n]/.test(text.slice(start, end));
}

function fromJson(node: Node, text: string): Written {
  if (node.type === 'object') {
    const entries: [string, Written][] = [];
    for (const p of node.children ?? []) {
      const [key, value] = p.children ?? [];
      if (key && value && typeof key.value === 'string') entries.push([key.value, fromJson(value, text)]);
    }
    return { kind: 'object', oneLine: oneLine(text, node.offset, node.offset + node.length), entries };
  }
  if (node.type === 'array') return { kind: 'array', oneLine: oneLine(text, node.offset, node.offset + node.length), spaced: text[node.offset + 1] === ' ', items: (node.children ?? []).map((c) => fromJson(c, text)) };
  if (node.type === 'string') return { kind: 'string', value: String(node.value) };
  return { kind: 'other' };
}

function fromBicep(node: Expression, text: string): Written {
  const n = unwrap(node, false);
  if (n.kind === 'object') return fromBicepObject(n, text);
  if (n.kind === 'array') return fromBicepArray(n, text);
  if (n.kind === 'string' && n.expressions.length === 0) return { kind: 'string', value: n.segments[0] };
  return { kind: 'other' };
}

function fromBicepObject(n: ObjectLiteral, text: string): Written {
  const entries: [string, Written][] = [];
  for (const item of n.items) {
    if (item.kind !== 'property') continue;
    const key = propertyName(item);
    if (key !== undefined) entries.push([key, fromBicep(item.value, text)]);
  }
  return { kind: 'object', oneLine: oneLine(text, n.start, n.end), entries };
}

function fromBicepArray(n: ArrayLiteral, text: string): Written {
  return { kind: 'array', oneLine: oneLine(text, n.start, n.end), spaced: text[n.open + 1] === ' ', items: n.items.filter((i): i is Expression => i.kind !== 'spread').map((i) => fromBicep(i, text)) };
}

// Restyling ---------------------------------------------------------------------------

export interface Restyled {
  value: JsonValue;
  arrays: ArrayLayout;
}

/**
 * `value` (an object item) as its `neighbours` write theirs. `optional`: paths of
 * properties written only when every neighbour that has the object around them has them
 * too (a rule's `description`); without neighbours they are left out. `anchor`: the
 * index of the neighbour the item goes before (its closest), else the last.
 */
export function restyle(value: JsonValue, neighbours: readonly Written[], optional: readonly (readonly string[])[], anchor: number | undefined): Restyled {
  let out = value;
  for (const path of optional) {
    // The neighbours that have the object the property belongs to must all have it.
    const holders = neighbours.filter((n) => hasObjectAt(n, path.slice(0, -1)));
    if (holders.length === 0 || !holders.every((n) => hasPath(n, path))) out = without(out, path);
  }
  const objects = neighbours.filter((n) => n.kind === 'object');
  if (objects.length === 0) return { value: out, arrays: { inline: false } };
  const closest = anchor !== undefined && neighbours[anchor]?.kind === 'object' ? neighbours[anchor] : objects[objects.length - 1];
  out = ordered(out, [closest, ...objects.filter((o) => o !== closest)]);
  out = named(out, objects);
  return { value: out, arrays: arrayLayout(objects) };
}

function entriesOf(w: Written | undefined): [string, Written][] {
  return w?.kind === 'object' ? w.entries : [];
}

function child(w: Written | undefined, key: string): Written | undefined {
  return entriesOf(w).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
}

function hasObjectAt(w: Written, path: readonly string[]): boolean {
  let node: Written | undefined = w;
  for (const k of path) node = child(node, k);
  return node?.kind === 'object';
}

function hasPath(w: Written, path: readonly string[]): boolean {
  let node: Written | undefined = w;
  for (const k of path) node = child(node, k);
  return node !== undefined;
}

function isObject(v: JsonValue): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function without(value: JsonValue, path: readonly string[]): JsonValue {
  if (!isObject(value) || path.length === 0) return value;
  const [head, ...rest] = path;
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.toLowerCase() !== head.toLowerCase()) out[k] = v;
    else if (rest.length > 0) out[k] = without(v, rest);
  }
  return out;
}

/** A property's place among its neighbours': its own, or that of its singular or plural twin (`destinationPortRange` for `destinationPortRanges`). */
function rankIn(order: string[], key: string): number {
  const k = key.toLowerCase();
  const twin = k.endsWith('s') ? k.slice(0, -1) : `${k}s`;
  const i = order.indexOf(k);
  if (i >= 0) return i;
  const j = order.indexOf(twin);
  if (j >= 0) return j;
  // Prefixes and Ranges: `sourceAddressPrefixes` ↔ `sourceAddressPrefix`.
  const alt = k.endsWith('es') ? k.slice(0, -2) : undefined;
  const m = alt ? order.indexOf(alt) : -1;
  return m >= 0 ? m : -1;
}

/** Each object of `value` with its keys in the order the first neighbour that has that object writes them; keys none of them has keep their place after those. */
function ordered(value: JsonValue, neighbours: readonly Written[]): JsonValue {
  if (!isObject(value)) return value;
  const source = neighbours.find((n) => n.kind === 'object' && n.entries.length > 0);
  const order = entriesOf(source).map(([k]) => k.toLowerCase());
  const keys = Object.keys(value);
  const ranked = keys.map((k, i) => ({ k, i, r: rankIn(order, k) }));
  ranked.sort((a, b) => {
    if (a.r >= 0 && b.r >= 0) return a.r - b.r || a.i - b.i;
    if (a.r >= 0) return -1;
    if (b.r >= 0) return 1;
    return a.i - b.i;
  });
  const out: { [key: string]: JsonValue } = {};
  for (const { k } of ranked) {
    const below = neighbours.map((n) => child(n, k)).filter((w): w is Written => w !== undefined);
    out[k] = ordered(value[k], below);
  }
  return out;
}

// Names --------------------------------------------------------------------------------

type Case = 'pascal' | 'camel' | 'lower' | 'upper';
interface NameStyle {
  separator: '' | '-' | '_';
  words: Case;
}

/** The words of a name: `AllowSqlOutbound` → Allow, Sql, Outbound; `allow-sql_outbound` likewise. */
function wordsOf(name: string): string[] | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) return undefined;
  const out: string[] = [];
  for (const part of name.split(/[-_]/)) {
    if (part === '') return undefined;
    out.push(...(part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []));
  }
  return out.length > 0 ? out : undefined;
}

function caseOf(words: string[]): Case | undefined {
  const letters = words.filter((w) => /[A-Za-z]/.test(w));
  if (letters.length === 0) return undefined;
  if (letters.every((w) => w === w.toUpperCase()) && letters.some((w) => w.length > 1)) return 'upper';
  if (letters.every((w) => w === w.toLowerCase())) return 'lower';
  if (letters.every((w) => /^[A-Z]/.test(w))) return 'pascal';
  if (/^[a-z]/.test(letters[0]) && letters.slice(1).every((w) => /^[A-Z]/.test(w))) return 'camel';
  return undefined;
}

function styleOf(name: string): NameStyle | undefined {
  const words = wordsOf(name);
  if (!words || words.length < 2) return undefined;
  const separator = name.includes('-') && !name.includes('_') ? '-' : name.includes('_') && !name.includes('-') ? '_' : name.includes('-') || name.includes('_') ? undefined : '';
  if (separator === undefined) return undefined;
  const words2 = caseOf(words);
  if (!words2 || (separator === '' && (words2 === 'lower' || words2 === 'upper'))) return undefined;
  return { separator, words: words2 };
}

/** The style most neighbours' names share, when at least half of them share one. */
function commonStyle(names: string[]): NameStyle | undefined {
  const counts = new Map<string, { style: NameStyle; n: number }>();
  for (const name of names) {
    const s = styleOf(name);
    if (!s) continue;
    const key = `${s.separator}|${s.words}`;
    counts.set(key, { style: s, n: (counts.get(key)?.n ?? 0) + 1 });
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return best && best.n * 2 >= names.length ? best.style : undefined;
}

function write(words: string[], style: NameStyle): string {
  const cased = words.map((w, i) => {
    if (style.words === 'upper') return w.toUpperCase();
    if (style.words === 'lower' || (style.words === 'camel' && i === 0)) return w.toLowerCase();
    return /^[0-9]/.test(w) ? w : w[0].toUpperCase() + w.slice(1).toLowerCase();
  });
  return cased.join(style.separator);
}

/** `name` written in the neighbours' style (`AllowSqlOutbound` → `Allow-Sql-Outbound`), unique among their names. */
function named(value: JsonValue, neighbours: readonly Written[]): JsonValue {
  if (!isObject(value)) return value;
  const key = Object.keys(value).find((k) => k.toLowerCase() === 'name');
  const name = key === undefined ? undefined : value[key];
  if (key === undefined || typeof name !== 'string') return value;
  const names = neighbours.map((n) => child(n, 'name')).flatMap((w) => (w?.kind === 'string' ? [w.value] : []));
  const style = commonStyle(names);
  const words = wordsOf(name);
  if (!style || !words) return value;
  // The fix made its name unique with a `-2` suffix (core/names.ts); the new spelling is checked again.
  const base = /-[0-9]+$/.test(name) && words.length > 1 ? words.slice(0, -1) : words;
  const taken = new Set(names.map((n) => n.toLowerCase()));
  let candidate = write(base, style);
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = write([...base, String(i)], style);
  return { ...value, [key]: candidate };
}

// Arrays -------------------------------------------------------------------------------

/** Arrays of the new item on one line when the neighbours' arrays of scalars are all on one line (at least one). */
function arrayLayout(neighbours: readonly Written[]): ArrayLayout {
  const arrays: Written[] = [];
  const walk = (w: Written) => {
    if (w.kind === 'array') {
      if (w.items.length > 0 && w.items.every((i) => i.kind === 'string' || i.kind === 'other')) arrays.push(w);
      w.items.forEach(walk);
    } else if (w.kind === 'object') for (const [, v] of w.entries) walk(v);
  };
  neighbours.forEach(walk);
  if (arrays.length === 0 || !arrays.every((a) => a.kind === 'array' && a.oneLine)) return { inline: false };
  const first = arrays[0];
  return { inline: true, spaced: first.kind === 'array' && first.spaced };
}
