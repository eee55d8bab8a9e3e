import type { Node } from 'jsonc-parser';
import { evaluateString } from '../../eval/evaluate';
import { symbol } from '../../core/symbolic';
import { AnalysisBudget, BUDGET_EXHAUSTED } from '../../eval/limits';
import type { Scope } from '../../eval/scope';
import type { ArmDocument } from '../../parse/arm';
import type { FrontScope } from './scopeTypes';
import { propertyKey, propertyValue } from '../../parse/jsonNode';
import type { Notes } from '../../model/notes';
import type { Origins, SourceContext } from './origin';
import { asNumber, getProp, isObject, isUnknown, propKey, unknown, type Unknown, type Value, type ValueObject } from '../../core/value';

/** Values nested deeper than this are not materialised (no real template comes close). */
const MAX_VALUE_DEPTH = 200;
/** ARM's limit on copy loops; larger counts are cut here. */
const MAX_COPY_COUNT = 800;

export interface ConvertOptions {
  /** Expand property-level `copy` arrays (resource bodies and variables). */
  propertyCopy: boolean;
  /** Record origins (off for the identity twin, whose values are never shown). */
  record: boolean;
}

/** A literal string from the template: evaluated when it is an expression. Never throws. */
function evaluateLiteral(s: string, scope: Scope): Value {
  if (s.length === 0 || s.charCodeAt(0) !== 0x5b /* [ */) return s;
  try {
    return evaluateString(s, scope);
  } catch (e) {
    return unknown(`the expression ${shorten(s)} could not be evaluated (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * A string evaluated for identity (see FrontScope.identity): an expression that stays
 * UNKNOWN stands for itself, so the same text written for a resource's name and inside
 * a reference to it (`[variables('vnet')]` where the variable uses uniqueString()) gives
 * the same key.
 */
export function evaluateIdentity(s: string, scope: Scope): Value {
  const v = evaluateLiteral(s, scope);
  return isUnknown(v) ? symbol(`expr:${normaliseExpression(s)}`) : v;
}

/** Expression text without the spaces outside string literals, so spacing does not change identity. */
function normaliseExpression(s: string): string {
  let out = '';
  let inString = false;
  for (const ch of s) {
    if (ch === "'") inString = !inString;
    if (!inString && (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r')) continue;
    out += inString ? ch : ch.toLowerCase();
  }
  return out;
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** A copy `count`: a whole number from 0 to 800, or UNKNOWN. */
export function copyCount(v: Value | undefined): number | Unknown {
  const n = asNumber(v);
  if (isUnknown(n)) return n;
  if (n === undefined || !Number.isFinite(n)) return unknown('copy count is not a number');
  return Math.max(0, Math.min(MAX_COPY_COUNT, Math.floor(n)));
}

/**
 * JSON node → Value. Strings go through the expression evaluator, objects and arrays
 * are built fresh and recorded in the origin map, and property-level `copy` is
 * expanded. Recursion is bounded by MAX_VALUE_DEPTH.
 */
export class Converter {
  /**
   * The nested and linked deployments declared so far, by resource key: what
   * `reference(<deployment id>).outputs` reads (see NestedDeployment).
   */
  readonly deployments = new Map<string, NestedDeployment>();
  /**
   * The resources declared so far that certainly deploy, by resource key: what
   * `reference(<id>)` reads of them (their declared properties; a VNet's subnets with
   * their ids), as compiled Bicep reads `vnet.properties.subnets[0].id`.
   */
  readonly declared = new Map<string, { type: string; body: ValueObject }>();

  constructor(
    readonly origins: Origins,
    readonly notes: Notes,
    /** Shared by everything one analysis evaluates: each value converted spends one unit. */
    readonly budget: AnalysisBudget = new AnalysisBudget(),
  ) {}

  value(node: Node | undefined, ctx: SourceContext, opts: ConvertOptions, depth = 0): Value {
    if (!node) return null;
    if (!this.budget.spend()) return unknown(BUDGET_EXHAUSTED);
    switch (node.type) {
      case 'string':
        if (!ctx.evaluates) return String(node.value);
        return ctx.scope.isIdentity ? evaluateIdentity(String(node.value), ctx.scope) : evaluateLiteral(String(node.value), ctx.scope);
      case 'number':
        return typeof node.value === 'number' ? node.value : Number(node.value);
      case 'boolean':
        return node.value === true;
      case 'null':
        return null;
      case 'array':
        return this.array(node, ctx, opts, depth);
      case 'object':
        return this.object(node, ctx, opts, depth);
      default:
        return null;
    }
  }

  array(node: Node, ctx: SourceContext, opts: ConvertOptions, depth = 0): Value[] | Unknown {
    if (depth > MAX_VALUE_DEPTH) return unknown('the value is nested too deeply');
    const out: Value[] = [];
    if (opts.record) this.origins.record(out, node, ctx);
    const children = node.children;
    if (children) for (let i = 0; i < children.length; i++) out.push(this.value(children[i], ctx, opts, depth + 1));
    return out;
  }

  /** An object; keys in `skip` (lower-case) are left out at this level. */
  object(node: Node, ctx: SourceContext, opts: ConvertOptions, depth = 0, skip?: ReadonlySet<string>): ValueObject | Unknown {
    if (depth > MAX_VALUE_DEPTH) return unknown('the value is nested too deeply');
    const out: ValueObject = {};
    if (opts.record) this.origins.record(out, node, ctx);
    const props = node.children;
    if (!props) return out;
    for (let i = 0; i < props.length; i++) {
      if (this.budget.exhausted) return unknown(BUDGET_EXHAUSTED);
      const prop = props[i];
      let key = propertyKey(prop);
      if (key === undefined) continue;
      // Lower-cased only where it is compared: most keys are neither skipped nor `copy`.
      if (skip && skip.has(key.toLowerCase())) continue;
      const valueNode = prop.children?.[1];
      if (opts.propertyCopy && key.length === 4 && key.toLowerCase() === 'copy' && isPropertyCopy(valueNode)) {
        this.expandPropertyCopy(valueNode!, out, ctx, opts, depth);
        continue;
      }
      if (ctx.evaluates && key.charCodeAt(0) === 0x5b) {
        const k = evaluateLiteral(key, ctx.scope);
        if (typeof k === 'string') key = k;
      }
      out[key] = valueNode ? this.value(valueNode, ctx, opts, depth + 1) : null;
    }
    return out;
  }

  /**
   * `"copy": [{ "name": "securityRules", "count": n, "input": {...} }]` inside an object:
   * sets `securityRules` to n evaluated inputs. The elements are instances of one piece
   * of text, so they are recorded as non-literal (no edit path).
   */
  private expandPropertyCopy(copyNode: Node, out: ValueObject, ctx: SourceContext, opts: ConvertOptions, depth: number): void {
    const unrecorded = { ...opts, record: false };
    for (const entry of copyNode.children ?? []) {
      const nameValue = this.value(propertyValue(entry, 'name'), ctx, unrecorded, depth + 1);
      if (typeof nameValue !== 'string') continue;
      const count = copyCount(this.value(propertyValue(entry, 'count'), ctx, unrecorded, depth + 1));
      if (isUnknown(count)) {
        out[nameValue] = unknown(`the copy count of '${nameValue}' could not be resolved (${count.reason})`);
        continue;
      }
      const input = propertyValue(entry, 'input');
      const items: Value[] = [];
      for (let i = 0; i < count && !this.budget.exhausted; i++) {
        const inner: SourceContext = { ...ctx, scope: ctx.scope.withLoop(nameValue, i), literal: false };
        items.push(this.value(input, inner, opts, depth + 2));
      }
      out[nameValue] = items;
    }
  }
}

/** A property-level copy: an array of objects that each have `name` and `input`. */
function isPropertyCopy(node: Node | undefined): boolean {
  if (!node || node.type !== 'array' || !node.children || node.children.length === 0) return false;
  return node.children.every((c) => c.type === 'object' && propertyValue(c, 'name') && propertyValue(c, 'input'));
}

/**
 * A deployment declared in the analysed files (a nested template, or a linked one read by
 * `relativePath`): `reference()` of its id gives its outputs, evaluated where its template
 * is evaluated, as the deployment gives them to whoever reads them after it. Compiled
 * Bicep passes every module output this way (`reference(...deployments/net).outputs.subnetId.value`).
 */
export class NestedDeployment {
  private readonly memo: { plain?: Value; identity?: Value } = {};
  private busy = false;

  constructor(
    private readonly converter: Converter,
    private readonly doc: ArmDocument,
    /** The template's `outputs` object, when it has one. */
    private readonly outputs: Node | undefined,
    /** The scope its template is evaluated in (its own frame, or the parent's for an outer-scope template). */
    private readonly scope: FrontScope,
  ) {}

  /** What `reference(id)` returns (`{ outputs }`), or with 'Full' the resource (`{ properties: { outputs } }`). */
  reference(full: boolean, identity: boolean): Value {
    const outputs = this.outputsValue(identity);
    if (isUnknown(outputs)) return outputs;
    return full ? { properties: { outputs } } : { outputs };
  }

  private outputsValue(identity: boolean): Value {
    const key = identity ? 'identity' : 'plain';
    const had = this.memo[key];
    if (had !== undefined) return had;
    if (this.busy) return unknown("the deployment's outputs refer to themselves");
    this.busy = true;
    let v: Value;
    try {
      const scope = identity ? this.scope.identity() : this.scope;
      const out: ValueObject = {};
      for (const p of this.outputs?.type === 'object' ? (this.outputs.children ?? []) : []) {
        const name = propertyKey(p);
        const decl = p.children?.[1];
        if (name === undefined || !decl) continue;
        const valueNode = propertyValue(decl, 'value');
        // Output loops (`copy`) are not expanded: their value is unknown.
        out[name] = {
          value: valueNode && !propertyValue(decl, 'copy') ? this.converter.value(valueNode, { doc: this.doc, scope, literal: false, evaluates: true }, { propertyCopy: true, record: false }) : unknown(`output '${name}' is not evaluated`),
        };
      }
      v = out;
    } finally {
      this.busy = false;
    }
    this.memo[key] = v;
    return v;
  }
}

const VNET_TYPE = 'microsoft.network/virtualnetworks';

/**
 * What `reference(id)` gives for a resource declared in the analysed files: the
 * properties as declared (`full`: the resource with its id), a VNet's inline subnets with
 * the ids Azure gives them. Properties Azure adds at deployment are not there, so reading
 * one is UNKNOWN, as it should be.
 */
export function declaredReference(resource: { type: string; body: ValueObject }, id: string, full: boolean): Value {
  let properties = getProp(resource.body, 'properties');
  if (resource.type.toLowerCase() === VNET_TYPE && isObject(properties)) {
    const key = propKey(properties, 'subnets');
    const list = key === undefined ? undefined : properties[key];
    if (Array.isArray(list)) {
      const subnets = list.map((item) => {
        const name = getProp(item, 'name');
        return isObject(item) && getProp(item, 'id') === undefined && typeof name === 'string' ? { ...item, id: `${id}/subnets/${name}` } : item;
      });
      properties = { ...properties, [key!]: subnets };
    }
  }
  if (properties === undefined) properties = unknown('the resource declares no properties');
  return full ? { ...resource.body, id, properties } : properties;
}
