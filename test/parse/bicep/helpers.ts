import assert from 'node:assert/strict';
import {
  parseBicep,
  type BicepFile,
  type Declaration,
  type Expression,
  type ObjectItem,
  type Spread,
  type TypeExpression,
} from '../../../server/src/parse/bicep';
import { checkTree } from './treeChecks';

/** Parses text that must be valid: no diagnostics, a sound tree. */
export function parseClean(text: string): BicepFile {
  const file = parseBicep(text);
  assert.deepEqual(
    file.diagnostics.map((d) => `${d.message} at ${JSON.stringify(text.slice(d.start, d.end + 10))}`),
    [],
  );
  checkTree(file, text);
  return file;
}

/** Parses text with errors: the tree must still be sound. */
export function parseBroken(text: string): BicepFile {
  const file = parseBicep(text);
  assert.ok(file.diagnostics.length > 0, 'expected syntax errors');
  checkTree(file, text);
  return file;
}

/** The declaration of that kind (the first, or the `index`th). */
export function declaration<K extends Declaration['kind']>(
  file: BicepFile,
  kind: K,
  index = 0,
): Extract<Declaration, { kind: K }> {
  const found = file.declarations.filter((d) => d.kind === kind);
  assert.ok(found.length > index, `no ${kind} declaration #${index} in ${file.declarations.map((d) => d.kind)}`);
  return found[index] as Extract<Declaration, { kind: K }>;
}

/** The value of `var x = <text>`. */
export function valueOf(text: string): Expression {
  return declaration(parseClean(`var x = ${text}\n`), 'var').value;
}

export function textOf(file: BicepFile, node: { start: number; end: number }): string {
  return file.text.slice(node.start, node.end);
}

/** A compact rendering of an expression's structure, with explicit grouping. */
export function show(e: Expression | ObjectItem | Spread | TypeExpression): string {
  switch (e.kind) {
    case 'identifier':
      return e.missing ? '<missing>' : e.name;
    case 'string':
      return `'${e.segments.map((s, i) => (i === 0 ? s : `\${${show(e.expressions[i - 1])}}${s}`)).join('')}'`;
    case 'number':
      return e.raw;
    case 'boolean':
      return String(e.value);
    case 'null':
      return 'null';
    case 'object':
      return `{${e.items.map(show).join(', ')}}`;
    case 'property':
      return `${show(e.key)}: ${show(e.value)}`;
    case 'spread':
      return `...${show(e.expression)}`;
    case 'resource':
      return `resource ${e.name.name}`;
    case 'array':
      return `[${e.items.map(show).join(', ')}]`;
    case 'member':
      return `${show(e.object)}${e.safe ? '.?' : '.'}${e.name.name}`;
    case 'index':
      return `${show(e.object)}[${e.safe ? '?' : ''}${e.fromEnd ? '^' : ''}${show(e.index)}]`;
    case 'resourceAccess':
      return `${show(e.object)}::${e.name.name}`;
    case 'nonNull':
      return `${show(e.expression)}!`;
    case 'call':
      return `${e.object ? `${show(e.object)}.` : ''}${e.name.name}(${e.args.map(show).join(', ')})`;
    case 'unary':
      return `(${e.operator}${show(e.operand)})`;
    case 'binary':
      return `(${show(e.left)} ${e.operator} ${show(e.right)})`;
    case 'ternary':
      return `(${show(e.condition)} ? ${show(e.whenTrue)} : ${show(e.whenFalse)})`;
    case 'paren':
      return `paren(${show(e.expression)})`;
    case 'lambda':
      return `(${e.params.map(show).join(', ')}) => ${show(e.body)}`;
    case 'for':
      return `[for ${show(e.item)}${e.index ? `, ${show(e.index)}` : ''} in ${show(e.iterable)}: ${show(e.body)}]`;
    case 'if':
      return `if (${show(e.condition)}) ${show(e.body)}`;
    case 'error':
      return '<error>';
    case 'typeRef':
      return show(e.name);
    case 'typeMember':
      return `${show(e.object)}.${e.name.name}`;
    case 'typeIndex':
      return `${show(e.object)}[${e.index ? show(e.index) : '*'}]`;
    case 'arrayType':
      return `${show(e.element)}[]`;
    case 'parameterizedType':
      return `${e.object ? `${show(e.object)}.` : ''}${e.name.name}<${e.args.map(show).join(', ')}>`;
    case 'resourceType':
      return `resource ${e.type ? show(e.type) : ''}`.trim();
    case 'objectType':
      return `{${e.properties
        .map((p) => (p.kind === 'error' ? '<error>' : `${p.decorators.map((d) => `@${show(d.expression)} `).join('')}${show(p.key)}: ${show(p.value)}`))
        .join(', ')}}`;
    case 'tupleType':
      return `[${e.items.map((i) => (i.kind === 'error' ? '<error>' : `${i.decorators.map((d) => `@${show(d.expression)} `).join('')}${show(i.value)}`)).join(', ')}]`;
    case 'unionType':
      return e.members.map(show).join(' | ');
    case 'nullableType':
      return `${show(e.base)}?`;
    case 'nonNullableType':
      return `${show(e.base)}!`;
    case 'parenType':
      return `(${show(e.type)})`;
  }
}
