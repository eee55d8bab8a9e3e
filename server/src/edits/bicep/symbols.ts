import type { BicepFile } from '../../parse/bicep';
import { findProperty, stringValue } from '../../parse/bicep';

/**
 * The names a rendered value may refer to: parameters and variables (what ARM's
 * `parameters('p')` and `variables('v')` become), the resources declared with a
 * literal type and name (what a `dependsOn` entry must become, since Bicep's
 * `dependsOn` takes symbols, not ids), and the symbols of the resources a value may
 * name directly (`parent`, a symbol in `dependsOn`, `reference('<symbol>')`).
 */
export interface SymbolTable {
  /** Lower-cased name → declared spelling (ARM names are case-insensitive). */
  params: Map<string, string>;
  vars: Map<string, string>;
  /** `resourceKey(type, name)` → symbol. */
  resources: Map<string, string>;
  /** Every top-level name, lower-cased, so a new symbol collides with none. */
  taken: Set<string>;
  /**
   * Symbols (as spelled) of top-level resources declared once and unconditionally — a
   * plain object body, no loop, no condition; `existing` ones included: the resources a
   * value can name by symbol alone.
   */
  declared: Set<string>;
}

export function resourceKey(type: string, name: string): string {
  return `${type.toLowerCase()}|${name.toLowerCase()}`;
}

export function readSymbols(file: BicepFile): SymbolTable {
  const table: SymbolTable = { params: new Map(), vars: new Map(), resources: new Map(), taken: new Set(), declared: new Set() };
  for (const d of file.declarations) {
    if (d.kind === 'import') {
      for (const s of d.symbols ?? []) {
        const local = s.alias ?? (s.name.kind === 'identifier' ? s.name : undefined);
        if (local) table.taken.add(local.name.toLowerCase());
      }
      if (d.wildcard) table.taken.add(d.wildcard.name.toLowerCase());
      if (d.alias) table.taken.add(d.alias.name.toLowerCase());
      continue;
    }
    if (d.kind === 'extension') {
      if (d.alias) table.taken.add(d.alias.name.toLowerCase());
      else if (d.specification.kind === 'identifier') table.taken.add(d.specification.name.toLowerCase());
      continue;
    }
    if (!('name' in d) || d.name.kind !== 'identifier' || d.name.missing) continue;
    const name = d.name.name;
    table.taken.add(name.toLowerCase());
    if (d.kind === 'param') table.params.set(name.toLowerCase(), name);
    else if (d.kind === 'var') table.vars.set(name.toLowerCase(), name);
    if (d.kind === 'resource' && d.value.kind === 'object') table.declared.add(name);
    if (d.kind === 'resource' && !d.existing && d.value.kind === 'object' && d.type.kind === 'string') {
      // Only a single, unconditional instance: a loop's symbol stands for all its copies.
      const type = stringValue(d.type)?.split('@')[0];
      const nameProp = findProperty(d.value, 'name');
      const literal = nameProp?.value.kind === 'string' ? stringValue(nameProp.value) : undefined;
      if (type && literal !== undefined) table.resources.set(resourceKey(type, literal), name);
    }
  }
  return table;
}
