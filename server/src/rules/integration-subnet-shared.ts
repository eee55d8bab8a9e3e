import type { SubnetUser } from '../model/types';
import { isUnknown } from '../core/value';
import { displayName, integrationLabel, integrationsBySubnet } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

const kinds: Record<SubnetUser['kind'], string> = {
  nic: 'Network interface',
  privateEndpoint: 'Private endpoint',
  applicationGateway: 'Application gateway',
  ase: 'App Service Environment',
  siteIntegration: 'App',
  gateway: 'Virtual network gateway',
  other: 'Resource',
};

export const integrationSubnetShared: Rule = {
  code: 'ASE703',
  name: 'integration-subnet-shared',
  title: 'A regional VNet Integration subnet may hold nothing but the integrations.',
  severity: 'error',
  appliesTo: 'any',
  reads: ['subnet.users', 'sites'],
  check(model) {
    const out: Finding[] = [];
    for (const [subnet, users] of integrationsBySubnet(model)) {
      if (subnet.users.some((u) => u.kind === 'ase')) continue;
      const apps = users.map(integrationLabel).filter((l, i, all) => all.indexOf(l) === i);
      for (const other of subnet.users) {
        if (other.kind === 'siteIntegration' || other.kind === 'ase' || isUnknown(other.resource.condition)) continue;
        const what =
          other.kind === 'other' ? `Resource ${displayName(other.resource.name)} (${other.resource.type})` : `${kinds[other.kind]} ${displayName(other.resource.name)}`;
        out.push({
          message: `${what} is placed in the subnet ${displayName(subnet.subnetName)}, which serves the VNet Integration of ${apps.join(', ')}: an integration subnet belongs to App Service alone, so Azure refuses one of the two`,
          at: other.ref,
          related: [...users.map((u) => u.related[0]), users[0].related[1]],
        });
      }
    }
    return out;
  },
};
