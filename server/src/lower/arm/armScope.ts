import type { Node } from 'jsonc-parser';
import type { AnalysisBudget } from '../../eval/limits';
import { parameterSymbol, qualifyFresh, type DeploymentTarget } from '../../core/symbolic';
import { unboundParameter, type ParameterDeclaration } from '../../eval/parameters';
import type { ArmDocument } from '../../parse/arm';
import { propertyKey, propertyValue, stringOf } from '../../parse/jsonNode';
import { copyCount, type Converter } from './convert';
import type { SourceContext } from './origin';
import type { FrontScope } from './scopeTypes';
import type { Deployments } from './deploymentOutputs';
import type { CallerLink } from './callerLink';
import type { LoweringTracker } from './reuse';
import { isUnknown, unknown, type Value } from '../../core/value';

/** How a parameter gets its value from outside the template (parameters file, nested deployment). */
export interface ParameterBinding {
  /** The bound value; `identity` asks for the identity twin's evaluation. */
  value(identity: boolean): Value;
}

export interface TemplateFrameInit {
  doc: ArmDocument;
  /** The template object (the document root, or a nested deployment's `template`). */
  template: Node;
  /** Lower-case parameter name → value supplied from outside. */
  bindings: Map<string, ParameterBinding>;
  /** False when the template is instantiated by a copy loop (a nested deployment in a loop). */
  literal: boolean;
  converter: Converter;
  /** Where the template deploys (level, resource group...); the rest stays symbolic. */
  target?: Partial<DeploymentTarget>;
  /**
   * The analysed template itself, not one it deploys: its string parameters without a
   * value are symbols (see eval/parameters.ts).
   */
  analysed?: boolean;
  /** The build's nested deployments, for `reference()` of their outputs (see deploymentOutputs.ts). */
  deployments?: Deployments;
  /** A template that is not the user's reports through its caller (see callerLink.ts). */
  caller?: CallerLink;
  /** True for the registry module's own template; false for deployments nested in it. */
  callerRoot?: boolean;
  /** The caller's value this template instance stands for (a nested deployment in a copy over it). */
  source?: object;
}

const MAX_FUNCTION_DEPTH = 16;

/** A parameter's or variable's name lower-cased, its key in the memo, and the key the reuse tracker knows it by. */
interface MemoKey {
  lower: string;
  memo: string;
  tracked: string;
}

/**
 * One template's parameters, variables and user functions. Variables are evaluated on
 * demand and memoised, with cycle detection. Each frame has an identity twin that
 * shares the declarations but not the memo (see FrontScope.identity).
 */
export class TemplateFrame {
  readonly doc: ArmDocument;
  readonly literal: boolean;
  readonly converter: Converter;
  readonly target: Partial<DeploymentTarget> | undefined;
  private readonly analysed: boolean;
  /** The template object (undefined in frames made without one). */
  readonly template: Node | undefined;
  readonly deployments: Deployments | undefined;
  readonly caller: CallerLink | undefined;
  readonly callerRoot: boolean;
  readonly source: object | undefined;
  private readonly bindings: Map<string, ParameterBinding>;
  private readonly parameters = new Map<string, { name: string; node: Node }>();
  private readonly variables = new Map<string, { name: string; node: Node }>();
  private readonly variableCopies = new Map<string, { name: string; entry: Node }>();
  private readonly functions = new Map<string, Node>();
  private readonly memo = new Map<string, Value>();
  /** The keys of each name as written (see memoKey); the identity twin has its own, as its tracked keys differ. */
  private readonly parameterKeys = new Map<string, MemoKey>();
  private readonly variableKeys = new Map<string, MemoKey>();
  private readonly busy = new Set<string>();
  private functionDepth = 0;
  private twin?: TemplateFrame;
  readonly base: ArmScope;

  constructor(
    init: TemplateFrameInit,
    readonly isIdentity = false,
    shared?: TemplateFrame,
  ) {
    this.doc = init.doc;
    this.literal = init.literal;
    this.converter = init.converter;
    this.bindings = init.bindings;
    this.target = init.target;
    this.analysed = init.analysed === true;
    this.deployments = init.deployments;
    this.caller = init.caller;
    this.callerRoot = init.callerRoot === true;
    this.source = init.source;
    this.template = shared ? shared.template : init.template;
    if (shared) {
      this.parameters = shared.parameters;
      this.variables = shared.variables;
      this.variableCopies = shared.variableCopies;
      this.functions = shared.functions;
      this.twin = shared;
    } else {
      this.readDeclarations(init.template);
    }
    this.base = new ArmScope(this);
  }

  private readDeclarations(template: Node): void {
    const params = propertyValue(template, 'parameters');
    if (params?.type === 'object') {
      for (const p of params.children ?? []) {
        const name = propertyKey(p);
        const node = p.children?.[1];
        if (name !== undefined && node) this.parameters.set(name.toLowerCase(), { name, node });
      }
    }
    const vars = propertyValue(template, 'variables');
    if (vars?.type === 'object') {
      for (const p of vars.children ?? []) {
        const name = propertyKey(p);
        const node = p.children?.[1];
        if (name === undefined || !node) continue;
        if (name.toLowerCase() === 'copy' && node.type === 'array') {
          for (const entry of node.children ?? []) {
            const loopName = stringOf(propertyValue(entry, 'name'));
            if (loopName) this.variableCopies.set(loopName.toLowerCase(), { name: loopName, entry });
          }
          continue;
        }
        this.variables.set(name.toLowerCase(), { name, node });
      }
    }
    const functions = propertyValue(template, 'functions');
    if (functions?.type === 'array') {
      for (const ns of functions.children ?? []) {
        const namespace = stringOf(propertyValue(ns, 'namespace'));
        const members = propertyValue(ns, 'members');
        if (!namespace || members?.type !== 'object') continue;
        for (const m of members.children ?? []) {
          const name = propertyKey(m);
          const node = m.children?.[1];
          if (name && node) this.functions.set(`${namespace}.${name}`.toLowerCase(), node);
        }
      }
    }
  }

  /** The identity twin (created once). */
  identity(): TemplateFrame {
    if (this.isIdentity) return this;
    if (!this.twin) {
      this.twin = new TemplateFrame(
        {
          doc: this.doc,
          template: undefined as never,
          bindings: this.bindings,
          literal: this.literal,
          converter: this.converter,
          target: this.target,
          analysed: this.analysed,
          ...(this.deployments ? { deployments: this.deployments } : {}),
          ...(this.caller ? { caller: this.caller, callerRoot: this.callerRoot } : {}),
          ...(this.source ? { source: this.source } : {}),
        },
        true,
        this,
      );
    }
    return this.twin;
  }

  /** The frame whose identity twin this is (itself when it is not one). */
  identityBase(): TemplateFrame {
    return this.isIdentity && this.twin ? this.twin : this;
  }

  private context(scope: FrontScope, literal = this.literal): SourceContext {
    return { doc: this.doc, scope, literal, evaluates: true };
  }

  private get options() {
    return { propertyCopy: true, record: !this.isIdentity };
  }

  parameter(name: string): Value {
    const { lower, memo: memoKey, tracked } = this.memoKey(this.parameterKeys, 'p:', name);
    const tracker = this.tracker;
    const hit = this.memo.get(memoKey);
    if (hit !== undefined || this.memo.has(memoKey)) {
      tracker?.read(tracked);
      return hit as Value;
    }
    if (this.busy.has(memoKey)) {
      // What a cycle gives depends on where its evaluation started: nothing reading it is kept.
      tracker?.impure();
      return unknown(`parameter '${name}' refers to itself`);
    }
    return tracker ? tracker.memoised(tracked, () => this.computeParameter(name, lower, memoKey)) : this.computeParameter(name, lower, memoKey);
  }

  /**
   * The keys of a parameter or variable by the name as written: templates read the same
   * few names thousands of times (`variables('subnetPrefix')` in every rule), and each
   * read would otherwise lower-case the name and build its keys again, then hash the new
   * strings. Bounded by the names the template's text holds.
   */
  private memoKey(keys: Map<string, MemoKey>, prefix: string, name: string): MemoKey {
    let k = keys.get(name);
    if (k === undefined) {
      const lower = String(name).toLowerCase();
      const memo = prefix + lower;
      k = { lower, memo, tracked: this.trackedKey(memo) };
      keys.set(name, k);
    }
    return k;
  }

  private computeParameter(name: string, lower: string, memoKey: string): Value {
    const decl = this.parameters.get(lower);
    const binding = this.bindings.get(lower);
    const declared = decl?.name ?? name;
    this.busy.add(memoKey);
    let v: Value;
    try {
      if (binding) v = binding.value(this.isIdentity);
      else if (!decl) v = unknown(`parameter '${name}' is not declared`);
      else {
        const def = propertyValue(decl.node, 'defaultValue');
        v = def
          ? qualifyFresh(this.converter.value(def, this.context(this.base), { propertyCopy: false, record: !this.isIdentity }), declared)
          : unboundParameter(this.declaration(declared, decl.node), this.analysed);
      }
    } finally {
      this.busy.delete(memoKey);
    }
    if (this.isIdentity && isUnknown(v)) v = parameterSymbol(declared);
    this.memo.set(memoKey, v);
    return v;
  }

  /**
   * What watches the analysed template's parameters and variables while a build keeps
   * what it lowers (see reuse.ts): which of them each resource reads. Only the analysed
   * template's own frame: the frames of nested deployments are never kept.
   */
  private get tracker(): LoweringTracker | undefined {
    return this.analysed ? this.converter.tracker : undefined;
  }

  private trackedKey(memoKey: string): string {
    return this.isIdentity ? `i:${memoKey}` : memoKey;
  }

  /** What a parameter's declaration says about it: its type, `nullable`, `allowedValues` (never evaluated, as in ARM). */
  private declaration(name: string, node: Node): ParameterDeclaration {
    const literal = (key: string): Value | undefined => {
      const n = propertyValue(node, key);
      return n ? this.converter.value(n, { doc: this.doc, scope: inertScope, literal: false, evaluates: false }, { propertyCopy: false, record: false }) : undefined;
    };
    const type = literal('type');
    const out: ParameterDeclaration = { name, nullable: literal('nullable') === true };
    if (typeof type === 'string') out.type = type;
    const allowed = literal('allowedValues');
    if (allowed !== undefined) out.allowedValues = allowed;
    return out;
  }

  variable(name: string): Value {
    const { lower, memo: memoKey, tracked } = this.memoKey(this.variableKeys, 'v:', name);
    const tracker = this.tracker;
    const hit = this.memo.get(memoKey);
    if (hit !== undefined || this.memo.has(memoKey)) {
      tracker?.read(tracked);
      return hit as Value;
    }
    if (this.busy.has(memoKey)) {
      tracker?.impure();
      return unknown(`variable '${name}' refers to itself`);
    }
    return tracker ? tracker.memoised(tracked, () => this.computeVariable(name, lower, memoKey)) : this.computeVariable(name, lower, memoKey);
  }

  private computeVariable(name: string, lower: string, memoKey: string): Value {
    this.busy.add(memoKey);
    let v: Value;
    try {
      const decl = this.variables.get(lower);
      const copy = this.variableCopies.get(lower);
      if (decl) v = this.converter.value(decl.node, this.context(this.base), this.options);
      else if (copy) v = this.copyVariable(copy.name, copy.entry);
      else v = unknown(`variable '${name}' is not declared`);
    } finally {
      this.busy.delete(memoKey);
    }
    this.memo.set(memoKey, v);
    return v;
  }

  /** `variables.copy: [{ name, count, input }]`: the variable `name` is the array of inputs. */
  private copyVariable(name: string, entry: Node): Value {
    const count = copyCount(this.converter.value(propertyValue(entry, 'count'), this.context(this.base), { propertyCopy: false, record: false }));
    if (isUnknown(count)) return unknown(`the copy count of variable '${name}' could not be resolved (${count.reason})`);
    const input = propertyValue(entry, 'input');
    const out: Value[] = [];
    for (let i = 0; i < count && !this.converter.budget.exhausted; i++) {
      out.push(this.converter.value(input, this.context(this.base.withLoop(name, i), false), this.options));
    }
    return out;
  }

  /** A user-defined function: its output evaluated with the arguments as its parameters. */
  callFunction(namespace: string, member: string, args: Value[]): Value {
    const node = this.functions.get(`${namespace}.${member}`.toLowerCase());
    if (!node) return unknown(`function '${namespace}.${member}' is not declared`);
    if (this.functionDepth >= MAX_FUNCTION_DEPTH) return unknown(`function '${namespace}.${member}' nests too deeply`);
    const bound = new Map<string, Value>();
    const params = propertyValue(node, 'parameters');
    (params?.children ?? []).forEach((p, i) => {
      const pname = stringOf(propertyValue(p, 'name'));
      if (pname) bound.set(pname.toLowerCase(), i < args.length ? args[i] : unknown(`argument '${pname}' is missing`));
    });
    const output = propertyValue(propertyValue(node, 'output'), 'value');
    if (!output) return unknown(`function '${namespace}.${member}' has no output value`);
    this.functionDepth++;
    try {
      const scope = new FunctionScope(this, bound, `${namespace}.${member}`);
      return this.converter.value(output, { doc: this.doc, scope, literal: false, evaluates: true }, { propertyCopy: false, record: false });
    } finally {
      this.functionDepth--;
    }
  }
}

interface Loop {
  name: string;
  index: Value;
  outer?: Loop;
  source?: object;
}

/** The Scope of a template frame, inside zero or more copy loops. */
export class ArmScope implements FrontScope {
  readonly target: Partial<DeploymentTarget> | undefined;

  get budget(): AnalysisBudget {
    return this.frame.converter.budget;
  }

  constructor(
    readonly frame: TemplateFrame,
    private readonly loop?: Loop,
  ) {
    this.target = frame.target;
  }

  parameter(name: string): Value {
    return this.frame.parameter(name);
  }

  variable(name: string): Value {
    return this.frame.variable(name);
  }

  copyIndex(loopName?: string): Value {
    if (!this.loop) return unknown('copyIndex() is used outside a copy loop');
    if (loopName === undefined) return this.loop.index;
    const lower = String(loopName).toLowerCase();
    for (let l: Loop | undefined = this.loop; l; l = l.outer) if (l.name.toLowerCase() === lower) return l.index;
    return unknown(`copyIndex('${loopName}') is used outside that loop`);
  }

  /** The outputs of a nested deployment of this template; anything else a deployment reads is known only then. */
  reference(args: Value[]): Value {
    // What it gives depends on other resources of the template: nothing that reads it is kept (see reuse.ts).
    this.frame.converter.tracker?.impure();
    return this.frame.deployments?.reference(this, args) ?? unknown('reference() reads deployed resources: known only at deployment time');
  }

  userFunction(namespace: string, member: string, args: Value[]): Value {
    return this.frame.callFunction(namespace, member, args);
  }

  withLoop(name: string, index: Value, source?: object): ArmScope {
    return new ArmScope(this.frame, { name, index, outer: this.loop, ...(source ? { source } : {}) });
  }

  /** The same copy loops in another frame: a kept lowering placed in a new build (see reuse.ts). */
  inFrame(frame: TemplateFrame): ArmScope {
    return new ArmScope(frame, this.loop);
  }

  get caller(): CallerLink | undefined {
    return this.frame.caller;
  }

  get callerRoot(): boolean {
    return this.frame.callerRoot;
  }

  /** The innermost copy instance's source, else the frame's. */
  get source(): object | undefined {
    for (let l: Loop | undefined = this.loop; l; l = l.outer) if (l.source) return l.source;
    return this.frame.source;
  }

  identity(): ArmScope {
    return this.frame.isIdentity ? this : new ArmScope(this.frame.identity(), this.loop);
  }

  get isIdentity(): boolean {
    return this.frame.isIdentity;
  }
}

/** Inside a user function: only its own parameters are visible. */
class FunctionScope implements FrontScope {
  get budget(): AnalysisBudget {
    return this.frame.converter.budget;
  }

  constructor(
    private readonly frame: TemplateFrame,
    private readonly args: Map<string, Value>,
    private readonly fn: string,
  ) {}

  parameter(name: string): Value {
    const v = this.args.get(String(name).toLowerCase());
    return v !== undefined ? v : unknown(`parameter '${name}' is not a parameter of function '${this.fn}'`);
  }

  variable(name: string): Value {
    return unknown(`variables('${name}') cannot be used in function '${this.fn}'`);
  }

  copyIndex(): Value {
    return unknown(`copyIndex() cannot be used in function '${this.fn}'`);
  }

  reference(): Value {
    return unknown(`reference() cannot be used in function '${this.fn}'`);
  }

  userFunction(namespace: string, member: string, args: Value[]): Value {
    return this.frame.callFunction(namespace, member, args);
  }

  withLoop(): FrontScope {
    return this;
  }

  identity(): FrontScope {
    return this;
  }
}

/** A scope where nothing is known: for values that are never evaluated (parameter files). */
export const inertScope: FrontScope = {
  parameter: (name) => unknown(`parameters('${name}') is not available here`),
  variable: (name) => unknown(`variables('${name}') is not available here`),
  copyIndex: () => unknown('copyIndex() is not available here'),
  withLoop: () => inertScope,
  identity: () => inertScope,
};
