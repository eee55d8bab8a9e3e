import type { Subnet } from '../model/types';
import { isUnknown } from '../core/value';
import { contains, overlaps, parseCidr, type IpRange } from '../ip/cidr';
import { aseSites, displayName } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

export const subnetOutsideVnet: Rule = {
  code: 'ASE404',
  name: 'subnet-outside-vnet',
  title: "The ASE subnet's prefix must lie inside its VNet's address space and overlap no other subnet.",
  severity: 'error',
  appliesTo: 'any',
  reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'vnet.addressSpace', 'vnet.subnets'],
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<Subnet>();
    for (const site of aseSites(model)) {
      const subnet = site.subnet;
      if (seen.has(subnet)) continue;
      seen.add(subnet);
      const vnet = subnet.vnet;
      if (!vnet || isUnknown(subnet.addressPrefixes)) continue;
      const spaces = knownRanges(vnet.addressPrefixes);
      for (const located of subnet.addressPrefixes) {
        if (isUnknown(located.value)) continue;
        const range = parseCidr(located.value);
        if (!range) continue;
        const prefix = located.value.trim();
        if (spaces && !spaces.some((s) => contains(s.range, range))) {
          const within = spaces.filter((s) => s.range.version === range.version).map((s) => s.text);
          out.push({
            message:
              `The prefix ${prefix} of ASE subnet ${displayName(subnet.subnetName)} lies outside the address space of VNet ${displayName(vnet.name)}` +
              `${within.length > 0 ? ` (${within.join(', ')})` : ''}: Azure rejects the subnet, and the ASE cannot be created in it`,
            at: located.ref,
            related: site.related,
          });
        }
        for (const other of vnet.subnets) {
          if (other === subnet || isUnknown(other.condition) || isUnknown(other.addressPrefixes)) continue;
          const clash = other.addressPrefixes.find((p) => {
            if (isUnknown(p.value)) return false;
            const r = parseCidr(p.value);
            return r !== undefined && overlaps(r, range);
          });
          if (!clash) continue;
          out.push({
            message:
              `The prefix ${prefix} of ASE subnet ${displayName(subnet.subnetName)} overlaps subnet ${displayName(other.subnetName)} (${String(clash.value).trim()}) of the same VNet: ` +
              `Azure rejects overlapping subnets, and the ASE cannot be created in it`,
            at: located.ref,
            related: [...site.related, { message: `The overlapping subnet ${displayName(other.subnetName)}`, at: other.ref }],
          });
        }
      }
    }
    return out;
  },
};

/** The VNet's prefixes as ranges; undefined when one is unresolved or none is written. */
function knownRanges(list: Subnet['addressPrefixes']): { range: IpRange; text: string }[] | undefined {
  if (isUnknown(list)) return undefined;
  const out: { range: IpRange; text: string }[] = [];
  for (const p of list) {
    if (isUnknown(p.value)) return undefined;
    const range = parseCidr(p.value);
    if (!range) return undefined;
    out.push({ range, text: p.value.trim() });
  }
  return out.length > 0 ? out : undefined;
}
