/**
 * Renders placed changes (format.ts) as text edits to a Bicep document — the twin of
 * edits/arm.ts. A fix's changes reach it through operations.ts and bicep/resources.ts,
 * which follow these conventions:
 *
 * - `target.path ++ change.path` is a Bicep node path (core/nodeRef.ts): the symbol,
 *   `'::child'` segments for nested resources, then property names (matched
 *   case-insensitively, the file's spelling kept) and array indices; `if` and `for`
 *   bodies are transparent. Objects and arrays missing along the path are created.
 * - Values are JSON as for ARM. A string that is an ARM expression (`[…]`) is written as
 *   the Bicep expression it means when that is straightforward: `parameters('p')` and
 *   `variables('v')` become `p` and `v` (when the file declares them), functions Bicep
 *   shares pass through with their Bicep spelling (`[resourceId('T', 'n')]` →
 *   `resourceId('T', 'n')`, `[resourceGroup().location]` → `resourceGroup().location`).
 *   `[[…` is the escaped literal `[…`.
 * - `dependsOn` of a resource or module takes symbols, so an entry written there must be
 *   a symbol, or `[resourceId('type', 'name')]` of a resource this file declares with that
 *   literal type and name, or one this same placement declares; it becomes that symbol.
 * - A NEW TOP-LEVEL RESOURCE is the change `{ target: { uri, range, path: [] }, path:
 *   ['resources'], insert: 'end' | n, value: <ARM resource object> }`, with the file
 *   itself as target (a symbol path is never empty). It is written as `resource <symbol>
 *   '<type>@<apiVersion>' = { … }` after the last resource or module (`'end'`) or before
 *   the n-th top-level resource; the symbol is the camelCased `name` (`snet-ase-routes` →
 *   `snetAseRoutes`), numbered when taken. `copy`, a `condition` other than `true`, child
 *   `resources` and `scope` are refused. Path `['resources', '<symbol>']` declares it under
 *   exactly that symbol (refused when it is taken, as other changes may name it).
 * - NAMING A RESOURCE BY ITS SYMBOL, for a resource the file declares once and
 *   unconditionally (a plain object body, `existing` ones included) or one these changes
 *   declare: a plain string in `dependsOn` is that symbol; `[reference('<symbol>')]` is
 *   `<symbol>.properties` (`[reference('aseNetworking').internalInboundIpAddresses[0]]` →
 *   `aseNetworking.properties.internalInboundIpAddresses[0]`); in a new declaration,
 *   `parent: '<symbol>'` becomes `parent: <symbol>`, with `name` the child's own name (no
 *   '/'), and `existing: true` declares an `existing` reference (only `name` and `parent`
 *   then). A symbol that is not such a resource is refused.
 *
 * Refused (undefined, no fix) when a target is missing or in another document, the path
 * runs through something not literal (a variable, a call, a loop's computed items, a
 * property a spread could supply), or a value has no faithful Bicep rendering. Changes
 * apply in order to the text in hand; the result is one minimal edit, so the edits of a
 * fix never overlap. Comments, and every line not changed, stay as they are.
 */
import type { JsonValue } from '../core/value';
import { parseBicep, type ArrayLiteral, type BicepFile, type ObjectLiteral } from '../parse/bicep';
import { applySplices, detectFormatting, indentUnit, minimalEdit, renameInText, type EditableDocument, type PlacedChange, type Splice, type TextEdit } from './format';
import { dependencyToBicep, stringToBicep } from './bicep/armExpression';
import { isNewDeclaration, placeDeclaration, planDeclaration, renderDeclaration, requestedSymbol, type PlannedDeclaration } from './bicep/declaration';
import { insertEntry, removeDeclaration, removeEntry, replaceValue, type EntryPrinter } from './bicep/entries';
import { propertyKey } from './bicep/literal';
import { locate, unwrap, type Role } from './bicep/locate';
import { readSymbols, type SymbolTable } from './bicep/symbols';
import { isFlat, renderValue, type Layout } from './bicep/value';
import type { ArrayLayout } from './neighbours';

export function renderBicepChanges(doc: EditableDocument, changes: readonly PlacedChange[]): TextEdit[] | undefined {
  const text = renderBicepText(doc, changes);
  if (text === undefined) return undefined;
  return text === doc.text ? [] : [minimalEdit(doc, text)];
}

/** The document's text after the changes (what renderBicepChanges turns into one edit); undefined when one cannot be placed. */
export function renderBicepText(doc: EditableDocument, changes: readonly PlacedChange[]): string | undefined {
  const options = detectFormatting(doc.text);
  const layout: Layout = { unit: indentUnit(options), eol: options.eol ?? '\n' };
  // The analysis's parse of the document, when it comes with one, serves the text before the first change.
  const given = (doc as { file?: BicepFile }).file;
  const parsed = (text: string): BicepFile => (given && given.text === text ? given : parseBicep(text));
  // New declarations get their symbols first: an earlier change may depend on them.
  const pending = readSymbols(parsed(doc.text));
  const planned = new Map<PlacedChange, PlannedDeclaration>();
  for (const change of changes) {
    if (!isNewDeclaration(change)) continue;
    const plan = planDeclaration(change.value, pending, requestedSymbol(change));
    if (!plan) return undefined;
    planned.set(change, plan);
  }
  let text = doc.text;
  for (const change of changes) {
    if (change.target.uri !== doc.uri || !change.target.path) return undefined;
    const file = parsed(text);
    const symbols = withPending(readSymbols(file), pending);
    const plan = planned.get(change);
    let splice: Splice | undefined | null;
    if (plan) {
      const rendered = renderDeclaration(plan, layout, symbols);
      splice = rendered === undefined ? undefined : placeDeclaration(file, change.insert!, rendered, layout);
    } else {
      splice = planChange(file, change, layout, symbols);
    }
    if (splice === undefined) return undefined;
    if (splice) text = applySplices(text, [splice]);
  }
  return text;
}

/** The file's symbols plus the resources this fix declares but has not written yet. */
function withPending(symbols: SymbolTable, pending: SymbolTable): SymbolTable {
  for (const [key, symbol] of pending.resources) if (!symbols.resources.has(key)) symbols.resources.set(key, symbol);
  for (const symbol of pending.declared) symbols.declared.add(symbol);
  return symbols;
}

/** One change as one splice; `null` when there is nothing to do (removing what is absent). */
function planChange(file: BicepFile, change: PlacedChange, layout: Layout, symbols: SymbolTable): Splice | undefined | null {
  const path = [...change.target.path!, ...change.path];
  if (change.value === undefined && change.insert === undefined && path.length === 1) {
    // A whole parameter or variable (one a fix leaves unused, its line in a `.bicepparam`), with or without a value.
    const decl = file.declarations.find((d) => (d.kind === 'param' || d.kind === 'var') && !d.name.missing && d.name.name === path[0]);
    if (decl) return removeDeclaration(file, decl);
  }
  const at = locate(file, path);
  if (!at) return undefined;
  if (change.rename) {
    if (!at.found || at.node.kind !== 'string' || at.node.multiline || !at.node.terminated) return undefined;
    const raw = file.text.slice(at.node.start, at.node.end);
    const renamed = renameInText(raw, change.rename.from, change.rename.to);
    return renamed === undefined ? undefined : { offset: at.node.start, length: at.node.end - at.node.start, content: renamed };
  }
  const value = change.value;
  if (change.insert !== undefined) {
    const item = value ?? null;
    const printItem = printer(item, at.role === 'dependsOn' ? 'dependsOnItem' : 'value', layout, symbols, change.arrays);
    if (at.found) {
      const array = unwrap(at.node, false);
      if (array.kind !== 'array') return undefined;
      return insertEntry(file, layout, array, change.insert, printItem, isFlat(item));
    }
    return addProperty(file, layout, at.object, at.missing, [item], at.role, symbols);
  }
  if (value === undefined) {
    if (!at.found) return null;
    const h = at.holder;
    if (h.kind === 'property') return removeEntry(file, h.object, h.object.items.indexOf(h.property));
    if (h.kind === 'item') return removeEntry(file, h.array, h.index);
    return undefined;
  }
  if (at.found) {
    const h = at.holder;
    const container: ObjectLiteral | ArrayLiteral | undefined = h.kind === 'property' ? h.object : h.kind === 'item' ? h.array : undefined;
    return replaceValue(file, at.node, container, printer(value, at.role, layout, symbols));
  }
  return addProperty(file, layout, at.object, at.missing, value, at.role, symbols);
}

/**
 * Adds `missing[0]: …` at the end of `object` (before any nested resources, where Bicep
 * authors keep properties), nesting the rest of the path as new objects.
 */
function addProperty(file: BicepFile, layout: Layout, object: ObjectLiteral, missing: string[], value: JsonValue, role: Role, symbols: SymbolTable): Splice | undefined {
  const [key, ...below] = missing;
  let nested: JsonValue = value;
  for (let i = below.length - 1; i >= 0; i--) nested = { [below[i]]: nested };
  const print = printer(nested, role, layout, symbols);
  const entry: EntryPrinter = (indent, compact) => {
    const text = print(indent, compact);
    return text === undefined ? undefined : `${propertyKey(key)}: ${text}`;
  };
  const firstResource = object.items.findIndex((it) => it.kind === 'resource');
  return insertEntry(file, layout, object, firstResource < 0 ? 'end' : firstResource, entry, isFlat(nested));
}

function printer(value: JsonValue, role: Role, layout: Layout, symbols: SymbolTable, arrays?: ArrayLayout): EntryPrinter {
  const str = (s: string) => stringToBicep(s, symbols);
  if (role === 'dependsOnItem') return () => dependencyToBicep(value, symbols);
  if (role === 'dependsOn') {
    return (indent, compact) => {
      if (!Array.isArray(value)) return undefined;
      const deps = value.map((d) => dependencyToBicep(d, symbols));
      if (deps.some((d) => d === undefined)) return undefined;
      if (deps.length === 0) return '[]';
      if (compact) return `[${deps.join(', ')}]`;
      return `[${layout.eol}${deps.map((d) => indent + layout.unit + d).join(layout.eol)}${layout.eol}${indent}]`;
    };
  }
  return (indent, compact) => renderValue(value, indent, layout, str, compact, arrays);
}
