import type { Scope } from '../../eval/scope';
import type { Value } from '../../core/value';

/** A Scope the ARM front end can derive others from. */
export interface FrontScope extends Scope {
  /** The same scope inside one more copy loop (`copyIndex('name')` = index). */
  withLoop(name: string, index: Value): FrontScope;
  /**
   * The twin used to compute resource identities: parameters that have no value stand
   * for themselves (a symbolic string) instead of UNKNOWN, so `resourceId(...,
   * parameters('vnet'))` still matches the resource named `[parameters('vnet')]`.
   */
  identity(): FrontScope;
  /** True for the identity twin. */
  readonly isIdentity?: boolean;
}
