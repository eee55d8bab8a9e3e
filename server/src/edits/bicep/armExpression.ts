import { isExpression, parseExpression, type Expr } from '../../eval/expression';
import { stringValue, type Expression } from '../../parse/bicep';
import { isIdentifier, stringLiteral } from './literal';
import { resourceKey, type SymbolTable } from './symbols';

/**
 * ARM functions that Bicep offers under the same meaning, by lower-cased ARM name →
 * Bicep spelling (Bicep function names are case-sensitive, ARM's are not). Logical and
 * arithmetic functions (`if`, `equals`, `add`, …) are operators in Bicep and `reference`
 * or `list*` work through symbols, so those are deliberately absent: an expression
 * using them is refused rather than translated half right. The one `reference` that is
 * translated is the symbolic-name form (see `callToBicep`).
 */
const BICEP_FUNCTIONS = new Map(
  [
    'resourceId', 'subscriptionResourceId', 'tenantResourceId', 'extensionResourceId', 'managementGroupResourceId',
    'resourceGroup', 'subscription', 'tenant', 'managementGroup', 'deployment', 'environment',
    'concat', 'format', 'uniqueString', 'guid', 'toLower', 'toUpper', 'string', 'int', 'bool',
    'length', 'empty', 'contains', 'first', 'last', 'split', 'replace', 'substring', 'trim',
    'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'padLeft', 'take', 'skip', 'union', 'intersection',
    'min', 'max', 'range', 'coalesce', 'base64', 'uri', 'uriComponent', 'dataUri',
    'cidrSubnet', 'cidrHost', 'parseCidr', 'pickZones',
  ].map((name) => [name.toLowerCase(), name]),
);

/** The Bicep names a translated expression may produce; a new symbol must not shadow them. */
export const TRANSLATED_FUNCTION_NAMES: ReadonlySet<string> = new Set(BICEP_FUNCTIONS.keys());

/**
 * A JSON string as a Bicep expression: an ARM expression (`[…]`) translated, an escaped
 * literal (`[[…`) unescaped, anything else quoted. Undefined when the expression has no
 * straightforward Bicep equivalent.
 */
export function stringToBicep(value: string, symbols: SymbolTable): string | undefined {
  if (isExpression(value)) return armToBicep(parseExpression(value.slice(1, -1)), symbols);
  if (value.startsWith('[[')) return stringLiteral(value.slice(1));
  return stringLiteral(value);
}

function armToBicep(e: Expr, symbols: SymbolTable): string | undefined {
  switch (e.kind) {
    case 'string':
      return stringLiteral(e.value);
    case 'number':
      // Bicep has integers only.
      return Number.isInteger(e.value) ? String(e.value) : undefined;
    case 'boolean':
      return String(e.value);
    case 'null':
      return 'null';
    case 'property': {
      const object = armToBicep(e.object, symbols);
      return object !== undefined && isIdentifier(e.name) ? `${object}.${e.name}` : undefined;
    }
    case 'index': {
      const object = armToBicep(e.object, symbols);
      const index = armToBicep(e.index, symbols);
      return object !== undefined && index !== undefined ? `${object}[${index}]` : undefined;
    }
    case 'call':
      return callToBicep(e, symbols);
    case 'error':
      return undefined;
  }
}

function callToBicep(e: Extract<Expr, { kind: 'call' }>, symbols: SymbolTable): string | undefined {
  if (e.namespace !== undefined) return undefined;
  const lower = e.name.toLowerCase();
  if (lower === 'reference') {
    // `reference('<symbol>')`, as a template with symbolic names (languageVersion 2.0)
    // reads a resource it declares: the resource's properties, `<symbol>.properties` in
    // Bicep. Only a symbol of a single, unconditional resource of the file (or one this
    // fix declares); every other `reference` is refused.
    const arg = e.args.length === 1 ? e.args[0] : undefined;
    return arg?.kind === 'string' && symbols.declared.has(arg.value) ? `${arg.value}.properties` : undefined;
  }
  if (lower === 'parameters' || lower === 'variables') {
    const arg = e.args.length === 1 ? e.args[0] : undefined;
    if (arg?.kind !== 'string') return undefined;
    // Only a name the file declares: anything else would be an undefined symbol.
    return (lower === 'parameters' ? symbols.params : symbols.vars).get(arg.value.toLowerCase());
  }
  const name = BICEP_FUNCTIONS.get(lower);
  if (name === undefined) return undefined;
  const args: string[] = [];
  for (const a of e.args) {
    const arg = armToBicep(a, symbols);
    if (arg === undefined) return undefined;
    args.push(arg);
  }
  return `${name}(${args.join(', ')})`;
}

/**
 * An ARM `dependsOn` entry as the symbol of the resource it names: Bicep's `dependsOn`
 * takes symbols. Only `resourceId('type', 'name')` of a resource declared (or being
 * declared) in this file with that literal type and name can be resolved, or a plain
 * symbol (as a template with symbolic names writes its `dependsOn`) of a single,
 * unconditional resource of the file or of this fix.
 */
export function dependencyToBicep(value: unknown, symbols: SymbolTable): string | undefined {
  if (typeof value === 'string' && !isExpression(value)) return symbols.declared.has(value) ? value : undefined;
  if (typeof value !== 'string' || !isExpression(value)) return undefined;
  const e = parseExpression(value.slice(1, -1));
  if (e.kind !== 'call' || e.namespace !== undefined || e.name.toLowerCase() !== 'resourceid' || e.args.length !== 2) return undefined;
  const [type, name] = e.args;
  if (type.kind !== 'string' || name.kind !== 'string') return undefined;
  return symbols.resources.get(resourceKey(type.value, name.value));
}

/** Bicep spelling → the ARM name of the same function. */
const ARM_FUNCTIONS = new Map([...BICEP_FUNCTIONS.values()].map((name) => [name, name]));

/**
 * A Bicep expression as the ARM expression string (`[…]`) that means the same, for a
 * value written again elsewhere (which the Bicep renderer then writes back in Bicep):
 * literals, the file's parameters and variables (`isDeclared` says which a name is), the
 * functions both languages share, property and index access. Undefined for anything else
 * (operators, resource symbols, loop variables), which is not translated half right.
 */
export function bicepToArm(node: Expression, kindOf: (name: string) => 'param' | 'var' | undefined): string | undefined {
  if (node.kind === 'string') {
    const value = node.expressions.length === 0 ? stringValue(node) : undefined;
    // A plain string is its own value, not an expression.
    return value === undefined ? undefined : value.startsWith('[') ? `[${value}` : value;
  }
  const inner = expression(node, kindOf);
  return inner === undefined ? undefined : `[${inner}]`;
}

function expression(node: Expression, kindOf: (name: string) => 'param' | 'var' | undefined): string | undefined {
  switch (node.kind) {
    case 'paren':
      return expression(node.expression, kindOf);
    case 'string': {
      const value = node.expressions.length === 0 ? stringValue(node) : undefined;
      return value === undefined ? undefined : `'${value.replace(/'/g, "''")}'`;
    }
    case 'number':
      return Number.isSafeInteger(node.value) ? String(node.value) : undefined;
    case 'identifier': {
      if (node.missing) return undefined;
      const kind = kindOf(node.name);
      return kind === 'param' ? `parameters('${node.name}')` : kind === 'var' ? `variables('${node.name}')` : undefined;
    }
    case 'member': {
      const object = node.safe ? undefined : expression(node.object, kindOf);
      return object === undefined || node.name.missing ? undefined : `${object}.${node.name.name}`;
    }
    case 'index': {
      const object = node.safe || node.fromEnd ? undefined : expression(node.object, kindOf);
      const index = object === undefined ? undefined : expression(node.index, kindOf);
      return index === undefined ? undefined : `${object}[${index}]`;
    }
    case 'call': {
      const name = node.object === undefined ? ARM_FUNCTIONS.get(node.name.name) : undefined;
      if (name === undefined || node.close < 0) return undefined;
      const args: string[] = [];
      for (const a of node.args) {
        const arg = expression(a, kindOf);
        if (arg === undefined) return undefined;
        args.push(arg);
      }
      return `${name}(${args.join(', ')})`;
    }
    default:
      return undefined;
  }
}
