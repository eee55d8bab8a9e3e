/**
 * How a Bicep file declares, names and reads resources, for the changes that add
 * resources and dependencies:
 *
 * - a new resource is a `resource <symbol> '<type>@<apiVersion>' = { … }` declaration
 *   after the file's last resource or module; its symbol is its parent's followed by its
 *   label when it has one (refused when taken), else its camelCased name, numbered when
 *   taken; a child names its parent with `parent:` and takes its own name; a resource
 *   deployed elsewhere is declared `existing`, and one with no API version (only read by
 *   id elsewhere) cannot be declared at all;
 * - `dependsOn` takes symbols: a dependency names a single, unconditional top-level
 *   declaration of the same file, or a resource the fix declares;
 * - a deployed value is read through the resource's symbol: `<symbol>.properties.…`.
 */
import type { ResourceRef } from '../../core/findings';
import type { NodePath } from '../../core/nodeRef';
import type { JsonValue } from '../../core/value';
import { accessor, resourceObject, type Added, type FixResources, type ResourceLanguage } from '../placement';
import { isFree, symbolBase, uniqueSymbol } from './declaration';
import { isIdentifier } from './literal';
import { readSymbols } from './symbols';

export const bicepResources: ResourceLanguage = {
  declaringResource,

  plan(uri, added, fix, texts) {
    const file = texts.bicepFile(uri);
    if (!file || file.isParamsFile) return false;
    const symbols = readSymbols(file);
    for (const a of added) {
      if (a.resource.apiVersion === undefined) return false;
      let symbol: string;
      const label = a.resource.label;
      if (label !== undefined) {
        const parent = a.parent ? symbolOf(uri, a.parent) : '';
        if (parent === undefined) return false;
        symbol = parent === '' ? label : `${parent}${label[0].toUpperCase()}${label.slice(1)}`;
        if (!isIdentifier(symbol) || !isFree(symbol, symbols)) return false;
      } else {
        symbol = uniqueSymbol(symbolBase(a.resource.name, a.resource.type), symbols);
      }
      symbols.taken.add(symbol.toLowerCase());
      fix.symbols.set(a, symbol);
    }
    return true;
  },

  declare(added, fix) {
    const symbol = fix.symbols.get(added);
    if (symbol === undefined) return undefined;
    const head: Record<string, JsonValue> = {};
    if (added.resource.existing) head.existing = true;
    if (added.parent) {
      const parent = symbolOf(added.uri, added.parent);
      if (parent === undefined) return undefined;
      head.parent = parent;
    }
    head.name = added.resource.name;
    const dependsOn: JsonValue[] = [];
    for (const on of added.dependsOn) {
      const entry = dependency(added.uri, on, fix);
      if (entry === undefined) return undefined;
      dependsOn.push(entry);
    }
    const target = { uri: added.uri, range: added.beside.range, path: [] };
    const value = resourceObject(added.resource, head, dependsOn);
    return { target, path: ['resources', symbol], value, insert: 'end', mode: 'add', site: { uri: added.uri, path: [] } };
  },

  dependency(uri, _from, on, fix) {
    return dependency(uri, on, fix);
  },

  read(uri, value, fix) {
    const deployed = value.deployed;
    const symbol = 'added' in deployed ? addedSymbol(uri, deployed, fix) : symbolOf(uri, deployed);
    const property = accessor(value.property);
    if (symbol === undefined || property === undefined) return undefined;
    // The symbolic-name `reference()`, which the renderer writes as `<symbol>.properties`.
    return `[reference('${symbol}')${property}]`;
  },
};

/** The declaration holding the element at `path`: its symbol and the `::child` segments of nested resources. */
function declaringResource(path: NodePath): NodePath | undefined {
  if (typeof path[0] !== 'string') return undefined;
  let n = 1;
  while (n < path.length && typeof path[n] === 'string' && (path[n] as string).startsWith('::')) n++;
  return path.slice(0, n);
}

/** The symbol of a top-level declaration of the file `uri` (nested resources and other files have none a value can name); the renderer checks it is a single, unconditional one. */
function symbolOf(uri: string, resource: { at: { uri: string; path?: NodePath } }): string | undefined {
  const owner = resource.at.path && declaringResource(resource.at.path);
  if (resource.at.uri !== uri || owner?.length !== 1) return undefined;
  return owner[0] as string;
}

function addedSymbol(uri: string, ref: { added: string }, fix: FixResources): string | undefined {
  const added: Added | undefined = fix.get(ref);
  return added && added.uri === uri ? fix.symbols.get(added) : undefined;
}

/** A `dependsOn` entry: the symbol of the resource (one deployed here, not an `existing` reference). */
function dependency(uri: string, on: ResourceRef, fix: FixResources): JsonValue | undefined {
  if ('added' in on) return fix.get(on)?.resource.existing ? undefined : addedSymbol(uri, on, fix);
  return symbolOf(uri, on);
}
