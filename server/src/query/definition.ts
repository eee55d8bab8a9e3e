import type { LocationLink } from 'vscode-languageserver';
import type { AnalysedDocument } from '../engine/analyze';
import type { Range } from '../core/nodeRef';
import { isBicepParamsUri, isBicepUri, parseBicepDocument } from '../parse/bicep/document';
import { parseArmDocument, rangeOf } from '../parse/arm';
import { propertyValue } from '../parse/jsonNode';
import {
  nodeRange,
  propertyName,
  stringValue,
  type BicepFile,
  type BicepNode,
  type Declaration,
  type Identifier,
  type ImportDeclaration,
  type ModuleDeclaration,
  type ResourceDeclaration,
  type Span,
} from '../parse/bicep';
import { bodyObject, chainAtCursor, localFileUri } from './bicepSyntax';

/** Reads another file (a module, an imported file, the template of a `.bicepparam`); undefined when it cannot be read. */
export type ReadFile = (uri: string) => string | undefined;

/** Where a name was declared, in the file that declares it. */
interface Target {
  uri: string;
  /** The whole declaration. */
  range: Range;
  /** Its name (or, for a file, its start). */
  selection: Range;
}

/** What kind of name the cursor is on decides where it is looked up: values, types and functions live apart in Bicep. */
type Space = 'value' | 'type' | 'function';

const fileStart: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Go to definition in Bicep: a symbol to its declaration (parameters, variables,
 * resources, modules, types, functions, loop and lambda variables, nested resources
 * through `::`, imported names into the file they come from); a module's, an import's
 * or a `using` path to the file; `module.outputs.x` and a module's `params` keys into the
 * module; a `.bicepparam` parameter to the template's. Reads syntax only: the answer does
 * not depend on any value. Null for ARM JSON, and where nothing is declared.
 */
export function definitionAt(document: AnalysedDocument, offset: number, read: ReadFile): LocationLink[] | null {
  if (document.language !== 'bicep') return null;
  const file = document.file;
  const chain = chainAtCursor(file, offset);
  const node = chain[chain.length - 1];
  const parent = chain[chain.length - 2];
  if (!node || !parent) return null;
  const origin = nodeRange(file, node);
  const link = (t: Target | undefined): LocationLink[] | null =>
    t ? [{ originSelectionRange: origin, targetUri: t.uri, targetRange: t.range, targetSelectionRange: t.selection }] : null;
  const here = (decl: Span, name: Span): Target => ({ uri: document.uri, range: nodeRange(file, decl), selection: nodeRange(file, name) });

  if (node.kind === 'string') {
    const path = pathOwnedBy(parent, node);
    const uri = path === undefined ? undefined : localFileUri(path, document.uri);
    return uri && read(uri) !== undefined ? link({ uri, range: fileStart, selection: fileStart }) : null;
  }
  if (node.kind !== 'identifier' || node.missing) return null;
  const name = node.name;

  switch (parent.kind) {
    case 'param':
      if (parent.name !== node) break;
      // In a `.bicepparam` file a parameter is the template's: go there.
      if (isBicepParamsUri(document.uri)) return link(templateParam(file, document.uri, name, read));
      return link(here(parent, node));
    case 'var':
    case 'output':
    case 'type':
    case 'func':
    case 'resource':
    case 'module':
    case 'test':
    case 'assert':
    case 'metadata':
      if (parent.name === node) return link(here(parent, node));
      break;
    case 'funcParam':
      if (parent.name === node) return link(here(parent, node));
      break;
    case 'for':
      // The loop's own variables; the iterated expression and the body are references.
      if (parent.item === node || parent.index === node) return link(here(node, node));
      break;
    case 'lambda':
      if (parent.params.includes(node)) return link(here(node, node));
      break;
    case 'importedSymbol': {
      const decl = chain[chain.length - 3] as ImportDeclaration;
      if (parent.alias === node) return link(here(parent, node));
      const from = decl.from?.kind === 'string' ? stringValue(decl.from) : undefined;
      return link(from === undefined ? undefined : exported(document.uri, from, name, 'any', read));
    }
    case 'member':
      if (parent.name !== node) break;
      return link(memberTarget(file, document.uri, parent.object, name, read));
    case 'resourceAccess': {
      if (parent.name !== node) break;
      const owner = resourceOf(file, chain, parent.object);
      const child = owner && nestedResources(owner).find((r) => r.name.name === name);
      return link(child && here(child, child.name));
    }
    case 'call':
      if (parent.name !== node) break;
      if (parent.object) return link(namespaceMember(file, document.uri, parent.object, name, 'function', read));
      return link(resolve(file, document.uri, chain, name, 'function', read));
    case 'typeRef':
      return link(resolve(file, document.uri, chain, name, 'type', read));
    case 'typeMember':
      if (parent.name !== node) break;
      return link(namespaceMember(file, document.uri, parent.object, name, 'type', read));
    case 'property': {
      if (parent.key !== node) break;
      return link(moduleParam(document.uri, chain, name, read));
    }
  }
  if (isExpressionPosition(parent, node)) return link(resolve(file, document.uri, chain, name, 'value', read));
  return null;
}

/** The path string of a `module`, `test`, `import … from`, `using` or `extends` declaration, when `node` is it. */
function pathOwnedBy(parent: BicepNode, node: BicepNode): string | undefined {
  if (node.kind !== 'string') return undefined;
  const own =
    ((parent.kind === 'module' || parent.kind === 'test' || parent.kind === 'using' || parent.kind === 'extends') && parent.path === node) ||
    (parent.kind === 'import' && parent.from === node);
  return own ? stringValue(node) : undefined;
}

/** An identifier that stands for a value where it is: not a property key, a declaration's name or a member name. */
function isExpressionPosition(parent: BicepNode, node: Identifier): boolean {
  switch (parent.kind) {
    case 'property':
      return parent.value === node;
    case 'member':
    case 'resourceAccess':
      return parent.object === node;
    case 'call':
      return parent.object === node || parent.args.includes(node);
    case 'decorator':
      return false;
    default:
      return true;
  }
}

/** Looks `name` up from the innermost scope of `chain` outwards: loop and lambda variables, function parameters, nested resources, then the file. */
function resolve(file: BicepFile, uri: string, chain: BicepNode[], name: string, space: Space, read: ReadFile): Target | undefined {
  const here = (decl: Span, id: Span): Target => ({ uri, range: nodeRange(file, decl), selection: nodeRange(file, id) });
  if (space === 'value') {
    for (let i = chain.length - 2; i >= 0; i--) {
      const scope = chain[i];
      if (scope.kind === 'for') {
        // The variables are visible in the body only, not in the iterated expression.
        if (chain[i + 1] !== scope.body) continue;
        for (const v of [scope.item, scope.index]) if (v && !v.missing && v.name === name) return here(v, v);
      } else if (scope.kind === 'lambda') {
        const p = scope.params.find((x) => x.name === name);
        if (p) return here(p, p);
      } else if (scope.kind === 'func') {
        const p = scope.params.find((x) => x.name.name === name);
        if (p) return here(p, p.name);
      } else if (scope.kind === 'resource') {
        // A resource's nested resources are in scope inside its body.
        if (chain[i + 1] !== scope.value) continue;
        const child = nestedResources(scope).find((r) => r.name.name === name);
        if (child) return here(child, child.name);
      }
    }
  }
  for (const d of file.declarations) {
    const found = declares(d, name, space);
    if (!found) continue;
    if (found.kind === 'importedSymbol') {
      // What the import names: the declaration in the file it comes from, else the import itself.
      const from = d.kind === 'import' && d.from?.kind === 'string' ? stringValue(d.from) : undefined;
      const exportedName = found.node.name.kind === 'identifier' ? found.node.name.name : found.node.name.kind === 'string' ? stringValue(found.node.name) : undefined;
      const there = from && exportedName ? exported(uri, from, exportedName, space, read) : undefined;
      return there ?? here(found.node, found.local);
    }
    return here(found.decl, found.local);
  }
  return undefined;
}

type Declared =
  | { kind: 'declaration'; decl: Span; local: Span }
  | { kind: 'importedSymbol'; node: Extract<BicepNode, { kind: 'importedSymbol' }>; local: Span; decl: Span };

/** Whether top-level declaration `d` declares `name` in `space`, and where. */
function declares(d: Declaration, name: string, space: Space): Declared | undefined {
  const is = (id: Identifier | undefined) => id !== undefined && !id.missing && id.name === name;
  switch (d.kind) {
    case 'param':
    case 'var':
    case 'resource':
    case 'module':
      return space === 'value' && is(d.name) ? { kind: 'declaration', decl: d, local: d.name } : undefined;
    case 'type':
      return space === 'type' && is(d.name) ? { kind: 'declaration', decl: d, local: d.name } : undefined;
    case 'func':
      return space === 'function' && is(d.name) ? { kind: 'declaration', decl: d, local: d.name } : undefined;
    case 'extension':
      return is(d.alias) ? { kind: 'declaration', decl: d, local: d.alias! } : undefined;
    case 'import': {
      if (is(d.wildcard)) return { kind: 'declaration', decl: d, local: d.wildcard! };
      if (is(d.alias)) return { kind: 'declaration', decl: d, local: d.alias! };
      for (const s of d.symbols ?? []) {
        const local = s.alias ?? (s.name.kind === 'identifier' ? s.name : undefined);
        if (local && is(local)) return { kind: 'importedSymbol', node: s, local, decl: s };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The resources declared directly inside a resource's body. */
function nestedResources(resource: ResourceDeclaration): ResourceDeclaration[] {
  return (bodyObject(resource.value)?.items ?? []).filter((i): i is ResourceDeclaration => i.kind === 'resource');
}

/** The resource declaration an expression names: `a`, or `a::b` for a nested one. */
function resourceOf(file: BicepFile, chain: BicepNode[], expr: BicepNode): ResourceDeclaration | undefined {
  if (expr.kind === 'identifier') {
    for (let i = chain.length - 2; i >= 0; i--) {
      const scope = chain[i];
      if (scope.kind === 'resource' && chain[i + 1] === scope.value) {
        const child = nestedResources(scope).find((r) => r.name.name === expr.name);
        if (child) return child;
      }
    }
    return file.declarations.find((d): d is ResourceDeclaration => d.kind === 'resource' && d.name.name === expr.name);
  }
  if (expr.kind === 'resourceAccess') {
    const owner = resourceOf(file, chain, expr.object);
    return owner && nestedResources(owner).find((r) => r.name.name === expr.name.name);
  }
  return undefined;
}

/** `mod.outputs.x` into the module's output; `ns.x` into the file a wildcard import names. */
function memberTarget(file: BicepFile, uri: string, object: BicepNode, name: string, read: ReadFile): Target | undefined {
  if (object.kind === 'member' && object.name.name === 'outputs' && object.object.kind === 'identifier') {
    const module = topLevel(file, object.object.name, 'module') as ModuleDeclaration | undefined;
    const path = module?.path.kind === 'string' ? stringValue(module.path) : undefined;
    return path === undefined ? undefined : moduleMember(uri, path, 'outputs', name, read);
  }
  return namespaceMember(file, uri, object, name, 'any', read);
}

/** `ns.x` where `ns` is a wildcard import: the declaration in that file. */
function namespaceMember(file: BicepFile, uri: string, object: BicepNode, name: string, space: Space | 'any', read: ReadFile): Target | undefined {
  const ns = object.kind === 'identifier' ? object.name : object.kind === 'typeRef' ? object.name.name : undefined;
  if (ns === undefined) return undefined;
  const imp = file.declarations.find((d): d is ImportDeclaration => d.kind === 'import' && d.wildcard?.name === ns);
  const from = imp?.from?.kind === 'string' ? stringValue(imp.from) : undefined;
  return from === undefined ? undefined : exported(uri, from, name, space, read);
}

/** A key of a module's `params` object: the module's parameter of that name. */
function moduleParam(uri: string, chain: BicepNode[], name: string, read: ReadFile): Target | undefined {
  // module → (if/for/paren…) → body object → `params:` property → object → this property.
  const paramsObject = chain[chain.length - 3];
  const paramsProperty = chain[chain.length - 4];
  if (paramsObject?.kind !== 'object' || paramsProperty?.kind !== 'property' || propertyName(paramsProperty) !== 'params') return undefined;
  const module = chain.slice(0, -4).reverse().find((n) => n.kind === 'module') as ModuleDeclaration | undefined;
  if (!module || bodyObject(module.value) !== chain[chain.length - 5]) return undefined;
  const path = module.path.kind === 'string' ? stringValue(module.path) : undefined;
  return path === undefined ? undefined : moduleMember(uri, path, 'parameters', name, read);
}

/** A parameter or output of a module: a Bicep `param`/`output`, or an ARM template's `parameters`/`outputs` entry. */
function moduleMember(from: string, path: string, section: 'parameters' | 'outputs', name: string, read: ReadFile): Target | undefined {
  const uri = localFileUri(path, from);
  const text = uri === undefined ? undefined : read(uri);
  if (uri === undefined || text === undefined) return undefined;
  if (isBicepUri(uri)) {
    const other = parseBicepDocument(uri, text).file;
    const kind = section === 'parameters' ? 'param' : 'output';
    const d = topLevel(other, name, kind);
    return d && 'name' in d ? { uri, range: nodeRange(other, d), selection: nodeRange(other, d.name) } : undefined;
  }
  const doc = parseArmDocument(uri, text);
  const list = doc.root?.type === 'object' ? propertyValue(doc.root, section) : undefined;
  const entry = list?.type === 'object' ? list.children?.find((p) => p.children?.[0]?.value === name) : undefined;
  const key = entry?.children?.[0];
  return entry && key ? { uri, range: rangeOf(doc, entry), selection: rangeOf(doc, key) } : undefined;
}

/** What an imported file declares under `name` (Bicep imports bring in types, variables and functions). */
function exported(from: string, path: string, name: string, space: Space | 'any', read: ReadFile): Target | undefined {
  const uri = localFileUri(path, from);
  const text = uri === undefined ? undefined : read(uri);
  if (uri === undefined || text === undefined || !isBicepUri(uri)) return undefined;
  const other = parseBicepDocument(uri, text).file;
  for (const d of other.declarations) {
    if ((d.kind === 'type' || d.kind === 'var' || d.kind === 'func') && d.name.name === name) {
      const wanted = space === 'any' || (space === 'type' ? d.kind === 'type' : space === 'function' ? d.kind === 'func' : d.kind === 'var');
      if (wanted) return { uri, range: nodeRange(other, d), selection: nodeRange(other, d.name) };
    }
  }
  return undefined;
}

/** A `.bicepparam` parameter's declaration in the template its `using` names. */
function templateParam(file: BicepFile, uri: string, name: string, read: ReadFile): Target | undefined {
  const using = file.declarations.find((d) => d.kind === 'using');
  const path = using?.kind === 'using' && using.path.kind === 'string' ? stringValue(using.path) : undefined;
  return path === undefined ? undefined : moduleMember(uri, path, 'parameters', name, read);
}

function topLevel(file: BicepFile, name: string, kind: Declaration['kind']): Declaration | undefined {
  return file.declarations.find((d) => d.kind === kind && 'name' in d && (d.name as Identifier).name === name);
}
