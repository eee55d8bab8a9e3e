import { isUnknown, type Unknown, type Value } from '../../core/value';
import { compareOrder, valuesEqual } from '../compare';
import { symbolicGuard, typeError } from './args';
import { eager, lazy, type FunctionTable } from './types';

/**
 * if/and/or/coalesce take their arguments unevaluated: the branch not taken is never
 * evaluated (as in ARM), and an UNKNOWN that cannot change the answer is not consulted.
 */
export const logicalFunctions: FunctionTable = {
  if: lazy(3, 3, ([cond, whenTrue, whenFalse], ctx) => {
    const c = ctx.evaluate(cond);
    if (c === true) return ctx.evaluate(whenTrue);
    if (c === false) return ctx.evaluate(whenFalse);
    if (!isUnknown(c)) return typeError(ctx.name, 0, 'a boolean', c);
    // Both branches agreeing makes the condition irrelevant.
    const a = ctx.evaluate(whenTrue);
    const b = ctx.evaluate(whenFalse);
    return a === b || valuesEqual(a, b) === true ? a : c;
  }),
  and: lazy(2, Infinity, (args, ctx) => junction(args.map((a) => () => ctx.evaluate(a)), false, ctx.name)),
  or: lazy(2, Infinity, (args, ctx) => junction(args.map((a) => () => ctx.evaluate(a)), true, ctx.name)),
  not: eager(1, 1, ([v], ctx) => (typeof v === 'boolean' ? !v : typeError(ctx.name, 0, 'a boolean', v))),
  coalesce: lazy(1, Infinity, (args, ctx) => {
    for (const a of args) {
      const v = ctx.evaluate(a);
      // An UNKNOWN before any known non-null value might have been null or not.
      if (v !== null) return v;
    }
    return null;
  }),
  equals: eager(2, 2, ([a, b]) => valuesEqual(a, b)),
  less: eager(2, 2, ([a, b], ctx) => order(ctx.name, a, b, (n) => n < 0)),
  lessOrEquals: eager(2, 2, ([a, b], ctx) => order(ctx.name, a, b, (n) => n <= 0)),
  greater: eager(2, 2, ([a, b], ctx) => order(ctx.name, a, b, (n) => n > 0)),
  greaterOrEquals: eager(2, 2, ([a, b], ctx) => order(ctx.name, a, b, (n) => n >= 0)),
  bool: eager(1, 1, ([v], ctx) => {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
    if (v === 0 || v === 1) return v === 1;
    return symbolicGuard(ctx.name, v) ?? typeError(ctx.name, 0, "a boolean, 'true'/'false', 0 or 1", v);
  }),
  true: eager(0, 0, () => true),
  false: eager(0, 0, () => false),
  null: eager(0, 0, () => null),
};

/** `and` when `decisive` is false, `or` when true: the decisive value wins over any UNKNOWN. */
function junction(args: Array<() => Value>, decisive: boolean, fn: string): Value {
  let undecided: Unknown | undefined;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]();
    if (v === decisive) return decisive;
    if (isUnknown(v)) undecided ??= v;
    else if (typeof v !== 'boolean') return typeError(fn, i, 'a boolean', v);
  }
  return undecided ?? !decisive;
}

function order(fn: string, a: Value, b: Value, test: (n: number) => boolean): Value {
  const n = compareOrder(fn, a, b);
  return isUnknown(n) ? n : test(n);
}

