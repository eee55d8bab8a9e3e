import { aseSubnetSizes, aseSubnetTarget } from '../knowledge/subnetSizes';
import type { Subnet } from '../model/types';
import { isUnknown } from '../core/value';
import { parseCidr, formatRange, type IpRange } from '../ip/cidr';
import { freeBlock } from './support/freeBlock';
import { aseSites, displayName } from './support/aseSite';
import type { Rule } from './types';
import type { Finding, Fix } from '../core/findings';


export const subnetSize: Rule = {
  code: 'ASE401',
  name: 'subnet-size',
  title: 'The ASE subnet must be large enough to grow; moving the ASE to another subnet later is hard or impossible.',
  severity: 'warning',
  appliesTo: ['v2', 'v3'],
  reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'vnet.addressSpace', 'vnet.subnets'],
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<Subnet>();
    for (const site of aseSites(model)) {
      if (site.version === 'v1' || seen.has(site.subnet)) continue;
      seen.add(site.subnet);
      const prefixes = site.subnet.addressPrefixes;
      if (isUnknown(prefixes) || prefixes.length !== 1) continue;
      const located = prefixes[0];
      if (isUnknown(located.value)) continue;
      const range = parseCidr(located.value);
      if (!range || range.version !== 4) continue;
      const length = prefixLengthOf(range);
      const { recommended, minimum } = aseSubnetSizes[site.version];
      if (length <= recommended) continue;
      const belowMinimum = length > minimum;
      // An ASEv3 can be moved to another subnet, but only through a support request; an ASEv2's subnet is for good.
      const later = site.version === 'v3' ? 'and moving it to a larger subnet takes a support request' : 'and the size cannot change later';
      const finding: Finding = {
        message: belowMinimum
          ? `The subnet ${displayName(site.subnet.subnetName)} of ASE${site.version} ${displayName(site.ase.name)} is a /${length}, below the /${minimum} minimum: the ASE cannot be created or cannot scale, ${later} (use a /${aseSubnetTarget})`
          : `The subnet ${displayName(site.subnet.subnetName)} of ASE${site.version} ${displayName(site.ase.name)} is a /${length}, smaller than the recommended /${recommended}: the ASE may run out of addresses as it scales, ${later}`,
        severity: belowMinimum ? 'error' : 'warning',
        at: located.ref,
        related: site.related,
      };
      const fix = widen(site.subnet, range, located.ref);
      if (fix) finding.fix = fix;
      out.push(finding);
    }
    return out;
  },
};

function prefixLengthOf(r: IpRange): number {
  const bits = r.version === 4 ? 32 : 128;
  return bits - (r.last - r.first + 1n).toString(2).length + 1;
}

function widen(subnet: Subnet, current: IpRange, at: Finding['at']): Fix | undefined {
  if (!at.path) return undefined;
  const candidate = freeBlock(subnet, current, aseSubnetTarget);
  if (!candidate) return undefined;
  const text = formatRange(candidate);
  return { title: `Widen the subnet to ${text}`, changes: [{ op: 'setProperty', at, path: [], value: text }] };
}
