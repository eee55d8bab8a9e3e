import type { Value } from '../core/value';
import type { AnalysisBudget } from './limits';
import type { DeploymentTarget } from '../core/symbolic';

/**
 * What an ARM expression can see. The ARM front end implements it over a template
 * (parameters with their values, variables evaluated lazily, the copy loop being
 * expanded); tests implement it with plain objects.
 */
export interface Scope {
  /** `parameters('name')`: the value, or UNKNOWN (with the reason) when it has none. Names are case-insensitive. */
  parameter(name: string): Value;
  /** `variables('name')`: evaluated on demand (cycles give UNKNOWN). */
  variable(name: string): Value;
  /** `copyIndex()` / `copyIndex('loop')` before the offset is added; UNKNOWN outside a loop. */
  copyIndex(loopName?: string): Value;
  /** `reference(...)`, `list*(...)` and other run-time lookups: UNKNOWN unless the front end can do better. */
  reference?(args: Value[]): Value;
  /** User-defined functions (`namespace.member`), when the template declares them. */
  userFunction?(namespace: string, member: string, args: Value[]): Value;
  /**
   * Where this template deploys, when not the current resource group (a nested deployment
   * with its own `resourceGroup`/`subscriptionId`, or a subscription-level `$schema`).
   * Missing parts are the symbolic values of symbolic.ts.
   */
  readonly target?: Partial<DeploymentTarget>;
  /** The analysis's work budget (see limits.ts); expressions evaluated for tests alone have none. */
  readonly budget?: AnalysisBudget;
}
