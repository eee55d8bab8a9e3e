/**
 * A fix that removes the one place a parameter is used (a route's `nextHopIpAddress:
 * firewallIp`) would leave the parameter declared and unused: ARM's template checks and
 * Bicep's linter flag it, and the parameters file keeps a value nothing reads. So after
 * the fix's own edits, a parameter that was referenced by a removed value and is
 * referenced nowhere else in its file is removed too, with the value the parameters file
 * the analysis used gives it (ARM and Bicep refuse values for parameters a template does
 * not declare).
 *
 * Decision: only a parameter of the analysed template is removed. A parameter of a
 * module or a linked template is part of that file's interface, which other templates
 * may use; it is left declared and the fix's title says it is left unused.
 */
import { isExpression } from '../eval/expression';
import type { NodePath } from '../core/nodeRef';
import { findProperty as findJsonProperty, propertyKey, propertyValue } from '../parse/jsonNode';
import { parseBicep, walk, type BicepNode, type Identifier } from '../parse/bicep';
import { locate } from './bicep/locate';
import { armReference, armScopeOf, stripParens, type Site } from './definitions';
import type { PlacedChange } from './format';
import { jsonNodeAt, localNamesAround, readTree, type SourceTexts } from './sourceTexts';
import type { Node } from 'jsonc-parser';

/** A parameter of a file's own template (not of a nested template), named as it is declared. */
export interface FileParameter {
  uri: string;
  name: string;
}

/** The parameter the value at `site` is, when it is exactly a reference to a parameter of the file's own template. */
export function parameterAt(site: Site, texts: SourceTexts): FileParameter | undefined {
  if (texts.isBicep(site.uri)) {
    const file = texts.bicepFile(site.uri);
    const at = file && !file.isParamsFile ? locate(file, site.path) : undefined;
    if (!file || !at?.found) return undefined;
    const node = stripParens(at.node);
    if (node.kind !== 'identifier' || node.missing || localNamesAround(file, node.start, node.end).has(node.name)) return undefined;
    const decl = file.declarations.find((d) => d.kind === 'param' && !d.name.missing && d.name.name === node.name);
    return decl ? { uri: site.uri, name: node.name } : undefined;
  }
  if (texts.isJsonParametersFile(site.uri)) return undefined;
  const root = texts.jsonRoot(site.uri);
  const node = jsonNodeAt(root, site.path);
  if (!root || node?.type !== 'string') return undefined;
  const ref = armReference(String(node.value));
  const scope = ref?.kind === 'parameters' ? armScopeOf(root, site.path) : undefined;
  if (!ref || !scope || scope.templatePath.length > 0) return undefined;
  const decl = findJsonProperty(propertyValue(root, 'parameters'), ref.name);
  const name = decl && propertyKey(decl);
  return name === undefined ? undefined : { uri: site.uri, name };
}

/** Whether `text` (the file after the fix) still refers to the parameter. Errs towards "still used". */
export function stillUsed(parameter: FileParameter, text: string, bicep: boolean): boolean {
  return bicep ? bicepReferences(text, parameter.name) : armReferences(text, parameter.name);
}

function armReferences(text: string, name: string): boolean {
  const root = readTree(text);
  if (!root) return true;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`parameters\\s*\\(\\s*'${escaped}'\\s*\\)`, 'i');
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'string' && isExpression(String(n.value)) && pattern.test(String(n.value))) return true;
    if (n.type === 'property') {
      const value = n.children?.[1];
      if (value) stack.push(value);
    } else if (n.children) stack.push(...n.children);
  }
  return false;
}

function bicepReferences(text: string, name: string): boolean {
  const file = parseBicep(text);
  if (file.diagnostics.length > 0) return true;
  let used = false;
  walk(file, (node, parent) => {
    if (used) return false;
    if (node.kind === 'identifier' && node.name === name && isReference(node, parent)) used = true;
    return undefined;
  });
  return used;
}

/** An identifier that names a symbol of the file, not a property, a declaration or a local. */
function isReference(id: Identifier, parent: BicepNode | undefined): boolean {
  if (!parent) return false;
  switch (parent.kind) {
    case 'property':
      return parent.key !== id;
    case 'member':
    case 'resourceAccess':
    case 'call':
      return parent.name !== id;
    case 'for':
      return parent.item !== id && parent.index !== id;
    case 'lambda':
    case 'funcParam':
    case 'importedSymbol':
      return false;
    case 'param':
    case 'var':
    case 'output':
    case 'resource':
    case 'module':
    case 'func':
    case 'type':
    case 'metadata':
    case 'assert':
    case 'test':
      return parent.name !== id;
    default:
      return true;
  }
}

/**
 * The changes that remove `parameter` from its file and from the parameters file the
 * analysis used. Undefined when that cannot be done safely (the parameter belongs to a
 * module or linked template; the parameters file gives it in a way that cannot be
 * removed alone).
 */
export function removalOf(parameter: FileParameter, texts: SourceTexts): PlacedChange[] | undefined {
  const { root, sources } = texts.context;
  if (parameter.uri !== root) return undefined;
  const at = (uri: string, path: NodePath): PlacedChange => ({
    target: { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, path: [] },
    path,
    value: undefined,
  });
  const changes: PlacedChange[] = [];
  if (texts.isBicep(parameter.uri)) changes.push({ ...at(parameter.uri, []), target: { ...at(parameter.uri, []).target, path: [parameter.name] } });
  else changes.push(at(parameter.uri, ['parameters', parameter.name]));
  const file = sources.parametersFile;
  if (file === undefined) return changes;
  if (texts.isBicep(file)) {
    const params = texts.bicepFile(file);
    if (!params) return undefined;
    const decl = params.declarations.find((d) => d.kind === 'param' && !d.name.missing && d.name.name === parameter.name);
    if (decl) {
      // Another value of the file may read it.
      if (bicepReferences(params.text.slice(0, decl.start) + ' '.repeat(decl.end - decl.start) + params.text.slice(decl.end), parameter.name)) return undefined;
      changes.push({ ...at(file, []), target: { ...at(file, []).target, path: [parameter.name] } });
    }
    return changes;
  }
  const entry = findJsonProperty(propertyValue(texts.jsonRoot(file), 'parameters'), parameter.name);
  const key = entry && propertyKey(entry);
  if (key !== undefined) changes.push(at(file, ['parameters', key]));
  return changes;
}
