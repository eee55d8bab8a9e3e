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
  const rules = nsg.securityRules;
  const out: PriorityConflict[] = [];
  // Most NSGs write each direction's rules in ascending priority: a priority above every
  // earlier one of its direction is free, which needs no map. The maps (by direction as
  // written, then by priority) are made at the first rule that is not so, from the rules
  // before it, and serve the rest.
  let first: Map<string, Map<number, SecurityRule>> | undefined;
  let highestInbound = -Infinity;
  let highestOutbound = -Infinity;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const priority = rule.priority;
    if (!counts(rule) || typeof priority !== 'number') continue;
    if (!inRange(priority)) {
      out.push({ rule, priority, problem: 'outOfRange' });
      continue;
    }
    const direction = rule.direction;
    if (typeof direction !== 'string') continue;
    if (!first) {
      if (direction === 'Inbound' && priority > highestInbound) {
        highestInbound = priority;
        continue;
      }
      if (direction === 'Outbound' && priority > highestOutbound) {
        highestOutbound = priority;
        continue;
      }
      first = new Map();
      for (let j = 0; j < i; j++) firstHolder(first, rules[j]);
    }
    const by = firstHolder(first, rule);
    if (by) out.push({ rule, priority, problem: 'taken', by });
  }
  return out;
}

/** Whether a rule's priority is Azure's to check: a written rule that deploys unconditionally. */
function counts(rule: SecurityRule): boolean {
  return !rule.isDefault && rule.condition === undefined;
}

/**
 * The earlier rule that holds the priority of `rule` in its direction, when one does;
 * else `rule` now holds it. Rules whose priority is out of range or whose priority or
 * direction is not known hold none.
 */
function firstHolder(first: Map<string, Map<number, SecurityRule>>, rule: SecurityRule): SecurityRule | undefined {
  const priority = rule.priority;
  const direction = rule.direction;
  if (!counts(rule) || typeof priority !== 'number' || !inRange(priority) || typeof direction !== 'string') return undefined;
  let taken = first.get(direction);
  if (!taken) first.set(direction, (taken = new Map()));
  const by = taken.get(priority);
  if (!by) taken.set(priority, rule);
  return by;
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
