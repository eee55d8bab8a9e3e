import { isUnknown } from '../core/value';
import { aseSites, displayName } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

const BACK_ENDS = {
  nic: 'Network interface',
  privateEndpoint: 'Private endpoint',
} as const;

export const backendInAseSubnet: Rule = {
  code: 'ASE803',
  name: 'backend-in-ase-subnet',
  title: "A back end the ASE's apps should reach must not be placed in the ASE subnet.",
  severity: 'error',
  appliesTo: 'any',
  reads: ['ase.kind', 'ase.subnet', 'subnet.users'],
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<object>();
    for (const site of aseSites(model)) {
      for (const user of site.subnet.users) {
        if (user.kind !== 'nic' && user.kind !== 'privateEndpoint') continue;
        if (isUnknown(user.resource.condition) || seen.has(user.resource)) continue;
        seen.add(user.resource);
        out.push({
          message: `${BACK_ENDS[user.kind]} ${displayName(user.resource.name)} is placed in the subnet ${displayName(site.subnet.subnetName)} of ASE ${displayName(site.ase.name)}: the ASE's apps cannot reach a back end in their own subnet`,
          at: user.resource.ref,
          related: [...site.related, { message: 'Where it names the subnet', at: user.ref }],
        });
      }
    }
    return out;
  },
};
