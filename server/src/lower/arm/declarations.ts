import type { Node } from 'jsonc-parser';
import type { Host } from '../../core/host';
import { INSTANCE_WORK, parseWork, type AnalysisBudget } from '../../eval/limits';
import { deploymentScopeId, resourceKey } from '../../eval/resourceId';
import type { DeploymentTarget } from '../../core/symbolic';
import type { ArmDocument } from '../../parse/arm';
import type { DeploymentScope } from '../../parse/schema';
import { propertyKey, propertyValue, valueAt } from '../../parse/jsonNode';
import { ArmScope, TemplateFrame, type ParameterBinding } from './armScope';
import { Deployments, deploymentTarget as targetOf } from './deploymentOutputs';
import { parsedTemplate } from './templateCache';
import type { ResourceReuse } from './reuse';
import { loopSources, sourceAt, type CallerLink } from './callerLink';
import { bindParameters } from './parameterFile';
import { copyCount, evaluateIdentity, type Converter } from './convert';
import type { DeclaredResource } from '../../model/buildContext';
import { couldNotRead, type Notes } from '../../model/notes';
import { elementRefOf, type SourceContext } from './origin';
import type { FrontScope } from './scopeTypes';
import { addDeployer, type ParameterSources } from '../../model/types';
import { type Maybe } from '../../core/value';
import { asBoolean, getPath, getProp, isObject, isUnknown, unknown, type Value } from '../../core/value';

/** One declared resource instance of an ARM template (a copy loop gives one per index). */
export interface Declared extends DeclaredResource {
  doc: ArmDocument;
  /** The resource object in the document. */
  node: Node;
  scope: FrontScope;
  /** False for copy-loop instances. */
  literal: boolean;
  /** languageVersion 2.0: the symbolic name (`resources: { vnet: {...} }`). */
  symbolicName?: string;
  parent?: Declared;
}

export interface CollectServices {
  converter: Converter;
  notes: Notes;
  host: Host;
  /** Documents read besides the template (linked templates). */
  uris: string[];
  /** Where linked templates' deployers are recorded. */
  sources: ParameterSources;
  /** The build's nested deployments (their frames and outputs); one is made when not given. */
  deployments?: Deployments;
  /** What earlier versions of the analysed template kept of its resources' lowering (see reuse.ts). */
  reuse?: ResourceReuse;
}

const MAX_RESOURCE_NESTING = 32;
const MAX_TEMPLATE_NESTING = 8;
const BODY_SKIP = new Set(['resources', 'copy', 'condition']);
const DEPLOYMENT_BODY_SKIP = new Set(['resources', 'copy', 'condition', 'properties']);
const TEMPLATE_SKIP = new Set(['template']);
const DEPLOYMENTS = 'microsoft.resources/deployments';

interface Instance {
  scope: FrontScope;
  literal: boolean;
  condition: Maybe<true>;
  /** The copy index of a copy-loop instance. */
  index?: number;
}

/**
 * Walks a template's resources: top-level and nested `resources`, languageVersion 2.0
 * symbolic resources, copy loops, conditions, and nested deployments (inline templates
 * with inner or outer scope, and linked templates given by `relativePath`).
 */
export class ResourceCollector {
  readonly declared: Declared[] = [];
  private unresolved = 0;
  /** The linked templates being walked, outermost first: a template that links one of them is a cycle. */
  private chain: string[] = [];
  /**
   * The scope id of the last deployment target asked for: the resources of a template
   * (and of its copy loops) share their frame's target object, so most ask for the same.
   */
  private lastTarget: { target: Partial<DeploymentTarget> | undefined; scopeId: string } | undefined;

  readonly deployments: Deployments;

  constructor(private readonly services: CollectServices) {
    this.deployments = services.deployments ?? new Deployments(services);
  }

  private get budget(): AnalysisBudget {
    return this.services.converter.budget;
  }

  template(doc: ArmDocument, template: Node, scope: FrontScope, literal: boolean, condition: Maybe<true>, depth = 0): void {
    if (template.type !== 'object' || this.budget.exhausted) return;
    if (depth === 0) this.chain = [doc.uri.toLowerCase()];
    if (depth > MAX_TEMPLATE_NESTING) {
      this.services.converter.tracker?.impure();
      this.services.notes.add('nested deployments go deeper than the analyser follows', elementRefOf(doc, template, false));
      return;
    }
    const resources = propertyValue(template, 'resources');
    // The analysed template's own resources, each lowered or replayed from an earlier version (see reuse.ts).
    const reuse = depth === 0 ? this.services.reuse : undefined;
    if (resources?.type === 'array') {
      for (const r of resources.children ?? []) {
        const lower = () => this.resource(doc, r, scope, literal, condition, undefined, undefined, depth, 0);
        if (reuse) reuse.resource(r, this.declared, lower);
        else lower();
      }
    } else if (resources?.type === 'object') {
      for (const p of resources.children ?? []) {
        const node = p.children?.[1];
        if (!node) continue;
        const lower = () => this.resource(doc, node, scope, literal, condition, undefined, propertyKey(p), depth, 0);
        if (reuse) reuse.resource(p, this.declared, lower);
        else lower();
      }
    }
  }

  private context(doc: ArmDocument, scope: FrontScope, literal: boolean): SourceContext {
    return { doc, scope, literal, evaluates: true };
  }

  private evaluate(doc: ArmDocument, node: Node | undefined, scope: FrontScope): Value {
    return this.services.converter.value(node, this.context(doc, scope, false), { propertyCopy: false, record: false });
  }

  private instances(doc: ArmDocument, node: Node, scope: FrontScope, literal: boolean, condition: Maybe<true>): Instance[] {
    const copy = propertyValue(node, 'copy');
    if (!copy || copy.type !== 'object') return [{ scope, literal, condition }];
    const loopName = this.evaluate(doc, propertyValue(copy, 'name'), scope);
    const name = typeof loopName === 'string' ? loopName : '';
    const count = copyCount(this.evaluate(doc, propertyValue(copy, 'count'), scope));
    if (isUnknown(count)) {
      // One stand-in instance whose index is UNKNOWN and whose existence is undecided:
      // rules see the resource but stay silent on what depends on the count.
      const reason = `the copy count of '${name}' could not be resolved (${count.reason})`;
      // A note is said once per analysis, by the first resource that meets it: a resource that adds one is not kept (see reuse.ts).
      this.services.converter.tracker?.impure();
      this.services.notes.add(reason, elementRefOf(doc, node, false));
      return [{ scope: scope.withLoop(name, unknown(`copyIndex('${name}') is unknown: ${reason}`)), literal: false, condition: unknown(reason) }];
    }
    const out: Instance[] = [];
    // In a registry module, a loop over the caller's array: each instance stands for the caller's item.
    const sources = scope.caller ? loopSources(propertyValue(copy, 'count'), scope) : undefined;
    // Each instance is worth a unit of the analysis's budget before anything in it is evaluated.
    for (let i = 0; i < count && this.budget.spend(INSTANCE_WORK); i++) out.push({ scope: scope.withLoop(name, i, sourceAt(sources, i)), literal: false, condition, index: i });
    return out;
  }

  private resource(
    doc: ArmDocument,
    node: Node,
    outerScope: FrontScope,
    outerLiteral: boolean,
    outerCondition: Maybe<true>,
    parent: Declared | undefined,
    symbolicName: string | undefined,
    templateDepth: number,
    nesting: number,
  ): void {
    if (node.type !== 'object' || nesting > MAX_RESOURCE_NESTING || this.budget.exhausted) return;
    for (const inst of this.instances(doc, node, outerScope, outerLiteral, outerCondition)) {
      if (this.budget.exhausted) return;
      const condition = this.condition(doc, node, inst);
      if (condition === false) continue;
      const d = this.declare(doc, node, inst, condition, parent, symbolicName);
      if (!d) continue;
      this.declared.push(d);
      const children = propertyValue(node, 'resources');
      if (children?.type === 'array') {
        for (const c of children.children ?? []) {
          this.resource(doc, c, inst.scope, inst.literal, condition, d, undefined, templateDepth, nesting + 1);
        }
      }
      if (d.typeLower === DEPLOYMENTS) this.deployment(d, inst, condition, templateDepth);
    }
  }

  /** false: the resource is not deployed; UNKNOWN: it may be. */
  private condition(doc: ArmDocument, node: Node, inst: Instance): Maybe<true> | false {
    const condNode = propertyValue(node, 'condition');
    if (!condNode) return inst.condition;
    const b = asBoolean(this.evaluate(doc, condNode, inst.scope));
    if (b === false) return false;
    if (b === true) return inst.condition;
    const reason = isUnknown(b) ? b.reason : 'the condition is not a boolean';
    return isUnknown(inst.condition) ? inst.condition : unknown(`the condition could not be decided (${reason})`);
  }

  private declare(
    doc: ArmDocument,
    node: Node,
    inst: Instance,
    condition: Maybe<true>,
    parent: Declared | undefined,
    symbolicName: string | undefined,
  ): Declared | undefined {
    const converter = this.services.converter;
    const ctx = this.context(doc, inst.scope, inst.literal);
    const rawType = this.evaluate(doc, propertyValue(node, 'type'), inst.scope);
    if (typeof rawType !== 'string' || rawType.trim() === '') return undefined;
    const isDeployment = rawType.trim().toLowerCase() === DEPLOYMENTS;
    const opts = { propertyCopy: true, record: true };
    const body = converter.object(node, ctx, opts, 0, isDeployment ? DEPLOYMENT_BODY_SKIP : BODY_SKIP);
    if (!isObject(body)) return undefined;
    if (isDeployment) {
      const props = findPropertyNode(node, 'properties');
      if (props) {
        const value = props.value?.type === 'object' ? converter.object(props.value, ctx, opts, 1, TEMPLATE_SKIP) : converter.value(props.value, ctx, opts, 1);
        body[props.key] = value;
      }
    }

    const { type, relative } = composeType(rawType.trim().replace(/\/+$/, ''), parent);
    const typeSegments = type.split('/').length - 1;
    const nameValue = getProp(body, 'name');
    const names = splitName(nameValue, parent ? (parent.names ?? parent.name) : undefined, relative, typeSegments);
    let keyNames: string[] | undefined = Array.isArray(names) ? names : undefined;
    if (!keyNames) {
      const nameNode = propertyValue(node, 'name');
      const identityName = nameNode?.type === 'string' ? evaluateIdentity(String(nameNode.value), inst.scope.identity()) : undefined;
      const n = splitName(identityName, parent ? (parent.keyNames ?? unknown('the parent resource name is not resolved')) : undefined, relative, typeSegments);
      keyNames = Array.isArray(n) ? n : undefined;
    }
    // The number of an unresolved key counts the ones before it: such a resource is not kept (see reuse.ts).
    if (!keyNames) this.services.converter.tracker?.impure();
    const key = keyNames ? resourceKey(type, keyNames) : `?unresolved/${++this.unresolved}/${type.toLowerCase()}`;
    const existing = asBoolean(getProp(body, 'existing')) === true;
    const d: Declared = {
      doc,
      node,
      scope: inst.scope,
      literal: inst.literal,
      body,
      type,
      typeLower: type.toLowerCase(),
      name: Array.isArray(names) ? names.join('/') : names,
      names: Array.isArray(names) ? names : undefined,
      keyNames,
      key,
      condition,
      existing,
      ref: elementRefOf(doc, node, inst.literal),
      parent,
    };
    d.scopeId = this.scopeIdOf(inst.scope.target);
    if (symbolicName !== undefined) d.symbolicName = symbolicName;
    return d;
  }

  /** deploymentScopeId, once per target object (targets are never changed once made). */
  private scopeIdOf(target: Partial<DeploymentTarget> | undefined): string {
    const last = this.lastTarget;
    if (last !== undefined && last.target === target) return last.scopeId;
    const scopeId = deploymentScopeId(target);
    this.lastTarget = { target, scopeId };
    return scopeId;
  }

  private deployment(d: Declared, inst: Instance, condition: Maybe<true>, templateDepth: number): void {
    // A deployment's frame and outputs are shared with other resources' reference(): never kept (see reuse.ts).
    this.services.converter.tracker?.impure();
    const props = propertyValue(d.node, 'properties');
    const template = propertyValue(props, 'template');
    const doc = d.doc;
    if (template?.type === 'object') {
      const mode = this.evaluate(doc, valueAt(props, 'expressionEvaluationOptions', 'scope'), inst.scope);
      if (typeof mode === 'string' && mode.toLowerCase() === 'inner') {
        const make = () => {
          const bindings = this.bindings(d, inst, props);
          const target = deploymentTarget(d, inst.scope, undefined);
          return new TemplateFrame({ doc, template, bindings, literal: inst.literal, converter: this.services.converter, target, deployments: this.deployments, ...callerOf(inst.scope) });
        };
        // Shared with `reference()` of the deployment's outputs: one frame per deployment instance.
        const frame = inst.scope instanceof ArmScope ? this.deployments.frameFor(inst.scope.frame, d.node, inst.index, make) : make();
        if (!isUnknown(frame)) this.template(doc, template, frame.base, inst.literal, condition, templateDepth + 1);
      } else {
        // 'outer' (the default): the nested template's expressions see the parent's scope.
        this.template(doc, template, inst.scope, inst.literal, condition, templateDepth + 1);
      }
      return;
    }
    const link = getPath(d.body, 'properties', 'templateLink');
    if (!isObject(link)) return;
    const relativePath = getProp(link, 'relativePath');
    const at = elementRefOf(doc, d.node, false);
    if (typeof relativePath !== 'string') {
      const uri = getProp(link, 'uri');
      this.services.notes.add(
        typeof uri === 'string' ? `the linked template ${uri} is not analysed` : 'a linked template whose location is not known is not analysed',
        at,
      );
      return;
    }
    let uri: string;
    try {
      uri = new URL(relativePath, doc.uri).toString();
    } catch {
      this.services.notes.add(`the linked template ${relativePath} could not be located`, at);
      return;
    }
    let text: string | undefined;
    try {
      text = this.services.host.readFile(uri);
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string') {
      this.services.notes.add(`the linked template ${relativePath} ${couldNotRead(this.services.host, uri)}`, at);
      return;
    }
    if (!this.budget.spend(parseWork(text))) return;
    const linkedDoc = parsedTemplate(uri, text);
    if (!linkedDoc.isTemplate || linkedDoc.root?.type !== 'object') {
      this.services.notes.add(`the linked template ${relativePath} is not a deployment template`, at);
      return;
    }
    if (getPath(d.body, 'properties', 'parametersLink') !== undefined) {
      this.services.notes.add(`the parameters link of the deployment using ${relativePath} is not followed`, at);
    }
    if (this.chain.includes(uri.toLowerCase())) {
      this.services.notes.add(`the linked template ${relativePath} deploys a template that is already being analysed (a cycle)`, at);
      return;
    }
    if (!this.services.uris.includes(uri)) this.services.uris.push(uri);
    addDeployer(this.services.sources, uri, elementRefOf(doc, d.node, inst.literal));
    const make = () =>
      new TemplateFrame({
        doc: linkedDoc,
        template: linkedDoc.root!,
        bindings: this.bindings(d, inst, props),
        literal: inst.literal,
        converter: this.services.converter,
        target: deploymentTarget(d, inst.scope, linkedDoc.deploymentScope),
        deployments: this.deployments,
        ...callerOf(inst.scope),
      });
    const frame = inst.scope instanceof ArmScope ? this.deployments.frameFor(inst.scope.frame, d.node, inst.index, make) : make();
    if (isUnknown(frame)) return;
    this.chain.push(uri.toLowerCase());
    try {
      this.template(linkedDoc, linkedDoc.root, frame.base, inst.literal, condition, templateDepth + 1);
    } finally {
      this.chain.pop();
    }
  }

  /** A deployment's `properties.parameters`, evaluated in the deploying template's scope. */
  private bindings(d: Declared, inst: Instance, props: Node | undefined): Map<string, ParameterBinding> {
    const evaluated = getPath(d.body, 'properties', 'parameters');
    return bindParameters(propertyValue(props, 'parameters'), (name, valueNode) => {
      let identityValue: Value | undefined;
      return (identity) => {
        if (!identity) {
          const v = getPath(getProp(evaluated, name), 'value');
          return v === undefined ? null : v;
        }
        identityValue ??= this.services.converter.value(valueNode, this.context(d.doc, inst.scope.identity(), false), { propertyCopy: false, record: false });
        return identityValue;
      };
    });
  }
}

/** A deployment nested in a registry module reports through the module's caller, standing for what its instance stands for. */
export function callerOf(scope: FrontScope): { caller?: CallerLink; source?: object } {
  if (!scope.caller) return {};
  return { caller: scope.caller, ...(scope.source ? { source: scope.source } : {}) };
}

/** Where a nested deployment deploys: its `resourceGroup` / `subscriptionId` when given, else where its parent does. */
function deploymentTarget(d: Declared, outer: FrontScope, level: DeploymentScope | undefined): Partial<DeploymentTarget> {
  return targetOf(getProp(d.body, 'resourceGroup'), getProp(d.body, 'subscriptionId'), outer.target, level);
}

function findPropertyNode(obj: Node, key: string): { key: string; value: Node | undefined } | undefined {
  const lower = key.toLowerCase();
  let found: { key: string; value: Node | undefined } | undefined;
  for (const p of obj.children ?? []) {
    const k = propertyKey(p);
    if (k !== undefined && k.toLowerCase() === lower) found = { key: k, value: p.children?.[1] };
  }
  return found;
}

/**
 * The full type of a resource. A nested child written `subnets` under
 * `Microsoft.Network/virtualNetworks` is `Microsoft.Network/virtualNetworks/subnets`;
 * one written with its namespace is already full.
 */
function composeType(raw: string, parent: Declared | undefined): { type: string; relative: boolean } {
  if (!parent) return { type: raw, relative: false };
  const first = raw.split('/')[0];
  if (first.includes('.')) return { type: raw, relative: false };
  return { type: `${parent.type}/${raw}`, relative: true };
}

/**
 * The name segments of a resource: its own name split on '/', after the parent's names
 * for a nested child (unless a full-typed child already writes the full name).
 */
function splitName(
  value: Value | undefined,
  parentNames: string[] | Maybe<string> | undefined,
  relative: boolean,
  typeSegments: number,
): string[] | Maybe<string> {
  if (isUnknown(value)) return value;
  if (typeof value !== 'string') return unknown('the resource has no name');
  const own = value.split('/');
  if (parentNames === undefined) return own;
  if (!relative && own.length >= typeSegments) return own;
  if (isUnknown(parentNames)) return parentNames;
  if (typeof parentNames === 'string') return unknown('the parent resource name is not resolved');
  return [...parentNames, ...own];
}
