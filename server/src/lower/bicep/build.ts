import type { BuildOptions, Host } from '../../core/host';
import { nodeRange, walk, type Expression, type ResourceDeclaration } from '../../parse/bicep';
import { AnalysisBudget } from '../../eval/limits';
import { assembleModel, exhaustedModel, typedRef, type TypedResource, type TypedReuse } from '../../model/assemble';
import type { BuildContext, DeclaredResource } from '../../model/buildContext';
import type { Declared } from '../arm/declarations';
import { KeptTypedDiffers, resolveDependsOn as resolveArmDependsOn } from '../arm/dependsOn';
import { Linker } from '../../model/links';
import { samePlace, type NodeRef } from '../../core/nodeRef';
import { Notes } from '../../model/notes';
import { emptyModel, type NetworkModel, type ResourceBase } from '../../model/types';
import { getProp, type Maybe, type Value } from '../../core/value';
import { foldCase } from '../../core/symbolic';
import type { BicepDocument } from '../../parse/bicep/document';
import { FileScope, type ResourceInstance, type Workspace } from './fileScope';
import { ModuleLoader, targetScopeOf } from './modules';
import { elementRefOf, BicepOrigins } from './origins';
import { loadBicepParams } from './paramsFile';
import { bicepLowerings, type Lowering } from './reuse';

/** A declared resource instance of a Bicep file, as the shared builders read it. */
interface BicepDeclared extends DeclaredResource {
  instance: ResourceInstance;
}

/**
 * Builds the network model of a Bicep template: its resources and those of the local
 * modules it reaches, evaluated with its parameters (a `.bicepparam` file, else
 * defaults), then typed, merged and linked by the same builders as ARM. Never throws for
 * odd input: what cannot be read becomes UNKNOWN and, where it matters, a note.
 */
export function buildBicepModel(doc: BicepDocument, host: Host, options: BuildOptions): NetworkModel {
  return build(doc, host, options, true, true);
}

function build(doc: BicepDocument, host: Host, options: BuildOptions, reuse: boolean, takeTyped: boolean): NetworkModel {
  const model = emptyModel([doc.uri]);
  const notes = new Notes(doc.uri);
  const origins = new BicepOrigins();
  let ws: Workspace;
  const loader = new ModuleLoader(() => ws);
  let unresolved = 0;
  ws = {
    host,
    budget: new AnalysisBudget(),
    notes,
    origins,
    uris: model.uris,
    sources: model.parameterSources,
    ...(options.homeDirectory !== undefined ? { homeDirectory: options.homeDirectory } : {}),
    externalFiles: [],
    nextUnresolved: () => ++unresolved,
    loadModule: (from, decl, m) => loader.load(from, decl, m),
    loadImport: (from, path, at) => loader.loadImport(from, path, at),
    loadContent: (from, path) => loader.loadContent(from, path),
    jsonOf: (file) => loader.jsonOf(file),
  };
  const params = loadBicepParams(doc.uri, ws, options.parametersUri);
  if (params.uri && !model.uris.includes(params.uri)) model.uris.push(params.uri);
  if (params.uri) model.parameterSources.parametersFile = params.uri;
  const level = targetScopeOf(doc.file.declarations);
  const root = new FileScope(ws, doc, params.source, level ? { level } : {}, true, [doc.uri.toLowerCase()]);
  // The analysed file's evaluations are kept for its next version (see reuse.ts); they depend on where it deploys and which parameters file gives its values.
  const lowering = reuse ? bicepLowerings.begin(doc.uri, `${level ?? ''}\n${params.uri ?? ''}`, doc.file) : undefined;
  if (lowering) root.keepLowering(lowering);

  const declared: (BicepDeclared | Declared)[] = [];
  collect(root, declared);
  if (ws.budget.exhausted) {
    if (!options.trial) bicepLowerings.drop(doc.uri);
    // Kept evaluations spend their budget in another order: where it runs out, the build from nothing says.
    if (root.reused) return build(doc, host, options, false, false);
    const first = doc.file.declarations[0];
    const at: NodeRef = { uri: doc.uri, range: first ? nodeRange(doc.file, first.keyword) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    return exhaustedModel(model.uris, doc.uri, at);
  }

  const ctx: BuildContext = { model, notes, origins, linker: new Linker(origins) };
  const typed = lowering ? new KeptTyped(takeTyped && root.keptPlacesAsBefore ? lowering.previous : undefined, lowering.next, root, ws.budget) : undefined;
  try {
    const built = assembleModel(ctx, declared, typed);
    // Resources of ARM templates used as modules order themselves as in an ARM build.
    const fromArm = built.filter((b): b is { d: Declared; base: ResourceBase } => !isBicepDeclared(b.d));
    resolveDependsOn(
      built.filter((b): b is { d: BicepDeclared; base: ResourceBase } => isBicepDeclared(b.d)),
      typed?.taken,
    );
    if (fromArm.length > 0) resolveArmDependsOn(origins, fromArm);
  } catch (e) {
    // A kept typed resource whose `dependsOn` resolves otherwise now: built again, every resource typed afresh.
    if (e instanceof KeptTypedDiffers) return build(doc, host, options, reuse, false);
    throw e;
  }
  if (lowering) {
    if (!options.trial) bicepLowerings.commit(doc.uri, lowering.next);
    root.endReuse();
  }
  model.unverified = notes.list;
  if (ws.externalFiles.length > 0) model.externalFiles = ws.externalFiles;
  // A file that declares no resource of its own (only modules that could not be read, say) still gets its note: on its first declaration.
  const first = doc.file.declarations[0];
  if (model.resources.length === 0 && model.unverified.length > 0 && first) model.schemaRef = { uri: doc.uri, range: nodeRange(doc.file, first.keyword) };
  return model;
}

function isBicepDeclared(d: BicepDeclared | Declared): d is BicepDeclared {
  return 'instance' in d;
}

/** Every resource instance in declaration order (children after their parent), modules' files where the module is declared. */
function collect(scope: FileScope, out: (BicepDeclared | Declared)[]): void {
  for (const d of scope.declarations()) {
    if (scope.budget.exhausted) return;
    if (d.kind === 'resource') {
      for (const inst of scope.resourceInstances(d)) declareTree(scope, inst, out);
    } else if (d.kind === 'module') {
      for (const m of scope.moduleInstances(d)) {
        if (m.condition === false || scope.budget.exhausted) continue;
        const child = scope.moduleChild(m);
        if (child instanceof FileScope) collect(child, out);
        else if (child) out.push(...child.declared);
      }
    }
  }
}

function declareTree(scope: FileScope, inst: ResourceInstance, out: (BicepDeclared | Declared)[]): void {
  if (inst.condition === false) return;
  out.push(declared(scope, inst));
  for (const item of inst.bodyNode?.items ?? []) {
    if (item.kind !== 'resource') continue;
    for (const child of scope.childInstances(inst, item)) declareTree(scope, child, out);
  }
}

function declared(scope: FileScope, inst: ResourceInstance): BicepDeclared {
  const d: BicepDeclared = {
    instance: inst,
    body: inst.body,
    type: inst.type,
    typeLower: inst.typeLower,
    name: Array.isArray(inst.names) ? inst.names.join('/') : inst.names,
    names: Array.isArray(inst.names) ? inst.names : undefined,
    keyNames: inst.keyNames,
    key: inst.key,
    condition: inst.condition === false ? true : inst.condition,
    existing: inst.existing,
    ref: (inst.ref ??= resourceRef(scope, inst)),
  };
  if (typeof inst.prefix === 'string') d.scopeId = foldCase(inst.prefix);
  return d;
}

/** Range on the resource's `name` value (else its symbol), path of the resource. */
function resourceRef(scope: FileScope, inst: ResourceInstance): NodeRef {
  const file = scope.doc.file;
  if (inst.bodyNode) return elementRefOf({ node: inst.bodyNode, path: inst.path, uri: scope.uri, file, env: inst.env });
  return { uri: scope.uri, range: nodeRange(file, symbolSpan(inst.decl)), path: inst.path };
}

function symbolSpan(decl: ResourceDeclaration): { start: number; end: number } {
  return decl.name.missing ? decl.keyword : decl.name;
}

/**
 * The keys of the resources a resource depends on: those its `dependsOn` names (Bicep
 * lists symbols, not ids) and, as Bicep compiles it, every resource or module its body
 * refers to (`vnet.id` orders the deployment after `vnet` without a `dependsOn`).
 */
function resolveDependsOn(items: { d: BicepDeclared; base: ResourceBase }[], kept: ReadonlySet<ResourceBase> | undefined): void {
  for (const { d, base } of items) {
    const scope = d.instance.scope;
    const keys: string[] = [];
    const add = (v: Value | undefined) => {
      if (Array.isArray(v)) return v.forEach(add);
      const inst = scope.instanceOf(v ?? null);
      if (inst && inst !== d.instance && !keys.includes(inst.key)) keys.push(inst.key);
    };
    const list = getProp(d.body, 'dependsOn');
    if (Array.isArray(list)) list.forEach(add);
    for (const name of referencedSymbols(d.instance.decl.value)) {
      // A nested resource named by its bare symbol (a sibling's, or an enclosing resource's) shadows the file's symbols.
      const nested = d.instance.env.enclosing?.(name, false);
      if (nested !== undefined) add(nested);
      // A module is a nested deployment, as in ARM: a key no declared resource has, so
      // whoever follows the order (ASE602) knows it cannot tell what the module holds.
      else if (scope.isModule(name)) keys.push(`${scope.uri}#module:${name}`);
      else if (scope.isDeployable(name)) add(scope.symbol(name, false));
    }
    if (kept?.has(base)) {
      // A typed resource kept from the version before is never written into: it is taken only where its list is the same.
      if (base.dependsOn.length !== keys.length || keys.some((k, i) => base.dependsOn[i] !== k)) throw new KeptTypedDiffers();
      continue;
    }
    base.dependsOn = keys;
  }
}

/** Texts in the table of shared lists (see KeptTyped) beyond which a build starts a new one. */
const MAX_SHARED_LISTS = 20_000;

/**
 * The typed forms of the document's own NSGs, route tables and VNets (model/assemble.ts,
 * TypedReuse) kept from its previous version's build, taken again where typing would give
 * the same: the resource's instance was kept (the same value object, so the same values
 * and names, see lower/bicep/reuse.ts), and the edit added or removed no line break, so
 * every place its objects hold is where it was (FileScope.keptPlacesAsBefore), and every
 * range the typed form holds or works out is the same too. Typing that spent the budget is not kept; a kept one
 * whose `dependsOn` differs makes the build start again (resolveDependsOn).
 */
class KeptTyped implements TypedReuse {
  /** The typed resources taken from the previous build. */
  readonly taken = new Set<ResourceBase>();
  private typingFrom = 0;
  private readonly previous: Lowering | undefined;

  constructor(
    previous: Lowering | undefined,
    private readonly next: Lowering,
    private readonly root: FileScope,
    private readonly budget: AnalysisBudget,
  ) {
    // The table of shared lists goes on from build to build (its lists are those the kept
    // typed resources hold), until it holds more texts than a document's rules plausibly
    // write: a build then starts a new one and takes nothing kept.
    this.previous = previous && previous.lists.size <= MAX_SHARED_LISTS ? previous : undefined;
    if (this.previous) next.lists = this.previous.lists;
  }

  takeTyped(d: DeclaredResource): TypedResource | undefined {
    const value = this.ownValue(d);
    const t = value === undefined ? undefined : this.previous?.typed.get(value);
    if (!t || !samePlace(typedRef(t), d.ref)) return undefined;
    if (t.base) this.taken.add(t.base);
    this.next.typed.set(value!, t);
    return t;
  }

  beginTyping(): void {
    this.typingFrom = this.budget.used;
  }

  keepTyped(d: DeclaredResource, typed: TypedResource): void {
    const value = this.ownValue(d);
    if (value !== undefined && this.budget.used === this.typingFrom) this.next.typed.set(value, typed);
  }

  singleLists(): Map<string, Maybe<string>[]> {
    return this.next.lists;
  }

  /** The value of a resource instance of the document itself (a module's are made again in every build). */
  private ownValue(d: DeclaredResource): object | undefined {
    const inst = (d as Partial<BicepDeclared>).instance;
    return inst && inst.scope === this.root ? inst.value : undefined;
  }
}

/**
 * Names used as values in a declaration's body: not property keys, member names, loop or
 * lambda variables, nor nested declarations. Once per body: every instance of a loop asks,
 * and a declaration the parse of the next version keeps (parse/bicep/reuse.ts) keeps its
 * answer, as the tree never changes.
 */
function referencedSymbols(root: Expression): ReadonlySet<string> {
  let names = referenced.get(root);
  if (!names) {
    names = namesIn(root);
    referenced.set(root, names);
  }
  return names;
}

const referenced = new WeakMap<Expression, ReadonlySet<string>>();

function namesIn(root: Expression): ReadonlySet<string> {
  const names = new Set<string>();
  const bound = new Set<string>();
  walk(root, (node, parent) => {
    if (node.kind === 'resource') return false;
    if (node.kind === 'for') {
      bound.add(node.item.name);
      if (node.index) bound.add(node.index.name);
    }
    if (node.kind === 'lambda') node.params.forEach((p) => bound.add(p.name));
    if (node.kind !== 'identifier' || node.missing) return;
    if (parent?.kind === 'property' && parent.key === node) return;
    if ((parent?.kind === 'member' || parent?.kind === 'resourceAccess') && parent.name === node) return;
    if (parent?.kind === 'for' && (parent.item === node || parent.index === node)) return;
    if (parent?.kind === 'lambda') return;
    if (!bound.has(node.name)) names.add(node.name);
  });
  return names;
}
