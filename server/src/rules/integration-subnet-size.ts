import type { AppServicePlan, Subnet } from '../model/types';
import { isUnknown } from '../core/value';
import { cidrLength, formatRange, parseCidr, usableAddresses, type IpRange } from '../ip/cidr';
import { freeBlock } from './support/freeBlock';
import { displayName, integrationsBySubnet } from './support/aseSite';
import type { Rule } from './types';
import type { Finding, Fix } from '../core/findings';

const RECOMMENDED = 27;
const MINIMUM = 28;

export const integrationSubnetSize: Rule = {
  code: 'ASE702',
  name: 'integration-subnet-size',
  title: 'A regional VNet Integration subnet must have an address for every instance its App Service plans can scale to.',
  severity: 'warning',
  appliesTo: 'any',
  docs: `Each instance of an App Service plan that uses regional VNet Integration takes one address of the integration subnet, and Azure keeps 5 addresses of every subnet for itself. The subnet cannot be resized while apps use it, so it has to be large enough for the most instances the plan will ever run.

- smaller than \`/28\` (11 usable addresses), the platform minimum: error;
- a \`/28\`: warning, \`/27\` (27 usable addresses) or larger is recommended;
- fewer usable addresses than the instances of the plans that integrate with it (\`sku.capacity\`, or \`maximumElasticWorkerCount\` when it is larger): warning — the instances beyond the subnet's size get no address.

The finding is placed on the subnet's prefix. The quick fix replaces the prefix with a \`/27\` (or the smaller prefix length the instances need) inside the VNet's address space that overlaps no other subnet, preferring the block that contains the current prefix. A prefix written as a parameter or a variable is set where it is defined; a computed one gets no fix.

Decision: several plans may share an integration subnet (see ASE703), so their instances are added up. A plan without \`sku.capacity\` runs one instance. Only a subnet with a single IPv4 prefix is checked, and a plan whose instance count cannot be resolved leaves the count unchecked.`,
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
      let need = RECOMMENDED;
      if (length > MINIMUM) {
        finding = {
          message: `The VNet Integration subnet ${name} is a /${length}, below the /${MINIMUM} minimum: Azure does not integrate apps with it (use a /${RECOMMENDED})`,
          severity: 'error',
          at: located.ref,
          related,
        };
      } else if (instances !== undefined && BigInt(instances) > usable) {
        need = Math.min(RECOMMENDED, lengthFor(instances));
        const who = plans.length === 1 ? `plan ${displayName(plans[0].name)} can scale to` : `its plans ${plans.map((p) => displayName(p.name)).join(', ')} can scale to`;
        finding = {
          message: `The VNet Integration subnet ${name} is a /${length} with ${usable} usable addresses, but ${who} ${instances} instances: the instances beyond ${usable} get no address, and the size cannot change while apps use it`,
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
