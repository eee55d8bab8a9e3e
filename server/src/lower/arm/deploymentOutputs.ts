import type { Node } from 'jsonc-parser';
import { readText, type Host } from '../../core/host';
import type { DeploymentTarget } from '../../core/symbolic';
import { parseWork } from '../../eval/limits';
import type { Notes } from '../../model/notes';
import type { ArmDocument } from '../../parse/arm';
import { propertyKey, propertyValue, valueAt } from '../../parse/jsonNode';
import { asBoolean, getProp, isObject, isUnknown, unknown, type Unknown, type Value, type ValueObject } from '../../core/value';
import { resourceKey, resourceKeyFromId } from '../../eval/resourceId';
import { TemplateFrame, type ArmScope } from './armScope';
import { copyCount, evaluateLiteral, type Converter } from './convert';
import type { SourceContext } from './origin';
import { parsedTemplate } from './templateCache';
import { loopSources, sourceAt } from './callerLink';
import { bindParameters } from './parameterFile';

const DEPLOYMENTS = 'microsoft.resources/deployments';
const NETWORK_TYPES: ReadonlySet<string> = new Set([
  'microsoft.network/virtualnetworks',
  'microsoft.network/virtualnetworks/subnets',
  'microsoft.network/networksecuritygroups',
  'microsoft.network/routetables',
]);

export interface DeploymentServices {
  converter: Converter;
  host: Host;
  notes: Notes;
}

/** The template a deployment deploys, once found: inline, or linked by `relativePath`. */
interface DeployedTemplate {
  doc: ArmDocument;
  template: Node;
  inner: boolean;
}

/**
 * The nested deployments of one build, as other resources see them: `reference()` of a
 * deployment gives its outputs, evaluated in the deployment's own frame with the
 * parameters it is given (`reference(resourceId('Microsoft.Resources/deployments',
 * 'net')).outputs.subnetId.value`, languageVersion 2.0's `reference('net[0]')`). This is
 * how compiled Bicep passes one module's output to the next, and how Azure Verified
 * Modules return the ids of what their sub-deployments created. The frames are shared
 * with the walk over the deployments' resources, so each is evaluated once.
 */
export class Deployments {
  private readonly frames = new Map<Node, Map<string, TemplateFrame | Unknown>>();
  private readonly outputs = new Map<string, ValueObject | Unknown>();
  private readonly busy = new Set<string>();
  private readonly ids = new WeakMap<TemplateFrame, number>();
  private nextId = 0;

  constructor(private readonly services: DeploymentServices) {}

  /** The frame a deployment instance's inner template is evaluated in, made once by `make`. */
  frameFor(outer: TemplateFrame, node: Node, index: number | undefined, make: () => TemplateFrame | Unknown): TemplateFrame | Unknown {
    let byInstance = this.frames.get(node);
    if (!byInstance) this.frames.set(node, (byInstance = new Map()));
    const key = `${this.idOf(outer.identityBase())}:${index ?? ''}`;
    let frame = byInstance.get(key);
    if (!frame) {
      frame = make();
      byInstance.set(key, frame);
    }
    return frame;
  }

  /**
   * `reference(...)` in `frame`: the deployment it names among the template's resources,
   * as `{ outputs: { name: { type, value } } }` (under `properties` for the `'Full'`
   * form); undefined when the argument names no deployment of the template.
   */
  reference(scope: ArmScope, args: Value[]): Value | undefined {
    const frame = scope.frame;
    const target = args[0];
    if (typeof target !== 'string' || !frame.template) return undefined;
    const full = typeof args[2] === 'string' && args[2].toLowerCase() === 'full';
    const found = this.find(scope, target);
    if (!found) {
      const network = this.findNetworkResource(scope, target);
      return network ? this.declaredState(scope, network.node, full) : undefined;
    }
    const outputs = this.outputsOf(frame, found.node, found.index);
    if (isUnknown(outputs)) return outputs;
    return full ? { properties: { outputs } } : { outputs };
  }

  /**
   * A network resource of the template (a VNet, a subnet, an NSG, a route table), named by
   * its symbolic name (languageVersion 2.0) or its id: what reading it after the
   * deployment gives is what the template declares, with the ids Azure gives (a VNet's
   * subnets). Only those types: what Azure adds to others at deployment (addresses,
   * principal ids) is not in the template, and must stay unknown.
   */
  private findNetworkResource(scope: ArmScope, target: string): { node: Node; index: number | undefined } | undefined {
    const resources = propertyValue(scope.frame.template, 'resources');
    if (!resources) return undefined;
    const symbolic = /^([A-Za-z_$][\w$]*)$/.exec(target);
    if (symbolic && resources.type === 'object') {
      const node = propertyValue(resources, symbolic[1]);
      return node?.type === 'object' && NETWORK_TYPES.has(this.typeOf(scope, node)) && !propertyValue(node, 'copy') ? { node, index: undefined } : undefined;
    }
    const key = target.startsWith('/') ? resourceKeyFromId(target) : undefined;
    if (key === undefined) return undefined;
    const candidates = resources.type === 'array' ? (resources.children ?? []) : (resources.children ?? []).map((p) => p.children?.[1]).filter((n): n is Node => !!n);
    for (const node of candidates) {
      if (node.type !== 'object' || propertyValue(node, 'copy')) continue;
      const type = this.typeOf(scope, node);
      if (!NETWORK_TYPES.has(type)) continue;
      const name = this.evaluate(scope, propertyValue(node, 'name'));
      if (typeof name === 'string' && resourceKey(type, name.split('/')) === key) return { node, index: undefined };
    }
    return undefined;
  }

  private typeOf(scope: ArmScope, node: Node): string {
    const type = this.evaluate(scope, propertyValue(node, 'type'));
    return typeof type === 'string' ? type.trim().toLowerCase() : '';
  }

  /** What `reference()` of a declared network resource reads: its declared properties, a VNet's subnets with their ids. */
  private declaredState(scope: ArmScope, node: Node, full: boolean): Value {
    if (asBoolean(this.evaluate(scope, propertyValue(node, 'existing'))) === true) return unknown('reference() reads an existing resource: known only at deployment time');
    const condition = propertyValue(node, 'condition');
    if (condition && asBoolean(this.evaluate(scope, condition)) !== true) return unknown('reference() names a resource whose condition is not known to hold');
    const ctx: SourceContext = { doc: scope.frame.doc, scope, literal: false, evaluates: true };
    const properties = this.services.converter.value(propertyValue(node, 'properties'), ctx, { propertyCopy: true, record: false });
    const type = this.typeOf(scope, node);
    // The id is spelt with the type as the template writes it, as Azure gives it back.
    const written = this.evaluate(scope, propertyValue(node, 'type'));
    const spelt = typeof written === 'string' ? written.trim() : type;
    const name = this.evaluate(scope, propertyValue(node, 'name'));
    const id = typeof name === 'string' ? evaluateLiteral(`[resourceId('${spelt.replace(/'/g, "''")}', ${name.split('/').map((n) => `'${n.replace(/'/g, "''")}'`).join(', ')})]`, scope) : unknown('the resource name is not resolved');
    let state: Value = properties;
    if (type === 'microsoft.network/virtualnetworks' && isObject(properties) && Array.isArray(getProp(properties, 'subnets'))) {
      const subnets = (getProp(properties, 'subnets') as Value[]).map((s) => {
        if (!isObject(s) || getProp(s, 'id') !== undefined) return s;
        const subnetName = getProp(s, 'name');
        return { ...s, id: typeof id === 'string' && typeof subnetName === 'string' ? `${id}/subnets/${subnetName}` : unknown('the subnet id is not resolved') };
      });
      state = { ...properties, subnets };
    }
    return full ? { id, name: name ?? null, type, properties: state } : state;
  }

  private idOf(frame: TemplateFrame): number {
    let id = this.ids.get(frame);
    if (id === undefined) this.ids.set(frame, (id = ++this.nextId));
    return id;
  }

  /** The deployment resource `target` names in the frame's template: a symbolic name (`net`, `net[2]`), a deployment id, or a deployment name. */
  private find(scope: ArmScope, target: string): { node: Node; index: number | undefined } | undefined {
    const resources = propertyValue(scope.frame.template, 'resources');
    if (!resources) return undefined;
    const symbolic = /^([A-Za-z_$][\w$]*)(?:\[(\d+)\])?$/.exec(target);
    if (symbolic && resources.type === 'object') {
      const node = propertyValue(resources, symbolic[1]);
      if (node?.type === 'object' && this.isDeployment(scope, node)) return { node, index: symbolic[2] !== undefined ? Number(symbolic[2]) : undefined };
    }
    const byId = /\/providers\/microsoft\.resources\/deployments\/([^/]+)$/i.exec(target);
    const name = byId ? byId[1] : target.includes('/') ? undefined : target;
    if (name === undefined) return undefined;
    const candidates = resources.type === 'array' ? (resources.children ?? []) : (resources.children ?? []).map((p) => p.children?.[1]).filter((n): n is Node => !!n);
    for (const node of candidates) {
      if (node.type !== 'object' || !this.isDeployment(scope, node)) continue;
      const copy = propertyValue(node, 'copy');
      const loopName = copy ? this.evaluate(scope, propertyValue(copy, 'name')) : undefined;
      const count = copy ? copyCount(this.evaluate(scope, propertyValue(copy, 'count'))) : 1;
      if (isUnknown(count)) continue;
      for (let i = 0; i < count; i++) {
        const inScope = copy ? scope.frame.base.withLoop(typeof loopName === 'string' ? loopName : '', i) : scope.frame.base;
        const named = this.evaluate(inScope, propertyValue(node, 'name'));
        if (typeof named === 'string' && named.toLowerCase() === name.toLowerCase()) return { node, index: copy ? i : undefined };
      }
    }
    return undefined;
  }

  private isDeployment(scope: ArmScope, node: Node): boolean {
    const type = this.evaluate(scope, propertyValue(node, 'type'));
    return typeof type === 'string' && type.trim().toLowerCase() === DEPLOYMENTS;
  }

  private evaluate(scope: ArmScope, node: Node | undefined): Value {
    return this.services.converter.value(node, { doc: scope.frame.doc, scope, literal: false, evaluates: true }, { propertyCopy: false, record: false });
  }

  /** The outputs of one deployment instance of `frame`'s template, evaluated in its own frame (its identity twin for the identity twin). */
  private outputsOf(frame: TemplateFrame, node: Node, index: number | undefined): ValueObject | Unknown {
    const identity = frame.isIdentity;
    const base = frame.identityBase();
    const key = `${this.idOf(base)}:${node.offset}:${index ?? ''}:${identity}`;
    const had = this.outputs.get(key);
    if (had) return had;
    if (this.busy.has(key)) return unknown('the outputs of a deployment depend on themselves');
    this.busy.add(key);
    try {
      const result = this.computeOutputs(frame, node, index);
      this.outputs.set(key, result);
      return result;
    } finally {
      this.busy.delete(key);
    }
  }

  private computeOutputs(frame: TemplateFrame, node: Node, index: number | undefined): ValueObject | Unknown {
    const copy = propertyValue(node, 'copy');
    if (copy && index === undefined) return unknown('reference() names a whole copy loop of deployments');
    let scope: ArmScope = frame.base;
    if (copy) {
      const loopName = this.evaluate(scope, propertyValue(copy, 'name'));
      const count = copyCount(this.evaluate(scope, propertyValue(copy, 'count')));
      if (isUnknown(count)) return unknown(`the deployment's copy count is unknown (${count.reason})`);
      if (index! >= count) return unknown('reference() names a deployment instance that is not deployed');
      const sources = scope.caller ? loopSources(propertyValue(copy, 'count'), scope) : undefined;
      scope = scope.withLoop(typeof loopName === 'string' ? loopName : '', index!, sourceAt(sources, index!));
    }
    const condition = propertyValue(node, 'condition');
    if (condition) {
      const c = asBoolean(this.evaluate(scope, condition));
      if (c === false) return unknown('reference() names a deployment that is not deployed (its condition is false)');
      // An undecided deployment's outputs may not exist: never guess that it runs.
      if (c !== true) return unknown('reference() names a deployment whose condition is not known to hold');
    }
    const deployed = this.deployedTemplate(scope, node);
    if (isUnknown(deployed)) return deployed;
    if (!deployed.inner) return outputValues(deployed.doc, deployed.template, scope, this.services.converter, !frame.isIdentity, true);
    const inner = this.frameFor(frame, node, index, () => this.innerFrame(scope, node, deployed));
    if (isUnknown(inner)) return inner;
    const innerScope = frame.isIdentity ? inner.identity().base : inner.base;
    return outputValues(deployed.doc, deployed.template, innerScope, this.services.converter, !frame.isIdentity, true);
  }

  /** The deployment's template: inline, or the file its `relativePath` names. */
  private deployedTemplate(scope: ArmScope, node: Node): DeployedTemplate | Unknown {
    const doc = scope.frame.doc;
    const props = propertyValue(node, 'properties');
    const template = propertyValue(props, 'template');
    const mode = this.evaluate(scope, valueAt(props, 'expressionEvaluationOptions', 'scope'));
    const inner = typeof mode === 'string' && mode.toLowerCase() === 'inner';
    if (template?.type === 'object') return { doc, template, inner };
    const relativePath = this.evaluate(scope, propertyValue(propertyValue(props, 'templateLink'), 'relativePath'));
    if (typeof relativePath !== 'string') return unknown('the outputs of a linked template that is not given by relativePath are not known');
    let uri: string;
    try {
      uri = new URL(relativePath, doc.uri).toString();
    } catch {
      return unknown(`the linked template ${relativePath} could not be located`);
    }
    const text = readText(this.services.host, uri);
    if (text === undefined) return unknown(`the linked template ${relativePath} could not be read`);
    if (!this.services.converter.budget.spend(parseWork(text))) return unknown('the analysis budget is spent');
    const linked = parsedTemplate(uri, text);
    if (!linked.isTemplate || linked.root?.type !== 'object') return unknown(`the linked template ${relativePath} is not a deployment template`);
    // A linked template always has its own scope.
    return { doc: linked, template: linked.root, inner: true };
  }

  /** A frame for the deployment's template, its parameters evaluated where the deployment is declared. */
  private innerFrame(scope: ArmScope, node: Node, deployed: DeployedTemplate): TemplateFrame {
    const frame = scope.frame;
    const props = propertyValue(node, 'properties');
    const converter = this.services.converter;
    const literal = frame.literal && !propertyValue(node, 'copy');
    const bindings = bindParameters(propertyValue(props, 'parameters'), (_name, valueNode) => {
      const memo = new Map<boolean, Value>();
      return (identity) => {
        if (!memo.has(identity)) {
          const ctx: SourceContext = { doc: frame.doc, scope: identity ? scope.identity() : scope, literal, evaluates: true };
          memo.set(identity, converter.value(valueNode, ctx, { propertyCopy: true, record: !identity }));
        }
        return memo.get(identity)!;
      };
    });
    return new TemplateFrame({
      doc: deployed.doc,
      template: deployed.template,
      bindings,
      literal,
      converter,
      target: deploymentTarget(this.evaluate(scope, propertyValue(node, 'resourceGroup')), this.evaluate(scope, propertyValue(node, 'subscriptionId')), frame.target, deployed.doc.deploymentScope),
      deployments: this,
      ...(scope.caller ? { caller: scope.caller, ...(scope.source ? { source: scope.source } : {}) } : {}),
    });
  }
}

/** Where a nested deployment deploys: its `resourceGroup` / `subscriptionId` when given, else where its parent does. */
export function deploymentTarget(rg: Value | undefined, sub: Value | undefined, outer: Partial<DeploymentTarget> | undefined, level: DeploymentTarget['level'] | undefined): Partial<DeploymentTarget> {
  const target: Partial<DeploymentTarget> = { ...(outer ?? {}) };
  if (level) target.level = level;
  if (typeof rg === 'string' && rg !== '') {
    target.resourceGroupName = rg;
    target.level = 'resourceGroup';
  }
  if (typeof sub === 'string' && sub !== '') target.subscriptionId = sub;
  return target;
}

/**
 * A template's outputs evaluated in `scope`: `condition` (an output whose condition is
 * false is absent), `copy` (an array of its inputs) and `value`. `wrapped`: each as ARM
 * returns it to `reference()` (`{ type, value }`); otherwise the value alone, as Bicep's
 * `module.outputs.x` reads it.
 */
export function outputValues(doc: ArmDocument, template: Node, scope: ArmScope, converter: Converter, record: boolean, wrapped: boolean): ValueObject {
  const out: ValueObject = {};
  for (const p of propertyValue(template, 'outputs')?.children ?? []) {
    const name = propertyKey(p);
    const node = p.children?.[1];
    if (name === undefined || node?.type !== 'object') continue;
    const ctx = (s: ArmScope): SourceContext => ({ doc, scope: s, literal: false, evaluates: true });
    const condition = propertyValue(node, 'condition');
    const kept = condition ? asBoolean(converter.value(condition, ctx(scope), { propertyCopy: false, record: false })) : true;
    if (kept === false) continue;
    let v: Value;
    const copy = propertyValue(node, 'copy');
    const valueNode = propertyValue(node, 'value');
    if (kept !== true) v = unknown(`whether output '${name}' of ${doc.uri} is set could not be decided`);
    else if (copy?.type === 'object') {
      const count = copyCount(converter.value(propertyValue(copy, 'count'), ctx(scope), { propertyCopy: false, record: false }));
      if (isUnknown(count)) v = unknown(`the copy count of output '${name}' could not be resolved (${count.reason})`);
      else {
        const input = propertyValue(copy, 'input');
        const items: Value[] = [];
        for (let i = 0; i < count && !converter.budget.exhausted; i++) items.push(converter.value(input, ctx(scope.withLoop('', i)), { propertyCopy: true, record }));
        v = items;
      }
    } else if (!valueNode) v = unknown(`output '${name}' of ${doc.uri} has no value`);
    else v = converter.value(valueNode, ctx(scope), { propertyCopy: true, record });
    out[name] = wrapped ? { type: typeOf(node), value: v } : v;
  }
  return out;
}

function typeOf(output: Node): string {
  const t = propertyValue(output, 'type');
  return t?.type === 'string' ? String(t.value) : 'object';
}
