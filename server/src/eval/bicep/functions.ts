import { isUnknown, unknown, type Value } from '../../core/value';
import type { Expression, Lambda } from '../../parse/bicep';
import type { Expr } from '../expression';
import { lookupFunction } from '../functions';
import type { CallContext } from '../functions/types';
import type { Scope } from '../scope';
import { resolveTarget, type DeploymentTarget } from '../../core/symbolic';
import type { BicepEnv } from './env';
import { isLoadFunction, loadContent } from './loadContent';

/** Evaluates one Bicep expression in an environment (the evaluator's own entry point). */
export type EvaluateBicep = (e: Expression, env: BicepEnv) => Value;

/** Bicep has no `parameters()`/`variables()`/`copyIndex()`: symbols replace them. */
const NO_ARM_SCOPE = (target: Partial<DeploymentTarget>): Scope => ({
  parameter: (name) => unknown(`parameters('${name}') is not Bicep`),
  variable: (name) => unknown(`variables('${name}') is not Bicep`),
  copyIndex: () => unknown('copyIndex() is not Bicep'),
  target,
});

/** Functions Bicep adds to ARM's, or whose Bicep form takes arguments ARM's does not. */
const BICEP_ONLY = new Set(['loaddirectoryfileinfo', 'getsecret', 'readenvironmentvariable', 'externalinput']);

/**
 * Calls a built-in function the way the ARM evaluator does — the same function table,
 * so `cidrSubnet`, `resourceId`, `format`… behave identically in both languages. Eager
 * functions get evaluated arguments; lazy ones (`if`, `and`, `coalesce`, `map` with a
 * lambda…) get stand-in ARM expressions that evaluate the Bicep arguments on demand.
 */
export function callBuiltin(name: string, args: readonly Expression[], env: BicepEnv, evaluate: EvaluateBicep): Value {
  const lower = name.toLowerCase();
  if (lower === 'any') return args.length === 1 ? evaluate(args[0], env) : unknown('any() takes 1 argument');
  if (isLoadFunction(lower)) return loadContent(name, args, env, evaluate);
  if (BICEP_ONLY.has(lower)) return unknown(`${name}() is not evaluated`);
  const scoped = scopeFunction(lower, args, env, evaluate);
  if (scoped !== undefined) return scoped;
  const def = lookupFunction(name);
  if (!def) return unknown(`function '${name}' is not evaluated`);
  if (args.length < def.min || args.length > def.max) {
    const expected = def.min === def.max ? `${def.min}` : def.max === Infinity ? `at least ${def.min}` : `${def.min} to ${def.max}`;
    return unknown(`${name}() takes ${expected} argument${expected === '1' ? '' : 's'}, got ${args.length}`);
  }
  const standIns = new Map<Expr, { expr: Expression; lambda?: Lambda }>();
  const ctx = context(name, env, evaluate, standIns);
  try {
    if (def.lazy) return orNothing(name, def.apply(args.map((a) => standIn(a, standIns)), ctx));
    const values = args.map((a) => evaluate(a, env));
    if (!def.acceptsUnknown) {
      const u = values.find(isUnknown);
      if (u) return u;
    }
    return orNothing(name, def.apply(values, ctx));
  } catch (err) {
    if (err instanceof RangeError) return unknown('expression is nested too deeply to evaluate');
    return unknown(`${name}() failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Calls ARM's function by name with values already evaluated (operators map onto these). */
export function callWithValues(name: string, values: Value[], env: BicepEnv): Value {
  const def = lookupFunction(name);
  if (!def || def.lazy) return unknown(`function '${name}' is not evaluated`);
  if (!def.acceptsUnknown) {
    const u = values.find(isUnknown);
    if (u) return u;
  }
  try {
    return orNothing(name, def.apply(values, context(name, env, () => unknown('no argument'), new Map())));
  } catch (err) {
    return unknown(`${name}() failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function orNothing(name: string, v: Value | undefined): Value {
  return v === undefined ? unknown(`${name}() returned nothing`) : v;
}

function context(
  name: string,
  env: BicepEnv,
  evaluate: EvaluateBicep,
  standIns: Map<Expr, { expr: Expression; lambda?: Lambda }>,
): CallContext {
  const run = (e: Expr, locals?: ReadonlyMap<string, Value>): Value => {
    if (e.kind === 'string' || e.kind === 'number' || e.kind === 'boolean') return e.value;
    const s = standIns.get(e);
    if (!s) return unknown('unrecognised expression');
    if (!locals) return evaluate(s.expr, env);
    const bound = new Map(env.locals);
    for (const p of s.lambda?.params ?? []) bound.set(p.name, locals.get(p.name.toLowerCase()) ?? unknown(`'${p.name}' is not bound`));
    return evaluate(s.expr, { ...env, locals: bound });
  };
  return {
    name,
    scope: NO_ARM_SCOPE(env.symbols.target),
    target: resolveTarget(env.symbols.target),
    evaluate: (e) => run(e),
    evaluateLambda: (body, variables) => run(body, variables),
    lambdaVariable: () => undefined,
  };
}

/** A Bicep argument as an ARM expression: a lambda becomes `lambda('x', body)`, anything else an opaque call. */
function standIn(a: Expression, standIns: Map<Expr, { expr: Expression; lambda?: Lambda }>): Expr {
  if (a.kind === 'lambda') {
    const body: Expr = { kind: 'call', name: 'bicep', args: [], start: a.body.start, end: a.body.end };
    standIns.set(body, { expr: a.body, lambda: a });
    const params: Expr[] = a.params.map((p) => ({ kind: 'string', value: p.name, start: p.start, end: p.end }));
    return { kind: 'call', name: 'lambda', args: [...params, body], start: a.start, end: a.end };
  }
  const e: Expr = { kind: 'call', name: 'bicep', args: [], start: a.start, end: a.end };
  standIns.set(e, { expr: a });
  return e;
}

/**
 * `resourceGroup('rg')`, `subscription('id')`, `managementGroup('mg')` name another
 * scope in Bicep (for `scope:`); without arguments they are ARM's functions.
 */
function scopeFunction(lower: string, args: readonly Expression[], env: BicepEnv, evaluate: EvaluateBicep): Value | undefined {
  if (args.length === 0) return undefined;
  const t = resolveTarget(env.symbols.target);
  const values = args.map((a) => evaluate(a, env));
  const u = values.find(isUnknown);
  if (lower === 'resourcegroup' && args.length <= 2) {
    if (u) return u;
    if (!values.every((v) => typeof v === 'string')) return unknown('resourceGroup() takes strings');
    const [sub, rg] = values.length === 2 ? (values as string[]) : [t.subscriptionId, values[0] as string];
    return { id: `/subscriptions/${sub}/resourceGroups/${rg}`, name: rg, type: 'Microsoft.Resources/resourceGroups' };
  }
  if (lower === 'subscription' && args.length === 1) {
    if (u) return u;
    if (typeof values[0] !== 'string') return unknown('subscription() takes a string');
    return { id: `/subscriptions/${values[0]}`, subscriptionId: values[0] };
  }
  return undefined;
}
