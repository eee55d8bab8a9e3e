import { splitTypeString } from '../lower/bicep/resources';
import type { NodePath } from '../core/nodeRef';
import {
  findProperty,
  forEachChild,
  propertyName,
  stringValue,
  type BicepFile,
  type BicepNode,
  type Expression,
  type ObjectLiteral,
  type ResourceDeclaration,
  type Span,
} from '../parse/bicep';
import { aseResourceType, classifyScalar } from './scalarTarget';
import type { Target, TextSpan } from './target';

/**
 * What the Bicep text at `offset` is, into the same kinds as ARM: a literal port, tag,
 * next hop or address written as a property value, or an ASE's declaration. Only literal
 * values count: an interpolated string or any other expression is not its value.
 */
export function bicepTargetAt(file: BicepFile, offset: number): Target | undefined {
  const chain = chainAt(file, offset);
  const node = chain[chain.length - 1];
  const parent = chain[chain.length - 2];
  if (!node || !parent) return undefined;

  const ase = aseTarget(chain, offset);
  if (ase) return ase;

  const value = literalText(node);
  if (value === undefined) return undefined;
  // `key: value` or `key: [value, …]`, never the key itself.
  const ownerAt = chain.length - (parent.kind === 'array' ? 3 : 2);
  const owner = chain[ownerAt];
  if (owner?.kind !== 'property' || owner.value !== chain[ownerAt + 1]) return undefined;
  const key = propertyName(owner)?.toLowerCase();
  const object = chain[ownerAt - 1];
  if (key === undefined || object?.kind !== 'object') return undefined;
  const holder = chain[ownerAt - 2];
  const target = classifyScalar({
    key,
    value,
    parentKey: holder?.kind === 'property' && holder.value === object ? propertyName(holder)?.toLowerCase() : undefined,
    sibling: (name) => {
      const v = findProperty(object, name)?.value;
      return v ? literalText(v) : undefined;
    },
    hasSibling: (name) => findProperty(object, name) !== undefined,
  });
  return target && { ...target, ...spanOf(node) };
}

/**
 * The logical path (see NodePath in nodeRef.ts) of the innermost node at `offset`:
 * `[symbol, '::child', ...properties and indices]`, with `if`, `for` and parentheses
 * transparent. It stops where the text stops being literal structure (a call, a spread
 * before the element), so it stays a prefix of the paths the model records.
 */
export function bicepPathAt(file: BicepFile, offset: number): NodePath {
  const chain = chainAt(file, offset);
  let path: NodePath = [];
  for (let i = 1; i < chain.length; i++) {
    const node = chain[i];
    const parent = chain[i - 1];
    switch (parent.kind) {
      case 'file': {
        const symbol = symbolOf(node);
        if (symbol === undefined) return path;
        path = [symbol];
        break;
      }
      case 'resource':
      case 'module':
      case 'var':
      case 'output':
      case 'param':
        // The symbol, the type string, decorators: all about the declaration itself.
        if (node !== parent.value) return path;
        break;
      case 'if':
      case 'for':
        if (node !== parent.body) return path;
        break;
      case 'paren':
        break;
      case 'object':
        if (node.kind === 'resource') {
          if (node.name.missing) return path;
          path = [...path, `::${node.name.name}`];
        }
        break;
      case 'property': {
        const name = propertyName(parent);
        if (node !== parent.value || name === undefined) return path;
        path = [...path, name];
        break;
      }
      case 'array': {
        const index = parent.items.indexOf(node as Expression);
        if (index < 0 || parent.items.slice(0, index).some((x) => x.kind === 'spread')) return path;
        path = [...path, index];
        break;
      }
      default:
        return path;
    }
  }
  return path;
}

/**
 * An ASE hovered on its declaration (the `resource` keyword, the symbol, the type
 * string) or on the `name` value in its body, as the ARM hover does on `type`/`name`.
 */
function aseTarget(chain: BicepNode[], offset: number): Target | undefined {
  const node = chain[chain.length - 1];
  let decl: ResourceDeclaration | undefined;
  let span: Span | undefined;
  if (node.kind === 'resource') {
    decl = node;
    if (offset >= node.keyword.start && offset < node.keyword.end) span = node.keyword;
  } else {
    const parent = chain[chain.length - 2];
    if (parent?.kind === 'resource' && (node === parent.name || node === parent.type)) {
      decl = parent;
      span = node;
    } else {
      // The body's `name` property: its key or its value, literal or not (ARM shows the summary on `"name": "[parameters('x')]"` too).
      const at = chain.findIndex((n, i) => n.kind === 'property' && chain[i - 1]?.kind === 'object' && propertyName(n)?.toLowerCase() === 'name');
      const resource = at > 0 ? chain.slice(0, at - 1).reverse().find((n): n is ResourceDeclaration => n.kind === 'resource') : undefined;
      if (resource && bodyOf(resource) === chain[at - 1]) {
        decl = resource;
        span = chain[at + 1] ?? chain[at];
      }
    }
  }
  if (!decl || !span || splitTypeString(decl)?.type.toLowerCase() !== aseResourceType) return undefined;
  return { kind: 'ase', path: resourcePath(chain, decl), resource: spanOf(decl), ...spanOf(span) };
}

/** The object a resource's body is, through `if` and `for`. */
function bodyOf(decl: ResourceDeclaration): ObjectLiteral | undefined {
  let e: Expression = decl.value;
  for (;;) {
    if (e.kind === 'object') return e;
    if (e.kind === 'if' || e.kind === 'for') e = e.body;
    else return undefined;
  }
}

/** `[symbol]`, or `[parent, '::child']` for a resource nested in another's body. */
function resourcePath(chain: BicepNode[], decl: ResourceDeclaration): NodePath {
  const path: NodePath = [];
  for (const n of chain) {
    if (n.kind !== 'resource') continue;
    path.push(path.length === 0 ? n.name.name : `::${n.name.name}`);
    if (n === decl) break;
  }
  return path;
}

/** The name a top-level declaration gives its symbol (resources, modules, vars, params, outputs). */
function symbolOf(node: BicepNode): string | undefined {
  switch (node.kind) {
    case 'resource':
    case 'module':
    case 'var':
    case 'output':
    case 'param':
      return node.name.missing ? undefined : node.name.name;
    default:
      return undefined;
  }
}

/** A string without interpolation or a number, as its text; undefined for anything else. */
function literalText(node: BicepNode): string | undefined {
  if (node.kind === 'string') return stringValue(node);
  if (node.kind === 'number') return String(node.value);
  return undefined;
}

/** From the file down to the innermost node whose text contains `offset`. Iterative: nesting can be deep. */
function chainAt(file: BicepFile, offset: number): BicepNode[] {
  const contains = (n: Span) => offset >= n.start && offset < n.end;
  if (!contains(file)) return [];
  const chain: BicepNode[] = [file];
  for (;;) {
    let next: BicepNode | undefined;
    forEachChild(chain[chain.length - 1], (child) => {
      if (!next && contains(child)) next = child;
    });
    if (!next) return chain;
    chain.push(next);
  }
}

function spanOf(node: Span): TextSpan {
  return { offset: node.start, length: node.end - node.start };
}
