import type { Node } from 'jsonc-parser';
import { evaluateString } from '../../eval/evaluate';
import { symbol } from '../../core/symbolic';
import { AnalysisBudget, BUDGET_EXHAUSTED } from '../../eval/limits';
import type { Scope } from '../../eval/scope';
import { propertyKey, propertyValue } from '../../parse/jsonNode';
import type { Notes } from '../../model/notes';
import type { Origins, SourceContext } from './origin';
import { childSource, loopSources, sourceAt } from './callerLink';
import type { LoweringTracker } from './reuse';
import { asNumber, isUnknown, unknown, type Unknown, type Value, type ValueObject } from '../../core/value';

/** Values nested deeper than this are not materialised (no real template comes close). */
const MAX_VALUE_DEPTH = 200;
/** Arrays up to this length are made at their final size (see Converter.array). */
const PRESIZED_ARRAY_MAX = 1024;
/** ARM's limit on copy loops; larger counts are cut here. */
const MAX_COPY_COUNT = 800;

export interface ConvertOptions {
  /** Expand property-level `copy` arrays (resource bodies and variables). */
  propertyCopy: boolean;
  /** Record origins (off for the identity twin, whose values are never shown). */
  record: boolean;
}

/** A literal string from the template: evaluated when it is an expression. Never throws. */
export function evaluateLiteral(s: string, scope: Scope): Value {
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
  // ASCII text (nearly every expression) a part at a time: the parts between quotes alternate
  // outside and inside string literals, a doubled quote included. Elsewhere a character at a
  // time, as lower-casing a whole part can differ from lower-casing each character (a final sigma).
  if (ASCII.test(s)) {
    const parts = s.split("'");
    for (let i = 0; i < parts.length; i += 2) parts[i] = parts[i].replace(SPACES, '').toLowerCase();
    return parts.join("'");
  }
  let out = '';
  let inString = false;
  for (const ch of s) {
    if (ch === "'") inString = !inString;
    if (!inString && (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r')) continue;
    out += inString ? ch : ch.toLowerCase();
  }
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;
const SPACES = /[ \t\n\r]+/g;

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
  constructor(
    readonly origins: Origins,
    readonly notes: Notes,
    /** Shared by everything one analysis evaluates: each value converted spends one unit. */
    readonly budget: AnalysisBudget = new AnalysisBudget(),
  ) {}

  /** Set while a build keeps what it lowers for the next version of the document (see reuse.ts). */
  tracker: LoweringTracker | undefined;

  value(node: Node | undefined, ctx: SourceContext, opts: ConvertOptions, depth = 0): Value {
    if (!node) return null;
    if (!this.budget.spend()) return unknown(BUDGET_EXHAUSTED);
    switch (node.type) {
      case 'string': {
        const s = String(node.value);
        // Most strings of a template are no expression: they are their own value, in every scope.
        if (s.length === 0 || s.charCodeAt(0) !== 0x5b /* [ */ || !ctx.evaluates) return s;
        return ctx.scope.isIdentity ? evaluateIdentity(s, ctx.scope) : evaluateLiteral(s, ctx.scope);
      }
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
    const children = node.children;
    // At its final size: one grown by pushes reserves 17 slots at the first, and most arrays of a template are short
    // (a long one is grown, as an array made at a large size is not a plain list to the engine).
    const out: Value[] = children && children.length <= PRESIZED_ARRAY_MAX ? new Array<Value>(children.length) : [];
    // In a template that reports through its caller, each value knows which of the caller's it stands for.
    const source = ctx.scope.caller ? (ctx.source ?? ctx.scope.source) : undefined;
    const own = source !== undefined && source !== ctx.source ? { ...ctx, source } : ctx;
    if (opts.record) this.origins.record(out, node, own);
    if (children) {
      for (let i = 0; i < children.length; i++) out[i] = this.value(children[i], source === undefined ? ctx : within(own, source, i), opts, depth + 1);
    }
    return out;
  }

  /** An object; keys in `skip` (lower-case) are left out at this level. */
  object(node: Node, ctx: SourceContext, opts: ConvertOptions, depth = 0, skip?: ReadonlySet<string>): ValueObject | Unknown {
    if (depth > MAX_VALUE_DEPTH) return unknown('the value is nested too deeply');
    const out: ValueObject = {};
    const source = ctx.scope.caller ? (ctx.source ?? ctx.scope.source) : undefined;
    const own = source !== undefined && source !== ctx.source ? { ...ctx, source } : ctx;
    if (opts.record) this.origins.record(out, node, own);
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
        this.expandPropertyCopy(valueNode!, out, own, opts, depth);
        continue;
      }
      if (ctx.evaluates && key.charCodeAt(0) === 0x5b) {
        const k = evaluateLiteral(key, ctx.scope);
        if (typeof k === 'string') key = k;
      }
      out[key] = valueNode ? this.value(valueNode, source === undefined ? ctx : within(own, source, key), opts, depth + 1) : null;
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
      // Over the caller's array (`length(parameters('securityRules'))`): each item stands for the caller's item.
      const sources = ctx.scope.caller ? loopSources(propertyValue(entry, 'count'), ctx.scope) : undefined;
      // The array stands for the caller's array: a fix that adds to it adds to the caller's.
      if (sources && opts.record) this.origins.record(items, entry, { ...ctx, literal: false, source: sources });
      for (let i = 0; i < count && !this.budget.exhausted; i++) {
        const source = sourceAt(sources, i);
        const inner: SourceContext = { ...ctx, scope: ctx.scope.withLoop(nameValue, i, source), literal: false };
        if (ctx.scope.caller) inner.source = source ?? ctx.source;
        items.push(this.value(input, inner, opts, depth + 2));
      }
      out[nameValue] = items;
    }
  }
}

/** The context of a value nested under `key` of one standing for `source`: a new one only when it stands for something else. */
function within(ctx: SourceContext, source: object, key: string | number): SourceContext {
  const child = childSource(source, key);
  return child === ctx.source ? ctx : { ...ctx, source: child };
}

/** A property-level copy: an array of objects that each have `name` and `input`. */
function isPropertyCopy(node: Node | undefined): boolean {
  if (!node || node.type !== 'array' || !node.children || node.children.length === 0) return false;
  return node.children.every((c) => c.type === 'object' && propertyValue(c, 'name') && propertyValue(c, 'input'));
}
