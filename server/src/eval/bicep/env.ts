import type { ArrayLiteral, ForLoop, ObjectLiteral } from '../../parse/bicep';
import type { NodePath } from '../../core/nodeRef';
import type { Unknown, Value } from '../../core/value';
import type { AnalysisBudget } from '../limits';
import type { DeploymentTarget } from '../../core/symbolic';

/** A materialised object or array and the syntax it was built from. */
export type LiteralNode = ObjectLiteral | ArrayLiteral | ForLoop;

/**
 * What a Bicep expression can see: the file's symbols (answered by the model's file
 * scope, which knows params, vars, resources and modules), the deployment target, and a
 * hook that remembers which syntax each object or array came from.
 */
export interface BicepSymbols {
  readonly target: Partial<DeploymentTarget>;
  /** The analysis's work budget (see limits.ts); every expression node and value built spends from it. */
  readonly budget?: AnalysisBudget;
  /** A top-level symbol's value; undefined when the file declares no such symbol. */
  symbol(name: string, identity: boolean): Value | undefined;
  /**
   * `name.property` of a top-level symbol (a resource's `id`, a variable's field), when
   * it is the one question to ask: whoever keeps evaluations for the next version then
   * compares the property, not the whole value. Undefined when the file declares no such
   * symbol; absent: the symbol is read and then its property.
   */
  property?(name: string, property: string, identity: boolean): Value | undefined;
  /** `parent::child.property`, asked as one question as `property` is; undefined when `parent` has no nested resource `name`. */
  nestedProperty?(parent: Value, name: string, property: string, identity: boolean): Value | undefined;
  /** `parent::child`: the nested resource `name` of the resource value `parent`; undefined when there is none. */
  nested(parent: Value, name: string, identity: boolean): Value | undefined;
  /**
   * A user-defined function (`func`, declared or imported) called with evaluated
   * arguments; with `namespace`, a function of a wildcard import (`types.build(…)`).
   * Undefined when there is no such function.
   */
  userFunction(name: string, args: () => Value[], identity: boolean, namespace?: string): Value | undefined;
  /** A file named relative to this one (`load*Content`): its text, or UNKNOWN with the reason it cannot be read. */
  loadFile(path: string): LoadedFile | Unknown;
  /** A loaded file's text as JSON: objects and arrays remember their place in that file; UNKNOWN when it is not JSON. */
  jsonOf(file: LoadedFile): Value;
  /**
   * Told when an evaluation ran out of stack: its answer depends on how deep it was asked
   * from, so whoever keeps evaluations for the next version does not keep it.
   */
  outOfStack?(): void;
  /** Remembers the syntax of a value; `path` only when the value is literal text of the file. */
  record(value: object, node: LiteralNode, path: NodePath | undefined, env: BicepEnv): void;
}

/** A file read for `load*Content`. */
export interface LoadedFile {
  uri: string;
  /** As the host decoded it (UTF-8), byte order mark included. */
  text: string;
}

/** Nested resources visible by their bare symbol: undefined when `name` is none of them. */
export type EnclosingResources = (name: string, identity: boolean) => Value | undefined;

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
  /**
   * Inside a resource's body: the nested resources of its enclosing resources, which
   * Bicep lets a nested resource name by their bare symbol (`subnetA.id` from sibling
   * `subnetB`). Innermost first; they shadow the file's symbols.
   */
  readonly enclosing?: EnclosingResources;
}

/** The same surroundings in the identity twin. */
export function identityOf(env: BicepEnv): BicepEnv {
  return env.identity ? env : { ...env, identity: true };
}
