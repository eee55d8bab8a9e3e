import { unknown, type Value } from '../../core/value';
import { isInteger, symbolicGuard, typeError } from './args';
import { eager, type FunctionTable, type EagerFunction } from './types';

/** ARM arithmetic is on 64-bit integers; division truncates towards zero like .NET. */
export const numericFunctions: FunctionTable = {
  add: binary((a, b) => a + b),
  sub: binary((a, b) => a - b),
  mul: binary((a, b) => a * b),
  div: binary((a, b, fn) => (b === 0 ? unknown(`${fn}(): division by zero`) : Math.trunc(a / b))),
  mod: binary((a, b, fn) => (b === 0 ? unknown(`${fn}(): division by zero`) : a % b)),
  int: eager(1, 1, ([v], ctx) => {
    if (isInteger(v)) return v;
    if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) {
      const n = Number(v);
      if (Number.isSafeInteger(n)) return n;
    }
    return symbolicGuard(ctx.name, v) ?? typeError(ctx.name, 0, 'an integer or a string holding one', v);
  }),
};

function binary(op: (a: number, b: number, fn: string) => Value): EagerFunction {
  return eager(2, 2, ([a, b], ctx) => {
    if (!isInteger(a)) return typeError(ctx.name, 0, 'an integer', a);
    if (!isInteger(b)) return typeError(ctx.name, 1, 'an integer', b);
    const r = op(a, b, ctx.name);
    if (typeof r === 'number' && !Number.isSafeInteger(r)) return unknown(`${ctx.name}(): the result is too large`);
    // JavaScript has -0 (from -4 % 2, trunc(-1 / 2)); ARM integers do not.
    return r === 0 ? 0 : r;
  });
}
