import type { NodeRef } from '../core/nodeRef';
import type { NetworkSecurityGroup, SecurityRule } from '../model/types';
import type { Direction } from '../core/flow';
import { isUnknown } from '../core/value';

/** Where a built-in rule "is" when there is no NSG to point at: nowhere in any file. */
const NOWHERE: NodeRef = { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

function make(
  name: string,
  priority: number,
  direction: Direction,
  access: 'Allow' | 'Deny',
  source: string,
  destination: string,
  nsg: NetworkSecurityGroup | undefined,
): SecurityRule {
  return {
    name,
    ref: nsg?.ref ?? NOWHERE,
    priority,
    direction,
    access,
    protocol: '*',
    sourceAddressPrefixes: [source],
    sourcePortRanges: ['*'],
    destinationAddressPrefixes: [destination],
    destinationPortRanges: ['*'],
    isDefault: true,
    nsg,
  };
}

function build(direction: Direction, nsg: NetworkSecurityGroup | undefined): SecurityRule[] {
  if (direction === 'Inbound')
    return [
      make('AllowVnetInBound', 65000, direction, 'Allow', 'VirtualNetwork', 'VirtualNetwork', nsg),
      make('AllowAzureLoadBalancerInBound', 65001, direction, 'Allow', 'AzureLoadBalancer', '*', nsg),
      make('DenyAllInBound', 65500, direction, 'Deny', '*', '*', nsg),
    ];
  return [
    make('AllowVnetOutBound', 65000, direction, 'Allow', 'VirtualNetwork', 'VirtualNetwork', nsg),
    make('AllowInternetOutBound', 65001, direction, 'Allow', '*', 'Internet', nsg),
    make('DenyAllOutBound', 65500, direction, 'Deny', '*', '*', nsg),
  ];
}

// One set of default rule objects per NSG, so a verdict's `rule` is the same object each
// time it is asked (callers compare rules by identity). Keyed weakly on the model.
const perNsg = new WeakMap<NetworkSecurityGroup, Record<Direction, SecurityRule[]>>();

/**
 * Azure's built-in rules of one direction (65000, 65001, 65500), which every NSG ends
 * with and no template can remove. With an NSG, they point at it (`nsg`, `ref`).
 */
export function defaultSecurityRules(direction: Direction, nsg?: NetworkSecurityGroup): SecurityRule[] {
  if (!nsg) return build(direction, undefined);
  let cached = perNsg.get(nsg);
  if (!cached) {
    cached = { Inbound: build('Inbound', nsg), Outbound: build('Outbound', nsg) };
    perNsg.set(nsg, cached);
  }
  return cached[direction];
}

/**
 * The rules Azure evaluates for one direction, in order: the written rules of that
 * direction (and those whose direction is unresolved) by ascending priority, then the
 * defaults. `unknown` says why that order or list is not certain.
 */
export function effectiveRules(
  nsg: NetworkSecurityGroup | undefined,
  direction: Direction,
): { rules: SecurityRule[]; unknown?: string } {
  const defaults = defaultSecurityRules(direction, nsg);
  if (!nsg) return { rules: defaults };
  if (isUnknown(nsg.securityRules)) return { rules: defaults, unknown: nsg.securityRules.reason };
  const written = nsg.securityRules.filter((r) => isUnknown(r.direction) || r.direction === direction);
  const known = written.filter((r) => !isUnknown(r.priority));
  const unresolved = written.filter((r) => isUnknown(r.priority));
  // Array.prototype.sort is stable: equal priorities keep their written order.
  known.sort((a, b) => (a.priority as number) - (b.priority as number));
  const notes: string[] = [];
  if (unresolved.length > 0) notes.push(`${unresolved.length} rule(s) have an unresolved priority`);
  for (let i = 1; i < known.length; i++)
    if (known[i].priority === known[i - 1].priority) notes.push(`two rules share priority ${known[i].priority}`);
  if (written.some((r) => isUnknown(r.direction))) notes.push('some rules have an unresolved direction');
  return {
    rules: [...known, ...unresolved, ...defaults],
    ...(notes.length > 0 ? { unknown: notes.join('; ') } : {}),
  };
}
