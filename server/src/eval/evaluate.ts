import { isUnknown, unknown, type Value } from '../core/value';
import { readIndex, readProperty } from './access';
import { isExpression, parseTemplateExpression, type CallExpr, type Expr, type PropertyExpr } from './expression';
import { lookupFunction } from './functions';
import type { CallContext, FunctionDef } from './functions/types';
import type { Scope } from './scope';
import { BUDGET_EXHAUSTED, MAX_EXPRESSION_WORK, TOO_LARGE, workOf } from './limits';
import { resolveTarget, type DeploymentTarget } from '../core/symbolic';

// Parsed trees are at most ~200 deep; hand-built trees and lambda bodies are cut off here
// rather than by a stack overflow.
const MAX_DEPTH = 400;

type Variables = ReadonlyMap<string, Value>;

/**
 * A template string's value: an expression (`[...]`) is evaluated, an escaped literal
 * (`[[...]`) loses its first bracket, anything else is itself. Never throws.
 */
export function evaluateString(s: string, scope: Scope): Value {
  try {
    if (typeof s !== 'string') return unknown('not a string');
    if (isExpression(s)) return evaluateExpr(parseTemplateExpression(s), scope);
    // ARM only unescapes `[[` when the string would otherwise be an expression (ends with `]`).
    if (s.startsWith('[[') && s.endsWith(']')) return s.slice(1);
    return s;
  } catch (e) {
    return internalError(e);
  }
}

/**
 * An expression's value: known JSON, or UNKNOWN with the first reason found. Values
 * that pass through (parameters, variables, properties, indexing, if, coalesce,
 * first/last) are the very objects the scope returned. Never throws.
 */
export function evaluateExpr(e: Expr, scope: Scope): Value {
  try {
    return new Evaluator(scope).evaluate(e, 0, undefined);
  } catch (err) {
    return internalError(err);
  }
}

function internalError(err: unknown): Value {
  if (err instanceof RangeError) return unknown('expression is nested too deeply to evaluate');
  return unknown(`expression could not be evaluated (${err instanceof Error ? err.message : String(err)})`);
}

class Evaluator {
  private resolvedTarget: DeploymentTarget | undefined;
  /** What this expression's calls have built so far (see limits.ts). */
  private work = 0;

  constructor(readonly scope: Scope) {}

  /** Resolved on first use: most expressions never ask where they deploy. */
  target(): DeploymentTarget {
    return (this.resolvedTarget ??= resolveTarget(this.scope.target));
  }

  evaluate(e: Expr, depth: number, vars: Variables | undefined): Value {
    if (depth > MAX_DEPTH) return unknown('expression is nested too deeply to evaluate');
    switch (e.kind) {
      case 'string':
      case 'number':
      case 'boolean':
        return e.value;
      case 'null':
        return null;
      case 'error':
        return unknown(`invalid expression: ${e.message}`);
      case 'property': {
        const id = this.referenceId(e, depth, vars);
        if (id !== undefined) return id;
        return readProperty(this.evaluate(e.object, depth + 1, vars), e.name);
      }
      case 'index': {
        const obj = this.evaluate(e.object, depth + 1, vars);
        if (isUnknown(obj)) return obj;
        return readIndex(obj, this.evaluate(e.index, depth + 1, vars));
      }
      case 'call':
        return this.call(e, depth, vars);
      default:
        return unknown('unrecognised expression');
    }
  }

  private call(e: CallExpr, depth: number, vars: Variables | undefined): Value {
    const budget = this.scope.budget;
    if (budget?.exhausted) return unknown(BUDGET_EXHAUSTED);
    if (this.work > MAX_EXPRESSION_WORK) return unknown(TOO_LARGE);
    const result = this.callOnce(e, depth, vars);
    const work = workOf(result);
    this.work += work;
    // The analysis's budget too: the same expression in every instance of nested copy loops adds up.
    if (budget && !budget.spend(work)) return unknown(BUDGET_EXHAUSTED);
    return this.work > MAX_EXPRESSION_WORK ? unknown(TOO_LARGE) : result;
  }

  private callOnce(e: CallExpr, depth: number, vars: Variables | undefined): Value {
    if (e.namespace !== undefined) {
      const args = e.args.map((a) => this.evaluate(a, depth + 1, vars));
      if (!this.scope.userFunction) return unknown(`user-defined function '${e.namespace}.${e.name}' is not evaluated`);
      return guarded(e.name, () => this.scope.userFunction!(e.namespace!, e.name, args));
    }
    const def = lookupFunction(e.name);
    if (!def) return unknown(`function '${e.name}' is not evaluated`);
    if (e.args.length < def.min || e.args.length > def.max) {
      const expected = def.min === def.max ? `${def.min}` : def.max === Infinity ? `at least ${def.min}` : `${def.min} to ${def.max}`;
      return unknown(`${e.name}() takes ${expected} argument${expected === '1' ? '' : 's'}, got ${e.args.length}`);
    }
    const ctx = this.context(e.name, depth, vars);
    if (def.lazy) return applyGuarded(def, e.args, ctx);
    // A loop rather than map/find: templates make tens of thousands of calls.
    const written = e.args;
    const args: Value[] = new Array<Value>(written.length);
    for (let i = 0; i < written.length; i++) args[i] = this.evaluate(written[i], depth + 1, vars);
    if (!def.acceptsUnknown) {
      for (let i = 0; i < args.length; i++) if (isUnknown(args[i])) return args[i];
    }
    return applyGuarded(def, args, ctx);
  }

  private context(name: string, depth: number, vars: Variables | undefined): CallContext {
    return new Call(this, name, depth, vars);
  }

  /**
   * `reference(id, apiVersion, 'Full').id` is the id itself: templates use it to name a
   * resource, and knowing it lets the model link the two without a deployment.
   */
  private referenceId(e: PropertyExpr, depth: number, vars: Variables | undefined): string | undefined {
    const name = e.name.toLowerCase();
    if (name !== 'id' && name !== 'resourceid') return undefined;
    const call = e.object;
    if (call.kind !== 'call' || call.namespace !== undefined || call.name.toLowerCase() !== 'reference' || call.args.length !== 3) {
      return undefined;
    }
    const full = this.evaluate(call.args[2], depth + 2, vars);
    if (typeof full !== 'string' || full.toLowerCase() !== 'full') return undefined;
    const id = this.evaluate(call.args[0], depth + 2, vars);
    if (typeof id !== 'string') return undefined;
    const lower = id.toLowerCase();
    return lower.startsWith('/subscriptions/') || lower.includes('/providers/') ? id : undefined;
  }
}

/**
 * What a function sees of the call it serves: one small object per call, with methods
 * rather than three fresh closures, since templates make tens of thousands of calls.
 */
class Call implements CallContext {
  constructor(
    private readonly evaluator: Evaluator,
    readonly name: string,
    private readonly depth: number,
    private readonly vars: Variables | undefined,
  ) {}

  get scope(): Scope {
    return this.evaluator.scope;
  }

  get target(): DeploymentTarget {
    return this.evaluator.target();
  }

  evaluate(arg: Expr): Value {
    return this.evaluator.evaluate(arg, this.depth + 1, this.vars);
  }

  evaluateLambda(body: Expr, bound: ReadonlyMap<string, Value>): Value {
    const vars = this.vars;
    return this.evaluator.evaluate(body, this.depth + 1, vars ? new Map([...vars, ...bound]) : bound);
  }

  lambdaVariable(n: string): Value | undefined {
    return this.vars?.get(n.toLowerCase());
  }
}

/** `guarded` for a function of the table, without a closure per call. */
function applyGuarded(def: FunctionDef, args: Value[] | readonly Expr[], ctx: CallContext): Value {
  try {
    const v = def.lazy ? def.apply(args as readonly Expr[], ctx) : def.apply(args as Value[], ctx);
    return v === undefined ? unknown(`${ctx.name}() returned nothing`) : v;
  } catch (err) {
    if (err instanceof RangeError) return unknown('expression is nested too deeply to evaluate');
    return unknown(`${ctx.name}() failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A function's own failure (or the scope's) becomes UNKNOWN naming the function. */
function guarded(name: string, run: () => Value): Value {
  try {
    const v = run();
    // A scope returning undefined (absent) is still no value an expression can have.
    return v === undefined ? unknown(`${name}() returned nothing`) : v;
  } catch (err) {
    if (err instanceof RangeError) return unknown('expression is nested too deeply to evaluate');
    return unknown(`${name}() failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
