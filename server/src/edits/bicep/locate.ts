import type { ArrayLiteral, BicepFile, Declaration, Expression, ObjectLiteral, ObjectProperty } from '../../parse/bicep';
import { propertyName } from '../../parse/bicep';
import type { NodePath } from '../../core/nodeRef';

/** Where the located value sits, which decides how it is removed. */
export type Holder =
  | { kind: 'property'; object: ObjectLiteral; property: ObjectProperty }
  | { kind: 'item'; array: ArrayLiteral; index: number }
  | { kind: 'declaration' };

/**
 * `dependsOn` of a resource or module body takes symbols, so the renderer must know
 * when it writes the array (`'array'`) or one of its entries (`'item'`).
 */
export type Role = 'value' | 'dependsOn' | 'dependsOnItem';

export type Located =
  | { found: true; node: Expression; holder: Holder; role: Role }
  /** The path ends below `object`, which lacks the property `missing[0]` (and so all after it). */
  | { found: false; object: ObjectLiteral; missing: string[]; role: Role };


/**
 * Follows a Bicep node path (see model/nodeRef.ts): the declaration by symbol, `::name`
 * nested resources, then property names (case-insensitive, as Azure compares them) and
 * array indices. `if` bodies are transparent, and so are `for` bodies for a property
 * name (the model gives a loop's items the loop's path); an index into a loop's computed items, a step through any other expression (a
 * variable, a function call), or a property a spread could also supply is undefined:
 * no literal text to edit there.
 */
export function locate(file: BicepFile, path: NodePath): Located | undefined {
  const [symbol, ...rest] = path;
  if (typeof symbol !== 'string') return undefined;
  // Metadata, types and functions have names of their own namespace; only values count.
  const decl = file.declarations.find((d) => declaredName(d) === symbol && valueOf(d) !== undefined);
  const value = decl && valueOf(decl);
  if (!decl || !value) return undefined;
  let node: Expression = value;
  let holder: Holder = { kind: 'declaration' };
  let body = isBodyOwner(decl) ? unwrap(node) : undefined;
  let i = 0;
  for (; i < rest.length && typeof rest[i] === 'string' && (rest[i] as string).startsWith('::'); i++) {
    const object = unwrap(node);
    const name = (rest[i] as string).slice(2);
    const child = object.kind === 'object' ? object.items.find((it) => it.kind === 'resource' && it.name.name === name) : undefined;
    if (child?.kind !== 'resource') return undefined;
    node = child.value;
    body = unwrap(node);
  }
  let role: Role = 'value';
  for (; i < rest.length; i++) {
    const segment = rest[i];
    if (typeof segment === 'number') {
      // A loop's items are computed: no index names literal text.
      const array = unwrap(node, false);
      if (array.kind !== 'array' || array.close < 0) return undefined;
      const items = array.items;
      if (segment < 0 || segment >= items.length) return undefined;
      // A spread at or before the index makes the position depend on its value.
      if (items.slice(0, segment + 1).some((it) => it.kind === 'spread')) return undefined;
      const item = items[segment];
      if (item.kind === 'spread') return undefined;
      holder = { kind: 'item', array, index: segment };
      node = item;
      role = role === 'dependsOn' ? 'dependsOnItem' : 'value';
      continue;
    }
    if (segment.startsWith('::')) return undefined;
    const object = unwrap(node);
    if (object.kind !== 'object' || object.close < 0) return undefined;
    const isDependsOn = object === body && segment.toLowerCase() === 'dependson';
    const property = lastProperty(object, segment);
    if (property === 'spread') return undefined;
    if (!property) {
      const missing = rest.slice(i);
      if (!missing.every((s): s is string => typeof s === 'string' && !s.startsWith('::'))) return undefined;
      return { found: false, object, missing, role: isDependsOn && missing.length === 1 ? 'dependsOn' : 'value' };
    }
    holder = { kind: 'property', object, property };
    node = property.value;
    role = isDependsOn ? 'dependsOn' : 'value';
  }
  return { found: true, node, holder, role };
}

function declaredName(d: Declaration): string | undefined {
  return 'name' in d && d.name.kind === 'identifier' && !d.name.missing ? d.name.name : undefined;
}

/** The value a path leads into: a resource's or module's body, a var's or output's value, a param's default. */
function valueOf(d: Declaration): Expression | undefined {
  switch (d.kind) {
    case 'resource':
    case 'module':
    case 'var':
    case 'output':
    case 'param':
      return d.value;
    default:
      return undefined;
  }
}

function isBodyOwner(d: Declaration): boolean {
  return d.kind === 'resource' || d.kind === 'module';
}

/**
 * What a path sees through, as the model's evaluator does: parentheses, `!`, an `if`
 * body, and (unless `loops` is false, for an index) a `for` body.
 */
export function unwrap(node: Expression, loops = true): Expression {
  let n = node;
  for (;;) {
    if (n.kind === 'if' || (loops && n.kind === 'for')) n = n.body;
    else if (n.kind === 'paren' || n.kind === 'nonNull') n = n.expression;
    else return n;
  }
}

/**
 * The property as Bicep reads it (the last of that name wins), or `'spread'` when a
 * spread could supply or override it: missing behind a spread, or with a spread after it.
 */
function lastProperty(object: ObjectLiteral, name: string): ObjectProperty | 'spread' | undefined {
  const wanted = name.toLowerCase();
  let found: ObjectProperty | undefined;
  let spreadAfter = false;
  for (const item of object.items) {
    if (item.kind === 'spread') spreadAfter = true;
    else if (item.kind === 'property' && propertyName(item)?.toLowerCase() === wanted) {
      found = item;
      spreadAfter = false;
    }
  }
  return spreadAfter ? 'spread' : found;
}
