import type { SubnetUser } from '../model/types';
import { isUnknown } from '../core/value';
import { aseSites, displayName } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

const kinds: Record<SubnetUser['kind'], string> = {
  nic: 'Network interface',
  privateEndpoint: 'Private endpoint',
  applicationGateway: 'Application gateway',
  ase: 'App Service Environment',
  siteIntegration: 'The VNet Integration of app',
  gateway: 'Virtual network gateway',
  other: 'Resource',
};

export const subnetExclusive: Rule = {
  code: 'ASE402',
  name: 'subnet-exclusive',
  title: 'Nothing but the ASE may live in the ASE subnet.',
  severity: 'error',
  appliesTo: 'any',
  reads: ['ase.kind', 'ase.subnet', 'subnet.users'],
  check(model) {
    const out: Finding[] = [];
    for (const site of aseSites(model)) {
      for (const user of site.subnet.users) {
        if (user.kind === 'ase' && user.resource === site.ase) continue;
        if (isUnknown(user.resource.condition)) continue;
        const what = user.kind === 'other' ? `Resource ${displayName(user.resource.name)} (${user.resource.type})` : `${kinds[user.kind]} ${displayName(user.resource.name)}`;
        out.push({
          message: `${what} is placed in the subnet ${displayName(site.subnet.subnetName)} of ASE ${displayName(site.ase.name)}: an ASE must have its subnet to itself, and it cannot reach VMs in its own subnet`,
          at: user.ref,
          related: site.related,
        });
      }
    }
    return out;
  },
};
