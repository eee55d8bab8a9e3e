import { isUnknown, propKey, unknown, type Unknown, type Value, type ValueObject } from '../../core/value';
import type { Expr } from '../expression';
import { typeError } from './args';
import { eager, lazy, type CallContext, type FunctionTable } from './types';

/**
 * ARM lambdas: `map(list, lambda('x', body))` and friends. A lambda is syntax, not a
 * value: it is read from the argument expression and its body evaluated once per item
 * with `lambdaVariables('x')` bound. Items pass through by reference (filter keeps the
 * very objects it was given).
 */
export const lambdaFunctions: FunctionTable = {
  lambda: lazy(1, Infinity, (_args, ctx) => unknown(`${ctx.name}() can only be an argument of map, filter, reduce, sort or toObject`)),
  lambdaVariables: eager(1, 1, ([name], ctx) => {
    if (typeof name !== 'string') return typeError(ctx.name, 0, 'a string', name);
    return ctx.lambdaVariable(name) ?? unknown(`lambda variable '${name}' is not defined here`);
  }),
  map: lazy(2, 2, ([listExpr, fnExpr], ctx) =>
    withList(ctx, listExpr, fnExpr, [1, 2], (list, f) => list.map((item, i) => f(item, i))),
  ),
  filter: lazy(2, 2, ([listExpr, fnExpr], ctx) =>
    withList(ctx, listExpr, fnExpr, [1, 2], (list, f) => {
      const out: Value[] = [];
      for (let i = 0; i < list.length; i++) {
        const keep = f(list[i], i);
        if (isUnknown(keep)) return keep;
        if (typeof keep !== 'boolean') return unknown(`${ctx.name}(): the lambda returned ${typeof keep}, expected a boolean`);
        if (keep) out.push(list[i]);
      }
      return out;
    }),
  ),
  reduce: lazy(3, 3, ([listExpr, initialExpr, fnExpr], ctx) => {
    const initial = ctx.evaluate(initialExpr);
    return withList(ctx, listExpr, fnExpr, [2, 3], (list, f) => {
      let acc = initial;
      for (let i = 0; i < list.length; i++) acc = f(acc, list[i], i);
      return acc;
    });
  }),
  sort: lazy(2, 2, ([listExpr, fnExpr], ctx) =>
    withList(ctx, listExpr, fnExpr, [2], (list, f) => {
      let failure: Unknown | undefined;
      const before = (a: Value, b: Value): boolean => {
        const r = f(a, b);
        if (typeof r === 'boolean') return r;
        failure ??= isUnknown(r) ? r : unknown(`${ctx.name}(): the lambda returned ${typeof r}, expected a boolean`);
        return false;
      };
      const sorted = [...list].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
      return failure ?? sorted;
    }),
  ),
  toObject: lazy(2, 3, ([listExpr, keyExpr, valueExpr], ctx) => {
    const value = valueExpr === undefined ? undefined : readLambda(ctx, valueExpr, [1]);
    if (isUnknown(value)) return value;
    return withList(ctx, listExpr, keyExpr, [1], (list, key) => {
      const out: ValueObject = {};
      for (const item of list) {
        const k = key(item);
        if (isUnknown(k)) return k;
        if (typeof k !== 'string') return unknown(`${ctx.name}(): the key lambda returned ${typeof k}, expected a string`);
        out[propKey(out, k) ?? k] = value ? value(item) : item;
      }
      return out;
    });
  }),
};

type Fn = (...args: Value[]) => Value;

function withList(ctx: CallContext, listExpr: Expr, fnExpr: Expr, arities: number[], run: (list: Value[], f: Fn) => Value): Value {
  const list = ctx.evaluate(listExpr);
  if (isUnknown(list)) return list;
  if (!Array.isArray(list)) return typeError(ctx.name, 0, 'an array', list);
  const f = readLambda(ctx, fnExpr, arities);
  if (isUnknown(f)) return f;
  return run(list, f);
}

/** Turns `lambda('a', 'b', body)` into a function of its parameters (extra arguments, like an index, are dropped when not declared). */
function readLambda(ctx: CallContext, e: Expr, arities: number[]): Fn | Unknown {
  if (e.kind !== 'call' || e.namespace !== undefined || e.name.toLowerCase() !== 'lambda' || e.args.length < 2) {
    return unknown(`${ctx.name}(): expected lambda('name', ...) as an argument`);
  }
  const names: string[] = [];
  for (const p of e.args.slice(0, -1)) {
    const n = ctx.evaluate(p);
    if (typeof n !== 'string') return unknown(`${ctx.name}(): lambda parameter names must be strings`);
    names.push(n.toLowerCase());
  }
  if (!arities.includes(names.length)) return unknown(`${ctx.name}(): the lambda takes ${names.length} parameters; expected ${arities.join(' or ')}`);
  const body = e.args[e.args.length - 1];
  return (...args: Value[]) => ctx.evaluateLambda(body, new Map(names.map((n, i) => [n, args[i]])));
}
