import type { Scope } from '../../eval/scope';
import type { Value } from '../../core/value';
import type { CallerLink } from './callerLink';

/** A Scope the ARM front end can derive others from. */
export interface FrontScope extends Scope {
  /**
   * The same scope inside one more copy loop (`copyIndex('name')` = index); `source`:
   * the value the caller passed that this instance stands for (see callerLink.ts).
   */
  withLoop(name: string, index: Value, source?: object): FrontScope;
  /**
   * The twin used to compute resource identities: parameters that have no value stand
   * for themselves (a symbolic string) instead of UNKNOWN, so `resourceId(...,
   * parameters('vnet'))` still matches the resource named `[parameters('vnet')]`.
   */
  identity(): FrontScope;
  /** True for the identity twin. */
  readonly isIdentity?: boolean;
  /** For a template that is not the user's (a registry module): where its values are reported instead. */
  readonly caller?: CallerLink;
  /** The value the caller passed that what is evaluated here stands for (a copy instance over the caller's array). */
  readonly source?: object;
  /** True in the registry module's own template (not a deployment nested in it), where `parameters()` are the caller's arguments. */
  readonly callerRoot?: boolean;
}
