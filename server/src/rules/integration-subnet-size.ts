import { integrationAddressesPerInstance, integrationSubnetSizes } from '../knowledge/subnetSizes';
import type { AppServicePlan, Subnet } from '../model/types';
import { isUnknown } from '../core/value';
import { cidrLength, formatRange, parseCidr, usableAddresses, type IpRange } from '../ip/cidr';
import { freeBlock } from './support/freeBlock';
import { displayName, integrationsBySubnet } from './support/aseSite';
import type { Rule } from './types';
import type { Finding, Fix } from '../core/findings';

const { recommended: RECOMMENDED, minimum: MINIMUM } = integrationSubnetSizes;

export const integrationSubnetSize: Rule = {
  code: 'ASE702',
  name: 'integration-subnet-size',
  title: 'A regional VNet Integration subnet must have an address for every instance its App Service plans can scale to.',
  severity: 'warning',
  appliesTo: 'any',
  reads: ['subnet.prefix', 'subnet.users', 'vnet.addressSpace', 'vnet.subnets', 'plans', 'sites'],
  check(model) {
    const out: Finding[] = [];
    for (const [subnet, users] of integrationsBySubnet(model)) {
      const prefixes = subnet.addressPrefixes;
      if (isUnknown(prefixes) || prefixes.length !== 1 || isUnknown(prefixes[0].value)) continue;
      const located = prefixes[0];
      const range = parseCidr(located.value as string);
      const length = range && range.version === 4 ? cidrLength(range) : undefined;
      if (!range || length === undefined) continue;
      const usable = usableAddresses(range);
      const name = displayName(subnet.subnetName);
      const plans = [...new Map(users.filter((u) => u.plan).map((u) => [u.plan!.key, u.plan!])).values()];
      const instances = totalInstances(plans);
      const related = users.flatMap((u) => u.related.slice(0, 1));
      let finding: Finding | undefined;
      let need: number = RECOMMENDED;
      if (length > MINIMUM) {
        finding = {
          message: `The VNet Integration subnet ${name} is a /${length}, below the /${MINIMUM} minimum: Azure does not integrate apps with it (use a /${RECOMMENDED})`,
          severity: 'error',
          at: located.ref,
          related,
        };
      } else if (instances !== undefined && BigInt(instances * integrationAddressesPerInstance) > usable) {
        const addresses = instances * integrationAddressesPerInstance;
        need = Math.min(RECOMMENDED, lengthFor(addresses));
        const who = plans.length === 1 ? `plan ${displayName(plans[0].name)} can scale to` : `its plans ${plans.map((p) => displayName(p.name)).join(', ')} can scale to`;
        finding = {
          message:
            `The VNet Integration subnet ${name} is a /${length} with ${usable} usable addresses, but ${who} ${instances} instances, and the addresses in use double while a plan scales (${addresses} needed): ` +
            `scaling or upgrades fail for want of addresses, and the size cannot change while apps use it`,
          at: located.ref,
          related,
        };
      } else if (length > RECOMMENDED) {
        finding = {
          message: `The VNet Integration subnet ${name} is a /${length} with ${usable} usable addresses, smaller than the recommended /${RECOMMENDED}: the plan may run out of addresses as it scales, and the size cannot change while apps use it`,
          at: located.ref,
          related,
        };
      }
      if (!finding) continue;
      const fix = widen(subnet, range, need, located.ref);
      if (fix) finding.fix = fix;
      out.push(finding);
    }
    return out;
  },
};

/** The instances the plans can run at most, added up; undefined when one cannot be resolved. */
function totalInstances(plans: AppServicePlan[]): number | undefined {
  let total = 0;
  for (const p of plans) {
    const capacity = p.capacity ?? 1;
    const elastic = p.maximumElasticWorkerCount ?? 0;
    if (isUnknown(capacity) || isUnknown(elastic)) return undefined;
    total += Math.max(capacity, elastic);
  }
  return plans.length > 0 ? total : undefined;
}

/** The longest prefix whose usable addresses hold `instances`. */
function lengthFor(instances: number): number {
  let length = 29;
  while (length > 0 && usableAddresses({ version: 4, first: 0n, last: (1n << BigInt(32 - length)) - 1n }) < BigInt(instances)) length--;
  return length;
}

function widen(subnet: Subnet, current: IpRange, length: number, at: Finding['at']): Fix | undefined {
  if (!at.path) return undefined;
  const candidate = freeBlock(subnet, current, length);
  if (!candidate) return undefined;
  const text = formatRange(candidate);
  return { title: `Widen the subnet to ${text}`, changes: [{ op: 'setProperty', at, path: [], value: text }] };
}
