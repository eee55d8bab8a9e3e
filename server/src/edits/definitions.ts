/**
 * Where a value is defined, for an edit that changes it. A fix that sets a value must
 * set it where the user gives it, or not at all: replacing `addressPrefix:
 * aseSubnetPrefix` with a literal leaves the parameter (and everything else that reads
 * it) behind. So the text at the change's place is read: a literal is edited there; a
 * reference to a parameter or a variable is followed to where the value comes from —
 *
 * - a variable: its value;
 * - a parameter of the analysed template: its value in the parameters file the analysis
 *   used (a `*.parameters.json` or a `.bicepparam`), else its default;
 * - a parameter of a module, a linked template or a nested template with inner scope:
 *   the argument of the one declaration that deploys it (followed further when that is
 *   itself a reference), else its default;
 *
 * and anything else (a function call, a property of an object parameter, a parameter
 * with no value we can see, a file deployed from several places) refuses the fix. The
 * ARM and Bicep syntax of references is read here, so rules never see it.
 */
import type { Node } from 'jsonc-parser';
import { isExpression, parseExpression } from '../eval/expression';
import type { NodePath, NodeRef } from '../core/nodeRef';
import type { JsonValue } from '../core/value';
import { propertyKey, propertyValue, findProperty as findJsonProperty, valueAt } from '../parse/jsonNode';
import { stringValue, type BicepFile, type Declaration, type Expression } from '../parse/bicep';
import { locate } from './bicep/locate';
import { bicepToArm } from './bicep/armExpression';
import { fileName, jsonNodeAt, localNamesAround, type SourceTexts } from './sourceTexts';

/** A place in a file: the file and the path of a value in it (ARM JSON path or Bicep node path). */
export interface Site {
  uri: string;
  path: NodePath;
}

export interface Definition {
  site: Site;
  /** What the site is, when it is not the place the change named: "parameter 'p' in main.bicepparam". */
  describe?: string;
}

type Step = { site: Site; describe: string } | 'here' | undefined;

/** References followed before giving up (a chain of modules passing a value down). */
const MAX_STEPS = 24;

/** Where the value at `site` is defined: `site` itself when it is written there literally (or not written yet); undefined when it cannot be edited where it is defined. */
export function definitionOf(site: Site, texts: SourceTexts): Definition | undefined {
  let current = site;
  let describe: string | undefined;
  for (let i = 0; i < MAX_STEPS; i++) {
    const next = texts.isBicep(current.uri) ? bicepStep(current, texts) : armStep(current, texts);
    if (next === undefined) return undefined;
    if (next === 'here') {
      if (describe === undefined) return { site: current };
      const where = current.uri !== site.uri && !describe.includes(fileName(current.uri)) ? ` in ${fileName(current.uri)}` : '';
      return { site: current, describe: `${describe}${where}` };
    }
    current = next.site;
    describe = next.describe;
  }
  return undefined;
}

// ARM --------------------------------------------------------------------------------

/** A parameter or variable reference that is the whole expression: `[parameters('p')]`. */
export function armReference(text: string): { kind: 'parameters' | 'variables'; name: string } | undefined {
  if (!isExpression(text)) return undefined;
  const e = parseExpression(text.slice(1, -1));
  if (e.kind !== 'call' || e.namespace !== undefined || e.args.length !== 1 || e.args[0].kind !== 'string') return undefined;
  const name = e.name.toLowerCase();
  return name === 'parameters' || name === 'variables' ? { kind: name, name: e.args[0].value } : undefined;
}

/** The template a path is evaluated in: the file's, or a nested template with inner scope (with the deployment that supplies its parameters). */
export interface ArmScope {
  templatePath: NodePath;
  deploymentPath?: NodePath;
}

/** Undefined when a nested deployment on the way has a scope that is not written literally. */
export function armScopeOf(root: Node, path: NodePath): ArmScope | undefined {
  let scope: ArmScope = { templatePath: [] };
  let node: Node | undefined = root;
  for (let i = 0; i < path.length && node; i++) {
    const segment = path[i];
    const nextSegment = path[i + 1];
    if (
      node.type === 'object' &&
      typeof segment === 'string' &&
      typeof nextSegment === 'string' &&
      segment.toLowerCase() === 'properties' &&
      nextSegment.toLowerCase() === 'template' &&
      isDeployment(node)
    ) {
      const mode = valueAt(node, 'properties', 'expressionEvaluationOptions', 'scope');
      if (mode) {
        if (mode.type !== 'string' || isExpression(String(mode.value))) return undefined;
        const m = String(mode.value).toLowerCase();
        if (m === 'inner') scope = { templatePath: path.slice(0, i + 2), deploymentPath: path.slice(0, i) };
        else if (m !== 'outer') return undefined;
      }
    }
    node = jsonNodeAt(node, [segment]);
  }
  return scope;
}

function isDeployment(node: Node): boolean {
  const type = propertyValue(node, 'type');
  return type?.type === 'string' && String(type.value).toLowerCase() === 'microsoft.resources/deployments';
}

function armStep(site: Site, texts: SourceTexts): Step {
  const root = texts.jsonRoot(site.uri);
  if (!root) return undefined;
  const node = jsonNodeAt(root, site.path);
  if (!node) return 'here';
  if (texts.isJsonParametersFile(site.uri) || node.type !== 'string' || !isExpression(String(node.value))) return 'here';
  const ref = armReference(String(node.value));
  if (!ref) return undefined;
  const scope = armScopeOf(root, site.path);
  if (!scope) return undefined;
  const template = jsonNodeAt(root, scope.templatePath);
  if (ref.kind === 'variables') {
    const v = findJsonProperty(propertyValue(template, 'variables'), ref.name);
    const name = v && propertyKey(v);
    if (name === undefined) return undefined;
    return { site: { uri: site.uri, path: [...scope.templatePath, 'variables', name] }, describe: `variable '${name}'` };
  }
  const decl = findJsonProperty(propertyValue(template, 'parameters'), ref.name);
  const name = decl && propertyKey(decl);
  if (name === undefined) return undefined;
  const supplied = armSupplied(site.uri, scope, name, texts);
  if (supplied !== 'default') return supplied;
  if (!propertyValue(decl!.children?.[1], 'defaultValue')) return undefined;
  return { site: { uri: site.uri, path: [...scope.templatePath, 'parameters', name, 'defaultValue'] }, describe: `the default of parameter '${name}'` };
}

/** Where an ARM template's parameter gets its value from outside the template, or `'default'` when nothing gives one. */
function armSupplied(uri: string, scope: ArmScope, name: string, texts: SourceTexts): Step | 'default' {
  if (scope.deploymentPath) {
    const root = texts.jsonRoot(uri);
    const deployment = jsonNodeAt(root, scope.deploymentPath);
    return deploymentArgument({ uri, path: scope.deploymentPath }, deployment, name, 'deployment', texts);
  }
  return fileParameterSupplied(uri, name, texts);
}

/** A parameter of a whole file (an ARM template or a Bicep file): from the parameters file of the analysed template, or from the one declaration that deploys the file. */
function fileParameterSupplied(uri: string, name: string, texts: SourceTexts): Step | 'default' {
  const { root, sources } = texts.context;
  if (uri === root) {
    const file = sources.parametersFile;
    if (file === undefined) return 'default';
    if (texts.isBicep(file)) {
      const params = texts.bicepFile(file);
      const decl = params && paramDeclaration(params, name);
      if (!params) return undefined;
      if (!decl?.value) return 'default';
      return { site: { uri: file, path: [decl.name.name] }, describe: `parameter '${decl.name.name}' in ${fileName(file)}` };
    }
    const entry = findJsonProperty(propertyValue(texts.jsonRoot(file), 'parameters'), name);
    const key = entry && propertyKey(entry);
    if (!entry || key === undefined) return texts.jsonRoot(file) ? 'default' : undefined;
    if (!propertyValue(entry.children?.[1], 'value')) return undefined; // a Key Vault reference
    return { site: { uri: file, path: ['parameters', key, 'value'] }, describe: `parameter '${key}' in ${fileName(file)}` };
  }
  const deployers = texts.deployersOf(uri);
  const only = deployers.length === 1 ? deployers[0] : undefined;
  if (!only?.path) return undefined;
  if (texts.isBicep(only.uri)) {
    const caller = texts.bicepFile(only.uri);
    const at = caller && locate(caller, [...only.path, 'params', name]);
    if (!at) return undefined;
    if (!at.found) return 'default';
    return { site: { uri: only.uri, path: [...only.path, 'params', name] }, describe: `the argument '${name}' of module '${String(only.path[0])}'` };
  }
  return deploymentArgument({ uri: only.uri, path: only.path }, jsonNodeAt(texts.jsonRoot(only.uri), only.path), name, 'deployment', texts);
}

/** The `properties.parameters.<name>.value` of an ARM deployment resource. */
function deploymentArgument(at: Site, deployment: Node | undefined, name: string, what: string, texts: SourceTexts): Step | 'default' {
  if (!deployment) return undefined;
  const params = valueAt(deployment, 'properties', 'parameters');
  if (!params) return 'default';
  if (params.type !== 'object') return undefined;
  const entry = findJsonProperty(params, name);
  const key = entry && propertyKey(entry);
  if (!entry || key === undefined) return 'default';
  if (!propertyValue(entry.children?.[1], 'value')) return undefined;
  const named = propertyValue(deployment, 'name');
  const label = named?.type === 'string' && !isExpression(String(named.value)) ? ` '${String(named.value)}'` : '';
  void texts;
  return { site: { uri: at.uri, path: [...at.path, 'properties', 'parameters', key, 'value'] }, describe: `the argument '${key}' of ${what}${label}` };
}

// Bicep ------------------------------------------------------------------------------

function bicepStep(site: Site, texts: SourceTexts): Step {
  const file = texts.bicepFile(site.uri);
  if (!file) return undefined;
  const at = locate(file, site.path);
  if (!at) return undefined;
  if (!at.found) return 'here';
  const node = stripParens(at.node);
  if (isBicepLiteral(node)) return 'here';
  if (node.kind !== 'identifier' || node.missing) return undefined;
  if (localNamesAround(file, node.start, node.end).has(node.name)) return undefined;
  const decl = file.declarations.find((d) => (d.kind === 'param' || d.kind === 'var') && !d.name.missing && d.name.name === node.name);
  if (!decl || (decl.kind !== 'param' && decl.kind !== 'var')) return undefined;
  const name = decl.name.name;
  if (decl.kind === 'var') return { site: { uri: site.uri, path: [name] }, describe: `variable '${name}'` };
  if (file.isParamsFile) return decl.value ? { site: { uri: site.uri, path: [name] }, describe: `parameter '${name}' in ${fileName(site.uri)}` } : undefined;
  const supplied = fileParameterSupplied(site.uri, name, texts);
  if (supplied !== 'default') return supplied;
  if (!decl.value) return undefined;
  return { site: { uri: site.uri, path: [name] }, describe: `the default of parameter '${name}'` };
}

function paramDeclaration(file: BicepFile, name: string): Extract<Declaration, { kind: 'param' }> | undefined {
  const d = file.declarations.find((x) => x.kind === 'param' && !x.name.missing && x.name.name === name);
  return d?.kind === 'param' ? d : undefined;
}

export function stripParens(e: Expression): Expression {
  let n = e;
  while (n.kind === 'paren') n = n.expression;
  return n;
}

/** Text that is its own value: a string without interpolation, a number, a boolean, null, an object or array literal. */
function isBicepLiteral(e: Expression): boolean {
  switch (e.kind) {
    case 'string':
      return e.expressions.length === 0;
    case 'number':
    case 'boolean':
    case 'null':
    case 'object':
    case 'array':
      return true;
    case 'unary':
      return e.operand.kind === 'number';
    default:
      return false;
  }
}

// Values written as they are elsewhere ---------------------------------------------------

/**
 * The expression written at `ref`, as a value to write at `target` (an ARM expression
 * string, which the Bicep renderer writes in Bicep): the literal wherever it goes; a
 * parameter or variable reference only in the same file and template scope, where it
 * means the same; with `anyExpression`, there also any expression that reads no loop
 * index (in Bicep: one made of the file's parameters and variables, literals, and the
 * functions both languages share). Undefined when there is no such expression.
 */
export function expressionWrittenAt(ref: NodeRef, target: Site, texts: SourceTexts, anyExpression = false): JsonValue | undefined {
  if (!ref.path) return undefined;
  if (texts.isBicep(ref.uri)) {
    const file = texts.bicepFile(ref.uri);
    const at = file && locate(file, ref.path);
    if (!file || !at?.found) return undefined;
    const node = stripParens(at.node);
    if (node.kind === 'string' && node.expressions.length === 0) {
      const value = stringValue(node);
      return value === undefined ? undefined : escapeArmLiteral(value);
    }
    if (ref.uri !== target.uri || file.isParamsFile) return undefined;
    const locals = localNamesAround(file, node.start, node.end);
    const kindOf = (name: string): 'param' | 'var' | undefined => {
      if (locals.has(name) || shadowedAtTarget(file, target.path, name)) return undefined;
      const decl = file.declarations.find((d) => (d.kind === 'param' || d.kind === 'var') && !d.name.missing && d.name.name === name);
      return decl?.kind === 'param' || decl?.kind === 'var' ? decl.kind : undefined;
    };
    if (node.kind !== 'identifier' && !anyExpression) return undefined;
    return bicepToArm(node, kindOf);
  }
  const root = texts.jsonRoot(ref.uri);
  const node = jsonNodeAt(root, ref.path);
  if (!root || node?.type !== 'string') return undefined;
  const value = String(node.value);
  if (texts.isJsonParametersFile(ref.uri)) return escapeArmLiteral(value);
  if (!isExpression(value)) return value;
  if (ref.uri !== target.uri) return undefined;
  if (anyExpression ? /\bcopyIndex\s*\(/i.test(value) : !armReference(value)) return undefined;
  const from = armScopeOf(root, ref.path);
  const to = armScopeOf(root, target.path);
  if (!from || !to || !samePath(from.templatePath, to.templatePath)) return undefined;
  return value;
}

/** A literal string as ARM writes it: a leading `[` is doubled so it is not read as an expression. */
function escapeArmLiteral(value: string): string {
  return value.startsWith('[') ? `[${value}` : value;
}

/** Whether a loop variable or lambda parameter named `name` surrounds the place `path` names (the deepest part of it that exists). */
function shadowedAtTarget(file: BicepFile, path: NodePath, name: string): boolean {
  // The file's top level (a new declaration): nothing there binds a local name.
  if (path.length === 0) return false;
  for (let n = path.length; n > 0; n--) {
    const at = locate(file, path.slice(0, n));
    if (!at) continue;
    const node = at.found ? at.node : at.object;
    return localNamesAround(file, node.start, node.end).has(name);
  }
  return true;
}

function samePath(a: NodePath, b: NodePath): boolean {
  return a.length === b.length && a.every((s, i) => (typeof s === 'string' && typeof b[i] === 'string' ? s.toLowerCase() === (b[i] as string).toLowerCase() : s === b[i]));
}
