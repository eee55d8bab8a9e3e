import type { BicepFile, Declaration } from '../../parse/bicep';
import type { JsonValue } from '../../core/value';
import { uniqueName } from '../../core/names';
import type { PlacedChange as Change } from '../format';
import type { Splice } from '../format';
import { afterLine, leadingLineStart } from './layout';
import { isIdentifier, propertyKey, stringLiteral } from './literal';
import { TRANSLATED_FUNCTION_NAMES, dependencyToBicep, stringToBicep } from './armExpression';
import { resourceKey, type SymbolTable } from './symbols';
import { renderValue, type Layout } from './value';

/**
 * New top-level resource declarations, as bicep/resources.ts places them: a placed
 * change with target path `[]` (the file itself; no symbol path is empty), path
 * `['resources']` (or `['resources', '<symbol>']`, declaring it under exactly that
 * symbol, which other changes can then name), `insert` set, and the value an ARM
 * resource object (`type`, `apiVersion`, `name`, …).
 */
export function isNewDeclaration(change: Change): boolean {
  return (
    change.target.path?.length === 0 &&
    (change.path.length === 1 || (change.path.length === 2 && typeof change.path[1] === 'string')) &&
    String(change.path[0]).toLowerCase() === 'resources' &&
    change.insert !== undefined
  );
}

/** The symbol a new declaration asks for (`['resources', '<symbol>']`), if any. */
export function requestedSymbol(change: Change): string | undefined {
  return change.path.length === 2 && typeof change.path[1] === 'string' ? change.path[1] : undefined;
}

/** What a new declaration needs before any change is rendered: its symbol, known to the other changes. */
export interface PlannedDeclaration {
  symbol: string;
  type: string;
  apiVersion: string;
  body: [string, JsonValue][];
  comment?: string;
  /** `existing: true` (as a template with symbolic names writes it): a reference, not a deployment. */
  existing?: boolean;
  /** `parent` (Bicep's; ARM has none): the parent's symbol, the `name` then the child's own. */
  parent?: string;
}

// Bicep keywords and namespaces a symbol must not take.
const RESERVED = new Set([
  'resource', 'module', 'param', 'var', 'output', 'type', 'func', 'import', 'extension', 'provider', 'metadata',
  'targetscope', 'existing', 'if', 'for', 'in', 'true', 'false', 'null', 'as', 'with', 'using', 'extends',
  'test', 'assert', 'az', 'sys', 'parameters', 'variables',
]);

/**
 * Reads an ARM resource object and picks its symbol: `requested` when given (refused
 * when it is taken, since other changes may already name it), else the camelCased
 * resource name (`snet-ase-routes` → `snetAseRoutes`), else the type's last segment,
 * numbered when taken. Registers the symbol in `symbols` so `dependsOn` entries (and
 * `parent` or `reference('<symbol>')`) naming the new resource resolve. `parent` (the
 * parent's symbol, checked when rendered) and `existing: true` are read; an existing
 * resource takes nothing but `name` and `parent`. Undefined for what Bicep writes
 * differently (`copy`, `condition`, child `resources`, `scope`) or a type/apiVersion
 * that is not literal.
 */
export function planDeclaration(value: JsonValue | undefined, symbols: SymbolTable, requested?: string): PlannedDeclaration | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  let type: string | undefined;
  let apiVersion: string | undefined;
  let comment: string | undefined;
  let existing = false;
  let parent: string | undefined;
  const body: [string, JsonValue][] = [];
  for (const [key, item] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (lower === 'type' || lower === 'apiversion') {
      if (typeof item !== 'string' || item.startsWith('[')) return undefined;
      if (lower === 'type') type = item;
      else apiVersion = item;
    } else if (lower === 'comments') {
      // ARM's comment becomes a line comment above the declaration.
      if (typeof item !== 'string' || /[\r\n]/.test(item)) return undefined;
      comment = item;
    } else if (lower === 'condition' && item === true) {
      continue;
    } else if (lower === 'existing') {
      if (typeof item !== 'boolean') return undefined;
      existing = item;
    } else if (lower === 'parent') {
      if (typeof item !== 'string' || !isIdentifier(item)) return undefined;
      parent = item;
    } else if (lower === 'copy' || lower === 'condition' || lower === 'resources' || lower === 'scope') {
      return undefined;
    } else {
      body.push([key, item]);
    }
  }
  if (!type || !apiVersion) return undefined;
  if (existing && body.some(([k]) => k.toLowerCase() !== 'name')) return undefined;
  const name = body.find(([k]) => k.toLowerCase() === 'name')?.[1];
  // With `parent`, Bicep takes the child's own name, which has no '/'.
  if (parent !== undefined && (typeof name !== 'string' || name.startsWith('[') || name.includes('/'))) return undefined;
  let symbol: string;
  if (requested !== undefined) {
    if (!isIdentifier(requested) || !isFree(requested, symbols)) return undefined;
    symbol = requested;
  } else {
    symbol = uniqueSymbol(symbolBase(typeof name === 'string' ? name : undefined, type), symbols);
  }
  symbols.taken.add(symbol.toLowerCase());
  symbols.declared.add(symbol);
  // A child's own name is not its ARM name, and an existing resource is nothing to depend on.
  if (!existing && parent === undefined && typeof name === 'string' && !name.startsWith('[')) symbols.resources.set(resourceKey(type, name), symbol);
  return { symbol, type, apiVersion, body, comment, existing, parent };
}

/** A symbol for a resource named `name`: camelCased (`snet-ase-routes` → `snetAseRoutes`), else the singular of its type's last segment. */
export function symbolBase(name: string | undefined, type: string): string {
  const words = (name !== undefined && !name.startsWith('[') ? name : '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words.map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join('');
  if (isIdentifier(camel)) return camel;
  // No usable name: the singular of the type's last segment (`routeTables` → `routeTable`).
  const last = type.split('/').pop() ?? '';
  const singular = last.endsWith('s') ? last.slice(0, -1) : last;
  return isIdentifier(singular) ? singular : 'resource1';
}

/** Whether a new declaration may take the symbol: no name of the file, keyword or function Bicep translations write. */
export function isFree(s: string, symbols: SymbolTable): boolean {
  return !symbols.taken.has(s.toLowerCase()) && !RESERVED.has(s.toLowerCase()) && !TRANSLATED_FUNCTION_NAMES.has(s.toLowerCase());
}

export function uniqueSymbol(base: string, symbols: SymbolTable): string {
  return uniqueName(base, (s) => !isFree(s, symbols), '');
}

/** `resource sym 'type@apiVersion' = { … }`, undefined when a value has no faithful Bicep rendering. */
export function renderDeclaration(planned: PlannedDeclaration, layout: Layout, symbols: SymbolTable): string | undefined {
  const str = (s: string) => stringToBicep(s, symbols);
  const lines: string[] = [];
  if (planned.parent !== undefined) {
    // Bicep's `parent` takes a symbol: a single, unconditional resource (a loop's symbol would need an index).
    if (!symbols.declared.has(planned.parent) || planned.parent === planned.symbol) return undefined;
    lines.push(`${layout.unit}parent: ${planned.parent}`);
  }
  for (const [key, item] of planned.body) {
    let text: string | undefined;
    if (key.toLowerCase() === 'dependson') {
      if (!Array.isArray(item)) return undefined;
      const deps = item.map((d) => dependencyToBicep(d, symbols));
      if (deps.some((d) => d === undefined)) return undefined;
      text = deps.length === 0 ? '[]' : `[${layout.eol}${deps.map((d) => layout.unit + layout.unit + d).join(layout.eol)}${layout.eol}${layout.unit}]`;
    } else {
      text = renderValue(item, layout.unit, layout, str);
    }
    if (text === undefined) return undefined;
    lines.push(`${layout.unit}${propertyKey(key)}: ${text}`);
  }
  const head = `resource ${planned.symbol} ${stringLiteral(`${planned.type}@${planned.apiVersion}`)}${planned.existing ? ' existing' : ''} = `;
  const bodyText = lines.length === 0 ? '{}' : `{${layout.eol}${lines.join(layout.eol)}${layout.eol}}`;
  const comment = planned.comment !== undefined ? `// ${planned.comment}${layout.eol}` : '';
  return comment + head + bodyText;
}

/**
 * Where the declaration goes: `'end'` after the last resource or module (so outputs stay
 * last), else before the first output, else after the last declaration; an index puts
 * it before that top-level resource declaration (with the comments above it).
 */
export function placeDeclaration(file: BicepFile, at: number | 'end', rendered: string, layout: Layout): Splice {
  const { eol } = layout;
  const text = file.text;
  const decls = file.declarations.filter((d) => d.kind !== 'errorDeclaration');
  const resources = decls.filter((d) => d.kind === 'resource');
  const before = (d: Declaration): Splice => ({ offset: leadingLineStart(file, d), length: 0, content: `${rendered}${eol}${eol}` });
  const after = (d: Declaration): Splice => ({ offset: afterLine(text, d.end), length: 0, content: `${eol}${eol}${rendered}` });
  if (typeof at === 'number' && at < resources.length) return before(resources[Math.max(0, at)]);
  const lastBody = [...decls].reverse().find((d) => d.kind === 'resource' || d.kind === 'module');
  if (lastBody) return after(lastBody);
  const firstOutput = decls.find((d) => d.kind === 'output');
  if (firstOutput) return before(firstOutput);
  if (decls.length > 0) return after(decls[decls.length - 1]);
  if (text.trim() === '') return { offset: 0, length: text.length, content: `${rendered}${eol}` };
  return { offset: text.length, length: 0, content: `${/[\r\n]$/.test(text) ? eol : eol + eol}${rendered}${eol}` };
}
