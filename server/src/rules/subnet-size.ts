import { aseSubnetSizes } from '../knowledge/subnetSizes';
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
  title: 'The ASE subnet must be large enough to grow; its size cannot change later.',
  severity: 'warning',
  appliesTo: ['v2', 'v3'],
  docs: `A subnet's size cannot change once an ASE is in it, and an ASE takes addresses as it scales. A \`/24\` (256 addresses) is recommended for ASEv2 and ASEv3.

- ASEv2: a \`/25\` is a warning; anything smaller is an error (\`/25\` is the documented minimum when ExpressRoute is used).
- ASEv3: \`/25\` to \`/27\` is a warning; smaller than \`/27\` is an error (the platform minimum).

Decision: ASEv1, retired and sized by different rules, is not checked. The quick fix replaces the prefix with a \`/24\` inside the VNet's address space that overlaps no other subnet, when one exists — preferring the \`/24\` that contains the current prefix. A prefix written as a parameter or a variable is set where it is defined (the parameters file or \`.bicepparam\` the analysis used, the caller's argument, the default, the variable), so everything that reads it widens with the subnet; a computed prefix gets no fix.`,
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
      const finding: Finding = {
        message: belowMinimum
          ? `The subnet ${displayName(site.subnet.subnetName)} of ASE${site.version} ${displayName(site.ase.name)} is a /${length}, below the /${minimum} minimum: the ASE cannot be created or cannot scale, and the size cannot change later (use a /${recommended})`
          : `The subnet ${displayName(site.subnet.subnetName)} of ASE${site.version} ${displayName(site.ase.name)} is a /${length}, smaller than the recommended /${recommended}: the ASE may run out of addresses as it scales, and the size cannot change later`,
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
  const candidate = freeBlock(subnet, current, 24);
  if (!candidate) return undefined;
  const text = formatRange(candidate);
  return { title: `Widen the subnet to ${text}`, changes: [{ op: 'setProperty', at, path: [], value: text }] };
}
