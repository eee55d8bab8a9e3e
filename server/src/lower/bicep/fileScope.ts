import type { Host } from '../../core/host';
import type { BicepEnv, BicepSymbols, EnclosingResources, LiteralNode, LoadedFile } from '../../eval/bicep/env';
import { evaluateBicep, loopItems } from '../../eval/bicep/evaluate';
import { readProperty } from '../../eval/access';
import { INSTANCE_WORK, type AnalysisBudget } from '../../eval/limits';
import { resourceKey } from '../../eval/resourceId';
import { parameterSymbol, qualifyFresh, type DeploymentTarget } from '../../core/symbolic';
import { unboundParameter, type ParameterDeclaration } from '../../eval/parameters';
import {
  findProperty,
  nodeRange,
  stringValue,
  type BicepFile,
  type Declaration,
  type Expression,
  type FuncDeclaration,
  type ImportDeclaration,
  type ModuleDeclaration,
  type ObjectLiteral,
  type ResourceDeclaration,
} from '../../parse/bicep';
import type { NodePath, NodeRef } from '../../core/nodeRef';
import type { Notes } from '../../model/notes';
import type { ParameterSources } from '../../model/types';
import type { Maybe } from '../../core/value';
import { asBoolean, getProp, isObject, isUnknown, propKey, unknown, type Unknown, type Value, type ValueObject } from '../../core/value';
import type { ArmModuleFile } from './armModule';
import type { BicepDocument } from '../../parse/bicep/document';
import type { BicepOrigin, BicepOrigins } from './origins';
import { composeChildType, deployedProperties, nameSegments, resourceIdOf, scopePrefix, splitTypeString, targetPrefix } from './resources';
import { Frame, type Lowered, type LoweringReuse, type Read } from './reuse';
import { changeBetween } from '../../core/textDiff';

/** What every file of one build shares: I/O, notes, origins, and the guards on how far modules go. */
export interface Workspace {
  host: Host;
  /** The analysis's work budget: every file, loop and expression of the build spends from it. */
  budget: AnalysisBudget;
  notes: Notes;
  origins: BicepOrigins;
  /** Files the model spans, in the order they were reached. */
  uris: string[];
  /** Where module files' deployers are recorded. */
  sources: ParameterSources;
  /** The home folder, for Bicep's module cache (see registry.ts). */
  homeDirectory?: string;
  /** Registry modules read from Bicep's cache: not the user's files, nothing is reported in them. */
  externalFiles: string[];
  /** A fresh number for the key of a resource whose name does not resolve (such resources never link). */
  nextUnresolved(): number;
  /** Loads a module's file (see modules.ts); undefined after noting why not. */
  loadModule(from: FileScope, decl: ModuleDeclaration, instance: ModuleInstance): FileScope | ArmModuleFile | undefined;
  /** Loads the file an `import` names; UNKNOWN (and a note) when it cannot be. */
  loadImport(from: FileScope, path: string, at: NodeRef): FileScope | Unknown;
  /** Reads a file `load*Content` names, relative to `from`. */
  loadContent(from: FileScope, path: string): LoadedFile | Unknown;
  /** A loaded file as JSON, its objects and arrays recorded with their places in it. */
  jsonOf(file: LoadedFile): Value;
}

/** Parameter values from outside the file (a module's `params:` or a `.bicepparam` file); undefined: not given. */
export type ParamSource = (name: string, identity: boolean) => Value | undefined;

export const NO_PARAMS: ParamSource = () => undefined;

/** One instance of a resource declaration (a loop gives one per item). */
export interface ResourceInstance {
  symbol: string;
  decl: ResourceDeclaration;
  scope: FileScope;
  parent?: ResourceInstance;
  env: BicepEnv;
  path: NodePath;
  bodyNode: ObjectLiteral | undefined;
  body: ValueObject;
  type: string;
  typeLower: string;
  names: Maybe<string[]>;
  keyNames: string[] | undefined;
  key: string;
  condition: Maybe<true> | false;
  existing: boolean;
  /** What `id` prefixes are built on for this resource and its children. */
  prefix: Maybe<string>;
  value: ValueObject;
  identityValue: ValueObject;
  /** Where findings on the resource go (see build.ts), once asked; a kept instance keeps it while the lines before it stay as they were. */
  ref?: NodeRef;
  /** Nested child instances by declaration, computed on demand. */
  children: Map<ResourceDeclaration, ResourceInstance[]>;
}

export interface ModuleInstance {
  symbol: string;
  decl: ModuleDeclaration;
  env: BicepEnv;
  path: NodePath;
  body: ValueObject;
  condition: Maybe<true> | false;
  child?: FileScope | ArmModuleFile | null;
}

/** A name an `import` brings in: one exported symbol, or (wildcard) the namespace of all of them. */
interface ImportedName {
  decl: ImportDeclaration;
  /** The name the other file exports it under; undefined for a wildcard. */
  exported?: string;
}

interface Instance {
  env: BicepEnv;
  condition: Maybe<true> | false;
  body: Expression;
}

const MAX_FUNCTION_DEPTH = 32;

const NO_LOCALS: ReadonlyMap<string, Value> = new Map();

/**
 * One Bicep file as deployed once: its symbols evaluated on demand (params from the
 * caller or a `.bicepparam` file, else their defaults; vars; resources and modules with
 * their loop and condition instances), in both the plain and the identity mode, each
 * value computed once. Cycles between symbols give UNKNOWN.
 */
export class FileScope implements BicepSymbols {
  readonly uri: string;
  /** The workspace's budget, read by every expression evaluated (a field: a getter was called a hundred thousand times per megabyte). */
  readonly budget: AnalysisBudget;
  private readonly symbols = new Map<string, Declaration>();
  private readonly memo = new Map<string, Value>();
  private readonly busy = new Set<string>();
  private readonly resources = new Map<ResourceDeclaration, ResourceInstance[]>();
  private readonly modules = new Map<ModuleDeclaration, ModuleInstance[]>();
  private readonly byValue = new WeakMap<object, ResourceInstance>();
  private readonly imports = new Map<string, ImportedName>();
  private readonly importedFiles = new Map<ImportDeclaration, FileScope | Unknown>();
  private readonly loaded = new Map<string, LoadedFile | Unknown>();
  /** Lists of nested instances still being made: a sibling that reaches one is a cycle. */
  private readonly building = new WeakSet<ResourceInstance[]>();
  private functionDepth = 0;
  /** Evaluations kept from the previous version and for the next (the analysed file only; see reuse.ts). */
  private reuse: LoweringReuse | undefined;
  /** The evaluation under way, and those it interrupted (each read another declaration). */
  private frame: Frame | undefined;
  private readonly frames: Frame[] = [];
  /** Kept surroundings → this file's (see envOf). */
  private readonly envs = new Map<BicepEnv, BicepEnv>();
  /** Whether a kept evaluation was taken (a build that runs out of budget is then made from nothing). */
  reused = false;

  constructor(
    readonly ws: Workspace,
    readonly doc: BicepDocument,
    private readonly params: ParamSource,
    readonly target: Partial<DeploymentTarget>,
    /** The condition of the module deployment that deploys this file (true for the analysed file). */
    readonly condition: Maybe<true>,
    /** The module files being walked, outermost first (for cycles). */
    readonly chain: readonly string[],
  ) {
    this.uri = doc.uri;
    this.budget = ws.budget;
    for (const d of doc.file.declarations) {
      if ('name' in d && d.name && d.name.kind === 'identifier' && !d.name.missing && d.kind !== 'metadata' && d.kind !== 'type') {
        if (!this.symbols.has(d.name.name)) this.symbols.set(d.name.name, d);
      }
    }
    for (const d of doc.file.declarations) {
      if (d.kind !== 'import' || !d.from) continue;
      const add = (local: string, name: ImportedName) => {
        if (!this.symbols.has(local) && !this.imports.has(local)) this.imports.set(local, name);
      };
      if (d.wildcard && !d.wildcard.missing) add(d.wildcard.name, { decl: d });
      for (const sym of d.symbols ?? []) {
        const exported = sym.name.kind === 'identifier' ? (sym.name.missing ? undefined : sym.name.name) : sym.name.kind === 'string' ? stringValue(sym.name) : undefined;
        if (exported === undefined) continue;
        const local = sym.alias ? (sym.alias.missing ? undefined : sym.alias.name) : sym.name.kind === 'identifier' ? exported : undefined;
        if (local !== undefined) add(local, { decl: d, exported });
      }
    }
  }


  /** The file's own surroundings (no locals), plain or identity; made once, as nothing changes an env. */
  env(identity = false): BicepEnv {
    if (identity) return (this.identityEnv ??= { symbols: this, locals: NO_LOCALS, identity: true });
    return (this.plainEnv ??= { symbols: this, locals: NO_LOCALS, identity: false });
  }

  private plainEnv?: BicepEnv;
  private identityEnv?: BicepEnv;

  declarations(): readonly Declaration[] {
    return this.doc.file.declarations;
  }

  hasParam(name: string): boolean {
    return this.symbols.get(name)?.kind === 'param';
  }

  /** A resource or module symbol: referring to one makes Bicep order the deployment after it. */
  isDeployable(name: string): boolean {
    const kind = this.symbols.get(name)?.kind;
    return kind === 'resource' || kind === 'module';
  }

  /** A module symbol: a nested deployment, whose resources the model holds but whose completion it does not order. */
  isModule(name: string): boolean {
    return this.symbols.get(name)?.kind === 'module';
  }

  // Reuse between versions (see reuse.ts) ---------------------------------------------

  /** Takes kept evaluations from `reuse.previous` and keeps this file's in `reuse.next`. */
  keepLowering(reuse: LoweringReuse): void {
    this.reuse = reuse;
    this.sameLines = reuse.previous !== undefined && sameLineStarts(reuse.previous.file.text, this.doc.file.text);
    this.sameLineBreaks = reuse.previous !== undefined && sameLineBreaks(reuse.previous.file.text, this.doc.file.text) && !keptOnEditedLine(reuse.previous.file, this.doc.file);
  }

  /** Whether every line starts where it did in the version the kept evaluations come from (then a kept place is still right). */
  private sameLines = false;

  /** Whether the edit since that version added or removed no line break (then every line after the edit's is the same line, its characters where they were). */
  private sameLineBreaks = false;

  /**
   * Whether a place that a kept evaluation's objects hold is where it was in the version
   * the evaluations come from: every line break is where it was (the edit's length aside),
   * and no declaration the new version's parse kept (the same syntax node) is on the
   * edited line. A kept evaluation is one of kept declarations, and the only places an
   * edit without a line break moves are those after it on its line.
   */
  get keptPlacesAsBefore(): boolean {
    return this.sameLineBreaks;
  }

  /** After the build: what the previous version kept is no longer asked for (what is evaluated later is still kept). */
  endReuse(): void {
    if (this.reuse) this.reuse = { previous: undefined, next: this.reuse.next };
  }

  private begin(): Frame {
    // Inside a function call the depth left to nested calls depends on the caller: not kept.
    const f = new Frame(this, this.budget.used, this.functionDepth > 0);
    if (this.frame) this.frames.push(this.frame);
    this.frame = f;
    this.ws.origins.sink = f;
    return f;
  }

  private end(f: Frame): void {
    const total = this.budget.used - f.start;
    f.spent = total - f.inner;
    const outer = this.frames.pop();
    this.frame = outer;
    if (outer) outer.inner += total;
    this.ws.origins.sink = outer;
  }

  /** The evaluation under way did something it could not do again from what it read (see reuse.ts): it is not kept. */
  private volatile(): void {
    if (this.frame) this.frame.volatile = true;
  }

  outOfStack(): void {
    this.volatile();
  }

  /** A kept param's or var's value when what it read answers alike, else evaluated; kept for the next version either way. */
  private lowered(decl: Declaration, identity: boolean, evaluate: () => Value): Value {
    const reuse = this.reuse;
    if (!reuse) return evaluate();
    const f = this.begin();
    let v: Value;
    try {
      const had = (identity ? reuse.previous?.identity : reuse.previous?.plain)?.get(decl);
      if (had && this.answersAlike(had.reads)) {
        this.restore(had);
        v = had.result;
      } else {
        // What was asked before the first different answer is asked again, answered from the memo.
        f.reads.length = 0;
        v = evaluate();
      }
    } finally {
      this.end(f);
    }
    if (!f.volatile) (identity ? reuse.next.identity : reuse.next.plain).set(decl, f.kept(v));
    return v;
  }

  /** A resource declaration's instances, kept or made; see lowered. */
  private loweredInstances(decl: ResourceDeclaration, make: () => ResourceInstance[]): ResourceInstance[] {
    const reuse = this.reuse;
    if (!reuse) return make();
    const f = this.begin();
    let made: ResourceInstance[] | undefined;
    try {
      const had = reuse.previous?.resources.get(decl);
      if (had && this.answersAlike(had.reads)) made = this.restoreInstances(had);
      if (!made) {
        f.reads.length = 0;
        made = make();
      }
    } finally {
      this.end(f);
    }
    if (!f.volatile) reuse.next.resources.set(decl, f.kept(made));
    return made;
  }

  /** Asks `reads` again, in order: true when every answer is the one kept. */
  private answersAlike(reads: readonly Read[]): boolean {
    for (const r of reads) {
      switch (r.kind) {
        case 'symbol':
          if (this.symbol(r.name, r.identity) !== r.value) return false;
          break;
        case 'param':
          if (this.paramValue(r.name, r.identity) !== r.value) return false;
          break;
        case 'property':
          if (this.property(r.name, r.property, r.identity) !== r.value) return false;
          break;
        case 'nestedProperty':
          if (this.nestedProperty(r.parent, r.name, r.property, r.identity) !== r.value) return false;
          break;
        case 'function': {
          const b = this.functionBinding(r.name);
          if (b.decl !== r.decl || b.imported !== r.imported) return false;
          break;
        }
      }
    }
    return true;
  }

  /** The kept evaluation's objects recorded again, in this version's file and surroundings, and its budget spent again. */
  private restore(had: Lowered<unknown>): void {
    this.reused = true;
    const file = this.doc.file;
    const kept = had.origins;
    const origins = new Array<BicepOrigin>(kept.length);
    for (let i = 0; i < kept.length; i++) {
      const o = kept[i];
      origins[i] = { node: o.node, path: o.path, uri: o.uri, file, env: this.envOf(o.env) };
    }
    this.ws.origins.recordKept(had.values, origins);
    this.budget.spend(had.spent);
  }

  /** Kept instances as this file's: the same values, this file's surroundings, the parent's instance here. */
  private restoreInstances(had: Lowered<ResourceInstance[]>): ResourceInstance[] | undefined {
    const parents: (ResourceInstance | undefined)[] = [];
    for (const old of had.result) {
      const parent = old.parent ? this.byValue.get(old.parent.value) : undefined;
      if (old.parent && !parent) return undefined;
      parents.push(parent);
    }
    this.restore(had);
    return had.result.map((old, i) => {
      const inst: ResourceInstance = { ...old, scope: this, env: this.envOf(old.env), children: new Map() };
      if (!this.sameLines) delete inst.ref;
      const parent = parents[i];
      if (parent) inst.parent = parent;
      this.byValue.set(inst.value, inst);
      this.byValue.set(inst.identityValue, inst);
      return inst;
    });
  }

  /** Surroundings of a kept evaluation (another version's file scope) as this file's: the same locals and mode. */
  private envOf(env: BicepEnv): BicepEnv {
    if (env.symbols === this) return env;
    if (env.locals === NO_LOCALS && env.enclosing === undefined) return this.env(env.identity);
    let out = this.envs.get(env);
    if (!out) {
      out = { ...env, symbols: this };
      this.envs.set(env, out);
    }
    return out;
  }

  /** A loop resource's value: the kept array when it holds the same instances' values. */
  private loopValue(decl: ResourceDeclaration, identity: boolean, values: Value[]): Value[] {
    const reuse = this.reuse;
    if (!reuse) return values;
    const had = reuse.previous?.loops.get(decl)?.[identity ? 'identity' : 'plain'];
    const v = had && had.length === values.length && had.every((x, i) => x === values[i]) ? had : values;
    let kept = reuse.next.loops.get(decl);
    if (!kept) reuse.next.loops.set(decl, (kept = {}));
    kept[identity ? 'identity' : 'plain'] = v;
    return v;
  }

  private paramValue(name: string, identity: boolean): Value | undefined {
    const value = this.params(name, identity);
    this.frame?.reads.push({ kind: 'param', name, identity, value });
    return value;
  }

  private functionBinding(name: string): { decl: Declaration | undefined; imported: ImportedName | undefined } {
    const decl = this.symbols.get(name);
    const imported = this.imports.get(name);
    this.frame?.reads.push({ kind: 'function', name, decl, imported });
    return { decl, imported };
  }

  // BicepSymbols ---------------------------------------------------------------------

  record(value: object, node: LiteralNode, path: NodePath | undefined, env: BicepEnv): void {
    this.ws.origins.record(value, { node, path, uri: this.uri, file: this.doc.file, env });
  }

  symbol(name: string, identity: boolean): Value | undefined {
    const value = this.lookup(name, identity);
    this.frame?.reads.push({ kind: 'symbol', name, identity, value });
    return value;
  }

  property(name: string, property: string, identity: boolean): Value | undefined {
    const of = this.lookup(name, identity);
    if (of === undefined) return undefined;
    const value = readProperty(of, property);
    this.frame?.reads.push({ kind: 'property', name, property, identity, value });
    return value;
  }

  private lookup(name: string, identity: boolean): Value | undefined {
    const decl = this.symbols.get(name);
    const imported = decl ? undefined : this.imports.get(name);
    if (!decl && !imported) return undefined;
    const memoKey = `${identity ? 'i' : 'n'}:${name}`;
    const had = this.memo.get(memoKey);
    if (had !== undefined) return had;
    if (this.busy.has(memoKey)) return unknown(`'${name}' refers to itself`);
    this.busy.add(memoKey);
    let v: Value;
    try {
      v = decl ? this.compute(decl, name, identity) : this.importedValue(imported!, identity);
    } finally {
      this.busy.delete(memoKey);
    }
    this.memo.set(memoKey, v);
    return v;
  }

  private compute(decl: Declaration, name: string, identity: boolean): Value {
    switch (decl.kind) {
      case 'param':
        return this.lowered(decl, identity, () => {
          const bound = this.paramValue(name, identity);
          let v: Value;
          if (bound !== undefined) v = bound;
          else if (decl.value) v = qualifyFresh(evaluateBicep(decl.value, this.env(identity), [name]), name);
          // A nullable parameter (`string?`) left out is null, not missing; a string parameter of the analysed file is a symbol.
          else v = unboundParameter(this.parameterDeclaration(decl, name), this.chain.length === 1);
          return identity && isUnknown(v) ? parameterSymbol(name) : v;
        });
      case 'var':
        return this.lowered(decl, identity, () => evaluateBicep(decl.value, this.env(identity), [name]));
      case 'resource': {
        const list = this.resourceInstances(decl);
        const values = list.map((i) => (identity ? i.identityValue : i.value));
        if (unwrapLoop(decl.value)) return this.loopValue(decl, identity, values);
        return values[0] ?? unknown(`resource '${name}' could not be evaluated`);
      }
      case 'module': {
        const list = this.moduleInstances(decl);
        const values = list.map((m) => this.moduleValue(m, identity));
        if (unwrapLoop(decl.value)) return values;
        return values[0] ?? unknown(`module '${name}' could not be evaluated`);
      }
      case 'output':
        return unknown(`output '${name}' cannot be referenced in its own file`);
      default:
        return unknown(`'${name}' is not evaluated`);
    }
  }

  /**
   * What a `param` declaration says about a value nobody gives: its type (`string`, a
   * union of string literals, `type?`) and its `@allowed` list. The file the analysis
   * starts from is the one whose parameters become symbols (chain of one).
   */
  private parameterDeclaration(decl: Extract<Declaration, { kind: 'param' }>, name: string): ParameterDeclaration {
    const out: ParameterDeclaration = { name };
    let type = decl.type;
    while (type?.kind === 'parenType') type = type.type;
    if (type?.kind === 'nullableType') out.nullable = true;
    else if (type?.kind === 'typeRef' && !type.name.missing) out.type = type.name.name;
    else if (type?.kind === 'typeMember' && type.object.kind === 'typeRef' && type.object.name.name === 'sys' && !type.name.missing) out.type = type.name.name;
    else if (type?.kind === 'unionType' && type.members.length > 0 && type.members.every((m) => m.kind === 'string')) out.stringLike = true;
    else if (type?.kind === 'string') {
      // A literal type (`param kind 'ASEV3'`) allows one value.
      const only = stringValue(type);
      if (only !== undefined) out.allowedValues = [only];
    }
    const allowed = decl.decorators.find((d) => {
      const e = d.expression;
      return e.kind === 'call' && e.name.name === 'allowed' && (!e.object || (e.object.kind === 'identifier' && e.object.name === 'sys'));
    });
    if (allowed && allowed.expression.kind === 'call' && allowed.expression.args.length === 1) {
      out.allowedValues = evaluateBicep(allowed.expression.args[0], this.env());
    }
    return out;
  }

  nested(parent: Value, name: string, identity: boolean): Value | undefined {
    // A nested instance's value is made again in every version: the question cannot answer alike.
    this.volatile();
    const inst = isObject(parent) ? this.byValue.get(parent) : undefined;
    return inst ? this.nestedOf(inst, name, identity) : undefined;
  }

  nestedProperty(parent: Value, name: string, property: string, identity: boolean): Value | undefined {
    const inst = isObject(parent) ? this.byValue.get(parent) : undefined;
    const child = inst ? this.nestedOf(inst, name, identity) : undefined;
    if (child === undefined) return undefined;
    const value = readProperty(child, property);
    this.frame?.reads.push({ kind: 'nestedProperty', parent, name, property, identity, value });
    return value;
  }

  /** The nested resource `name` declared in the body of instance `parent` (an array for a loop); undefined when there is none. */
  private nestedOf(parent: ResourceInstance, name: string, identity: boolean): Value | undefined {
    const decl = parent.bodyNode?.items.find((x): x is ResourceDeclaration => x.kind === 'resource' && !x.name.missing && x.name.name === name);
    if (!decl) return undefined;
    const list = this.childInstances(parent, decl);
    if (this.building.has(list)) return unknown(`'${name}' refers to itself`);
    const values = list.map((c) => (identity ? c.identityValue : c.value));
    if (unwrapLoop(decl.value)) return values;
    return values[0] ?? (parent.condition === false ? unknown(`'${name}' is not deployed`) : unknown(`resource '${name}' could not be evaluated`));
  }

  /** What the body of a resource nested in `parent` sees by bare name: `parent`'s nested resources, then those its own enclosing resources see. */
  private enclosingOf(parent: ResourceInstance): EnclosingResources {
    const outer = parent.env.enclosing;
    return (name, identity) => this.nestedOf(parent, name, identity) ?? outer?.(name, identity);
  }

  userFunction(name: string, args: () => Value[], identity: boolean, namespace?: string): Value | undefined {
    if (namespace !== undefined) {
      const imported = this.symbols.has(namespace) ? undefined : this.imports.get(namespace);
      if (!imported || imported.exported !== undefined) return undefined;
      const file = this.importedFile(imported.decl);
      return isUnknown(file) ? file : file.exportedFunction(name, args, identity);
    }
    const binding = this.functionBinding(name);
    const decl = binding.decl;
    if (decl?.kind === 'func') return this.callFunction(decl, args(), identity);
    const imported = decl ? undefined : binding.imported;
    if (!imported || imported.exported === undefined) return undefined;
    const file = this.importedFile(imported.decl);
    return isUnknown(file) ? file : file.exportedFunction(imported.exported, args, identity);
  }

  loadFile(path: string): LoadedFile | Unknown {
    this.volatile();
    let file = this.loaded.get(path);
    if (!file) {
      file = this.ws.loadContent(this, path);
      this.loaded.set(path, file);
    }
    return file;
  }

  jsonOf(file: LoadedFile): Value {
    this.volatile();
    return this.ws.jsonOf(file);
  }

  // Imports ---------------------------------------------------------------------------

  private importedFile(decl: ImportDeclaration): FileScope | Unknown {
    this.volatile();
    let file = this.importedFiles.get(decl);
    if (file) return file;
    const path = decl.from?.kind === 'string' ? stringValue(decl.from) : undefined;
    const at: NodeRef = { uri: this.uri, range: nodeRange(this.doc.file, decl.from ?? decl.keyword) };
    file = path === undefined ? unknown('the path of an import could not be read') : this.ws.loadImport(this, path, at);
    this.importedFiles.set(decl, file);
    return file;
  }

  private importedValue(imported: ImportedName, identity: boolean): Value {
    const file = this.importedFile(imported.decl);
    if (isUnknown(file)) return file;
    return imported.exported === undefined ? file.exportedValues(identity) : file.exportedValue(imported.exported, identity);
  }

  /** An `@export()` declaration of this file by name (variables, functions and types share the namespace). */
  private exportedDeclaration(name: string): Declaration | Unknown {
    const decl = this.doc.file.declarations.find(
      (d) => (d.kind === 'var' || d.kind === 'func' || d.kind === 'type') && !d.name.missing && d.name.name === name,
    );
    if (!decl) return unknown(`'${name}' is not declared in ${this.uri}`);
    if (!decl.decorators.some(isExportDecorator)) return unknown(`'${name}' in ${this.uri} is not marked @export()`);
    return decl;
  }

  /** What importing `name` from this file gives as a value: an exported variable's value. */
  exportedValue(name: string, identity: boolean): Value {
    this.volatile();
    const decl = this.exportedDeclaration(name);
    if (isUnknown(decl)) return decl;
    if (decl.kind === 'var') return this.symbol(name, identity) ?? unknown(`'${name}' could not be evaluated`);
    return unknown(`'${name}' in ${this.uri} is a ${decl.kind === 'func' ? 'function' : 'type'}, not a value`);
  }

  /** `import * as ns`: the exported variables by name. */
  exportedValues(identity: boolean): ValueObject {
    this.volatile();
    const out: ValueObject = {};
    for (const d of this.doc.file.declarations) {
      if (d.kind === 'var' && !d.name.missing && d.decorators.some(isExportDecorator)) out[d.name.name] = this.symbol(d.name.name, identity) ?? null;
    }
    return out;
  }

  exportedFunction(name: string, args: () => Value[], identity: boolean): Value {
    this.volatile();
    const decl = this.exportedDeclaration(name);
    if (isUnknown(decl)) return decl;
    if (decl.kind !== 'func') return unknown(`'${name}' in ${this.uri} is not a function`);
    return this.callFunction(decl, args(), identity);
  }

  private callFunction(decl: FuncDeclaration, args: Value[], identity: boolean): Value {
    if (this.functionDepth >= MAX_FUNCTION_DEPTH) return unknown(`function '${decl.name.name}' nests too deeply`);
    const locals = new Map<string, Value>();
    decl.params.forEach((p, i) => locals.set(p.name.name, i < args.length ? args[i] : unknown(`argument '${p.name.name}' is missing`)));
    this.functionDepth++;
    try {
      return evaluateBicep(decl.body, { symbols: this, locals, identity });
    } finally {
      this.functionDepth--;
    }
  }

  /** Outputs of this file (what `module.outputs` reads). */
  outputs(identity: boolean): ValueObject {
    this.volatile();
    const out: ValueObject = {};
    for (const d of this.declarations()) {
      if (d.kind !== 'output' || d.name.missing) continue;
      out[d.name.name] = evaluateBicep(d.value, this.env(identity));
    }
    return out;
  }

  instanceOf(value: Value): ResourceInstance | undefined {
    return isObject(value) ? this.byValue.get(value) : undefined;
  }

  // Instances -----------------------------------------------------------------------

  /** The loop and condition instances of a declaration's value (`for`, `if`, or a plain body). */
  private instances(value: Expression, env: BicepEnv, outer: Maybe<true>, at: NodeRef): Instance[] {
    let body = value;
    let loop: Extract<Expression, { kind: 'for' }> | undefined;
    if (body.kind === 'for') {
      loop = body;
      body = body.body;
    }
    const conditioned = (e: BicepEnv): Instance => {
      if (body.kind !== 'if') return { env: e, condition: outer, body };
      const c = asBoolean(evaluateBicep(body.condition, e));
      if (c === false) return { env: e, condition: false, body: body.body };
      if (c === true) return { env: e, condition: outer, body: body.body };
      const reason = isUnknown(c) ? c.reason : 'the condition is not a boolean';
      return { env: e, condition: isUnknown(outer) ? outer : unknown(`the condition could not be decided (${reason})`), body: body.body };
    };
    if (!loop) return [conditioned(env)];
    const list = evaluateBicep(loop.iterable, env);
    const items = isUnknown(list) ? list : loopItems(list);
    if (isUnknown(items)) {
      // One stand-in instance, like an ARM copy loop with an unknown count: rules see the
      // resource but stay silent on what depends on the loop.
      const reason = `the loop collection could not be resolved (${items.reason})`;
      this.volatile();
      this.ws.notes.add(reason, at);
      const bound = new Map(env.locals);
      bound.set(loop.item.name, unknown(reason));
      if (loop.index) bound.set(loop.index.name, unknown(reason));
      const inst = conditioned({ ...env, locals: bound });
      return [{ ...inst, condition: inst.condition === false ? false : unknown(reason) }];
    }
    const out: Instance[] = [];
    // Each instance is worth a unit of the analysis's budget before anything in it is evaluated.
    for (let i = 0; i < items.length && this.ws.budget.spend(INSTANCE_WORK); i++) {
      const bound = new Map(env.locals);
      bound.set(loop.item.name, items[i]);
      if (loop.index) bound.set(loop.index.name, i);
      out.push(conditioned({ ...env, locals: bound }));
    }
    return out;
  }

  resourceInstances(decl: ResourceDeclaration): ResourceInstance[] {
    let list = this.resources.get(decl);
    if (list) return list;
    list = [];
    this.resources.set(decl, list);
    const sym = decl.name.name;
    const made = this.loweredInstances(decl, () => this.makeInstances(decl, [sym], this.env(), this.condition, undefined));
    list.push(...made);
    return list;
  }

  childInstances(parent: ResourceInstance, decl: ResourceDeclaration): ResourceInstance[] {
    let list = parent.children.get(decl);
    if (list) return list;
    list = [];
    parent.children.set(decl, list);
    const cond = parent.condition === false ? false : parent.condition;
    if (cond === false) return list;
    this.building.add(list);
    // Nested instances are made in every version, in their own work: not in that of the declaration that first reads them.
    const f = this.reuse ? this.begin() : undefined;
    if (f) f.volatile = true;
    try {
      const env: BicepEnv = { ...parent.env, enclosing: this.enclosingOf(parent) };
      list.push(...this.makeInstances(decl, [...parent.path, `::${decl.name.name}`], env, cond, parent));
    } finally {
      this.building.delete(list);
      if (f) this.end(f);
    }
    return list;
  }

  private symbolRef(decl: ResourceDeclaration | ModuleDeclaration): NodeRef {
    return { uri: this.uri, range: nodeRange(this.doc.file, decl.name.missing ? decl.keyword : decl.name) };
  }

  private makeInstances(decl: ResourceDeclaration, path: NodePath, env: BicepEnv, outer: Maybe<true>, nestedIn: ResourceInstance | undefined): ResourceInstance[] {
    const typed = splitTypeString(decl);
    if (!typed) {
      this.volatile();
      this.ws.notes.add(`the type of resource '${decl.name.name}' could not be read`, this.symbolRef(decl));
      return [];
    }
    const out: ResourceInstance[] = [];
    for (const inst of this.instances(decl.value, env, outer, this.symbolRef(decl))) {
      if (this.ws.budget.exhausted) break;
      const bodyNode = inst.body.kind === 'object' ? inst.body : undefined;
      const evaluated = bodyNode ? evaluateBicep(bodyNode, inst.env, path) : unknown('the resource body is not an object');
      const body: ValueObject = isObject(evaluated) ? evaluated : {};
      const existing = decl.existing !== undefined;
      // The parent: the resource it is nested in, or the one `parent:` names.
      let parent = nestedIn;
      const parentValue = getProp(body, 'parent');
      if (!parent && parentValue !== undefined) parent = this.instanceOf(parentValue);
      const { type, relative } = composeChildType(typed.type, nestedIn?.type);
      const viaParent = parent !== undefined && (relative || nestedIn === undefined);
      const typeSegments = type.split('/').length - 1;
      if (typed.apiVersion !== undefined && getProp(body, 'apiVersion') === undefined) body.apiVersion = typed.apiVersion;
      const names = nameSegments(getProp(body, 'name'), viaParent ? parent!.names : undefined, relative || (viaParent && !nestedIn), typeSegments);
      const nameProp = bodyNode ? findProperty(bodyNode, 'name') : undefined;
      const identityName = Array.isArray(names) ? undefined : nameProp ? evaluateBicep(nameProp.value, { ...inst.env, identity: true }) : undefined;
      const keyNamesRaw = Array.isArray(names)
        ? names
        : nameSegments(identityName, viaParent ? (parent!.keyNames ?? unknown('the parent resource name is not resolved')) : undefined, relative || (viaParent && !nestedIn), typeSegments);
      const keyNames = Array.isArray(keyNamesRaw) ? keyNamesRaw : undefined;
      if (!keyNames) this.volatile();
      const key = keyNames ? resourceKey(type, keyNames) : `?unresolved/${this.ws.nextUnresolved()}/${type.toLowerCase()}`;
      const scopeValue = getProp(body, 'scope');
      const prefix: Maybe<string> = scopeValue !== undefined ? scopePrefix(scopeValue) : parent ? parent.prefix : targetPrefix(this.target);
      const id = (n: Maybe<string[]> | undefined): Maybe<string> =>
        isUnknown(prefix) ? prefix : n === undefined ? unknown('the resource name is not resolved') : isUnknown(n) ? n : resourceIdOf(prefix, type, n);
      const own = getProp(body, 'name');
      const value: ValueObject = { ...body, id: id(names), name: own ?? null, type, apiVersion: typed.apiVersion ?? null };
      if (existing) value.properties = unknown(`the properties of existing resource '${decl.name.name}' are known only at deployment`);
      const identityValue: ValueObject = {
        ...value,
        id: id(keyNames ?? names),
        name: typeof own === 'string' ? own : (identityName ?? own ?? null),
      };
      const propertiesKey = existing ? undefined : propKey(body, 'properties');
      if (propertiesKey !== undefined) {
        // What reading the deployed resource gives (a VNet's subnets have ids); `body` stays as written for the model.
        const written = body[propertiesKey];
        value[propertiesKey] = deployedProperties(type, written, value.id as Maybe<string>, this.ws.origins, false) ?? written;
        identityValue[propertiesKey] = deployedProperties(type, written, identityValue.id as Maybe<string>, this.ws.origins, true) ?? written;
      }
      const instance: ResourceInstance = {
        symbol: decl.name.name,
        decl,
        scope: this,
        env: inst.env,
        path,
        bodyNode,
        body,
        type,
        typeLower: type.toLowerCase(),
        names,
        keyNames,
        key,
        condition: inst.condition,
        existing,
        prefix,
        value,
        identityValue,
        children: new Map(),
      };
      if (parent) instance.parent = parent;
      this.byValue.set(value, instance);
      this.byValue.set(identityValue, instance);
      out.push(instance);
    }
    return out;
  }

  moduleInstances(decl: ModuleDeclaration): ModuleInstance[] {
    this.volatile();
    let list = this.modules.get(decl);
    if (list) return list;
    list = [];
    this.modules.set(decl, list);
    const path: NodePath = [decl.name.name];
    for (const inst of this.instances(decl.value, this.env(), this.condition, this.symbolRef(decl))) {
      const evaluated = inst.body.kind === 'object' ? evaluateBicep(inst.body, inst.env, path) : unknown('the module body is not an object');
      list.push({
        symbol: decl.name.name,
        decl,
        env: inst.env,
        path,
        body: isObject(evaluated) ? evaluated : {},
        condition: inst.condition,
      });
    }
    return list;
  }

  /** The file a module instance deploys, loaded once. */
  moduleChild(m: ModuleInstance): FileScope | ArmModuleFile | undefined {
    this.volatile();
    if (m.child === undefined) m.child = (m.condition !== false && this.ws.loadModule(this, m.decl, m)) || null;
    return m.child ?? undefined;
  }

  private moduleValue(m: ModuleInstance, identity: boolean): Value {
    const child = this.moduleChild(m);
    return {
      name: getProp(m.body, 'name') ?? null,
      outputs: child ? child.outputs(identity) : unknown(`the outputs of module '${m.symbol}' are not known`),
    };
  }

  /** Parameter values for a module's file: the instance's `params:` (re-evaluated for the identity twin). */
  moduleParams(m: ModuleInstance): ParamSource {
    const params = getProp(m.body, 'params');
    const paramsNode = bodyObject(m.decl.value);
    const paramsProp = paramsNode ? findProperty(paramsNode, 'params') : undefined;
    let identityParams: Value | undefined;
    const identityOfParams = (): Value | undefined =>
      (identityParams ??= paramsProp ? evaluateBicep(paramsProp.value, { ...m.env, identity: true }) : null);
    return (name, identity) => {
      const holder = identity ? identityOfParams() : params;
      if (isUnknown(holder)) return unknown(`the params of module '${m.symbol}' could not be resolved (${holder.reason})`);
      return isObject(holder) ? getProp(holder, name) : undefined;
    };
  }
}

/** Whether `a` and `b` have their lines at the same offsets: as long, and no line break in what differs (the change the parse found, asked again). */
function sameLineStarts(a: string, b: string): boolean {
  return a.length === b.length && sameLineBreaks(a, b);
}

/** Whether a declaration that `after`'s parse kept from `before` (the same node) has any of its text on the line of the edit between them. */
function keptOnEditedLine(before: BicepFile, after: BicepFile): boolean {
  const { start, newEnd } = changeBetween(before.text, after.text);
  const text = after.text;
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  let lineEnd = newEnd;
  while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 0x0a && text.charCodeAt(lineEnd) !== 0x0d) lineEnd++;
  const kept = new Set<object>(before.declarations);
  return after.declarations.some((d) => kept.has(d) && d.start <= lineEnd && d.end >= lineStart);
}

/** Whether `b` has the line breaks of `a`, the same number of lines: the edit between them adds or removes none, and splits no `\r\n`. */
function sameLineBreaks(a: string, b: string): boolean {
  if (a === b) return true;
  const { start, oldEnd, newEnd } = changeBetween(a, b);
  if (start > 0 && a.charCodeAt(start - 1) === 0x0d) return false;
  return !/[\r\n]/.test(a.slice(start, oldEnd)) && !/[\r\n]/.test(b.slice(start, newEnd));
}

/** `@export()` / `@sys.export()`. */
function isExportDecorator(d: { expression: Expression }): boolean {
  const e = d.expression;
  if (e.kind !== 'call' || e.name.name !== 'export') return false;
  return !e.object || (e.object.kind === 'identifier' && e.object.name === 'sys');
}

/** The `for` a declaration's value is, if any (an array of instances). */
function unwrapLoop(e: Expression): boolean {
  return e.kind === 'for';
}

/** The object body of a declaration's value, through `for` and `if`. */
function bodyObject(e: Expression): ObjectLiteral | undefined {
  let cur = e;
  if (cur.kind === 'for') cur = cur.body;
  if (cur.kind === 'if') cur = cur.body;
  return cur.kind === 'object' ? cur : undefined;
}
