import type { Value } from '../../core/value';
import type { Expr } from '../expression';
import type { Scope } from '../scope';
import type { DeploymentTarget } from '../../core/symbolic';

/** What a function implementation may use while it runs. */
export interface CallContext {
  /** The function's name as written in the template, for messages. */
  readonly name: string;
  readonly scope: Scope;
  readonly target: DeploymentTarget;
  /** Evaluates an argument expression (lazy functions) one level deeper. */
  evaluate(e: Expr): Value;
  /** Evaluates a lambda body with its variables bound (names are case-insensitive). */
  evaluateLambda(body: Expr, variables: ReadonlyMap<string, Value>): Value;
  /** The value of `lambdaVariables(name)`, or undefined outside a lambda that binds it. */
  lambdaVariable(name: string): Value | undefined;
}

/** Arguments evaluated before the call; by default an UNKNOWN argument is the answer. */
export interface EagerFunction {
  readonly lazy?: false;
  readonly min: number;
  readonly max: number;
  /** True when the function decides itself what an UNKNOWN argument means (short-circuits, containers). */
  readonly acceptsUnknown?: boolean;
  apply(args: Value[], ctx: CallContext): Value;
}

/** Arguments handed over unevaluated: for if/and/or/coalesce and the lambda functions. */
export interface LazyFunction {
  readonly lazy: true;
  readonly min: number;
  readonly max: number;
  apply(args: readonly Expr[], ctx: CallContext): Value;
}

export type FunctionDef = EagerFunction | LazyFunction;

export type FunctionTable = Record<string, FunctionDef>;

export function eager(min: number, max: number, apply: EagerFunction['apply']): EagerFunction {
  return { min, max, apply };
}

export function eagerWithUnknowns(min: number, max: number, apply: EagerFunction['apply']): EagerFunction {
  return { min, max, acceptsUnknown: true, apply };
}

export function lazy(min: number, max: number, apply: LazyFunction['apply']): LazyFunction {
  return { lazy: true, min, max, apply };
}
