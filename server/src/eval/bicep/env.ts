import type { ArrayLiteral, ForLoop, ObjectLiteral } from '../../parse/bicep';
import type { NodePath } from '../../model/nodeRef';
import type { Value } from '../../model/value';
import type { DeploymentTarget } from '../symbolic';

/** A materialised object or array and the syntax it was built from. */
export type LiteralNode = ObjectLiteral | ArrayLiteral | ForLoop;

/**
 * What a Bicep expression can see: the file's symbols (answered by the model's file
 * scope, which knows params, vars, resources and modules), the deployment target, and a
 * hook that remembers which syntax each object or array came from.
 */
export interface BicepSymbols {
  readonly target: Partial<DeploymentTarget>;
  /** A top-level symbol's value; undefined when the file declares no such symbol. */
  symbol(name: string, identity: boolean): Value | undefined;
  /** `parent::child`: the nested resource `name` of the resource value `parent`; undefined when there is none. */
  nested(parent: Value, name: string, identity: boolean): Value | undefined;
  /** A user-defined function (`func`) called with evaluated arguments; undefined when not declared. */
  userFunction(name: string, args: () => Value[], identity: boolean): Value | undefined;
  /** Remembers the syntax of a value; `path` only when the value is literal text of the file. */
  record(value: object, node: LiteralNode, path: NodePath | undefined, env: BicepEnv): void;
}

/** One evaluation's surroundings: the file, the loop and lambda variables in scope, and the mode. */
export interface BicepEnv {
  readonly symbols: BicepSymbols;
  /** Loop items and indices, lambda parameters. */
  readonly locals: ReadonlyMap<string, Value>;
  /**
   * The identity twin (see FrontScope.identity in the ARM front end): parameters without
   * values stand for themselves, so names and ids built from them still compare equal.
   */
  readonly identity: boolean;
}

/** The same surroundings in the identity twin. */
export function identityOf(env: BicepEnv): BicepEnv {
  return env.identity ? env : { ...env, identity: true };
}
