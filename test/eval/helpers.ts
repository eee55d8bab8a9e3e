import assert from 'node:assert/strict';
import { getProp, isUnknown, unknown, type Unknown, type Value, type ValueObject } from '../../server/src/core/value';
import { evaluateString } from '../../server/src/eval/evaluate';
import type { Scope } from '../../server/src/eval/scope';
import type { DeploymentTarget } from '../../server/src/core/symbolic';

export interface ScopeOptions {
  parameters?: ValueObject;
  variables?: ValueObject;
  /** The current index of the unnamed loop, or of named loops. */
  copyIndex?: number | Record<string, number>;
  reference?: (args: Value[]) => Value;
  target?: Partial<DeploymentTarget>;
}

/** A Scope over plain objects; names are case-insensitive like the ARM front end's. */
export function makeScope(o: ScopeOptions = {}): Scope {
  const scope: Scope = {
    parameter: (name) => orElse(getProp(o.parameters ?? {}, name), `parameter '${name}' has no value`),
    variable: (name) => orElse(getProp(o.variables ?? {}, name), `variable '${name}' is not defined`),
    copyIndex: (loop) => {
      if (typeof o.copyIndex === 'number' && loop === undefined) return o.copyIndex;
      if (typeof o.copyIndex === 'object' && loop !== undefined && loop in o.copyIndex) return o.copyIndex[loop];
      return unknown('copyIndex() outside a copy loop');
    },
  };
  return {
    ...scope,
    ...(o.reference ? { reference: o.reference } : {}),
    ...(o.target ? { target: o.target } : {}),
  };
}

function orElse(v: Value | undefined, reason: string): Value {
  return v === undefined ? unknown(reason) : v;
}

/** Evaluates a template string with an empty scope unless one is given. */
export function ev(s: string, scope: Scope = makeScope()): Value {
  return evaluateString(s, scope);
}

/** Asserts UNKNOWN, optionally with a reason containing `reasonPart`. */
export function assertUnknown(v: Value, reasonPart?: string): asserts v is Unknown {
  assert.ok(isUnknown(v), `expected UNKNOWN, got ${JSON.stringify(v)}`);
  if (reasonPart !== undefined) assert.ok(v.reason.includes(reasonPart), `reason '${v.reason}' does not mention '${reasonPart}'`);
}
