import type { NetworkSecurityGroup, SecurityRule } from '../../model/types';
import { isUnknown } from '../../core/value';
import { nsgPriorityRange } from '../../knowledge/nsgPriorities';

/** A written security rule whose priority Azure refuses. */
export type PriorityConflict =
  | { rule: SecurityRule; priority: number; problem: 'outOfRange' }
  | { rule: SecurityRule; priority: number; problem: 'taken'; by: SecurityRule };

/**
 * The written rules of `nsg` whose priority Azure refuses, in the order they are written:
 * a priority outside the accepted range, or one an earlier rule of the same direction
 * already has. A rule whose priority or direction is not known, or that deploys only
 * under a condition that cannot be decided, is left out (it may be fine).
 */
export function priorityConflicts(nsg: NetworkSecurityGroup): PriorityConflict[] {
  if (isUnknown(nsg.securityRules)) return [];
  const out: PriorityConflict[] = [];
  // By direction as written, then by priority (a number key: no text made per rule).
  const first = new Map<string, Map<number, SecurityRule>>();
  for (const rule of nsg.securityRules) {
    if (rule.isDefault || rule.condition !== undefined) continue;
    const priority = rule.priority;
    if (typeof priority !== 'number') continue;
    if (!inRange(priority)) {
      out.push({ rule, priority, problem: 'outOfRange' });
      continue;
    }
    const direction = rule.direction;
    if (typeof direction !== 'string') continue;
    let taken = first.get(direction);
    if (!taken) first.set(direction, (taken = new Map()));
    const by = taken.get(priority);
    if (by) out.push({ rule, priority, problem: 'taken', by });
    else taken.set(priority, rule);
  }
  return out;
}

export function inRange(priority: number): boolean {
  return Number.isInteger(priority) && priority >= nsgPriorityRange.lowest && priority <= nsgPriorityRange.highest;
}

/**
 * The priority a new rule of `direction` gets so that it is evaluated before priority
 * `before` (undefined: anywhere): the highest free one below it, preferring multiples of
 * 10 as people number rules. Undefined when none is free, or when a rule that might share
 * the direction has a priority that is not known (it could be any priority: a fix must
 * never write one that is taken).
 */
export function freePriority(rules: readonly SecurityRule[], direction: 'Inbound' | 'Outbound', before?: number): number | undefined {
  const taken = new Set<number>();
  for (const r of rules) {
    if (r.isDefault) continue;
    if (typeof r.direction === 'string' && r.direction !== direction) continue;
    if (typeof r.priority !== 'number') return undefined;
    taken.add(r.priority);
  }
  const top = Math.min((before ?? nsgPriorityRange.highest + 1) - 1, nsgPriorityRange.highest);
  for (let p = top - (top % 10); p >= nsgPriorityRange.lowest; p -= 10) if (!taken.has(p)) return p;
  for (let p = top; p >= nsgPriorityRange.lowest; p--) if (!taken.has(p)) return p;
  return undefined;
}
