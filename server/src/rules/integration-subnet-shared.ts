import type { SubnetUser } from '../model/types';
import { isUnknown } from '../core/value';
import { cidrLength, parseCidr } from '../ip/cidr';
import { integrationSubnetSizes } from '../knowledge/subnetSizes';
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
  title: 'A regional VNet Integration subnet may hold nothing but the integrations; several plans may share it only when it is a /26 or larger.',
  severity: 'error',
  appliesTo: 'any',
  reads: ['subnet.prefix', 'subnet.users', 'sites'],
  check(model) {
    const out: Finding[] = [];
    for (const [subnet, users] of integrationsBySubnet(model)) {
      if (subnet.users.some((u) => u.kind === 'ase')) continue;
      const apps = users.map(integrationLabel).filter((l, i, all) => all.indexOf(l) === i);
      // Several plans may join one subnet (multi-plan subnet join), from a /26 up.
      const plans = [...new Map(users.filter((u) => u.plan).map((u) => [u.plan!.key, u.plan!])).values()];
      const prefixes = subnet.addressPrefixes;
      const single = !isUnknown(prefixes) && prefixes.length === 1 && !isUnknown(prefixes[0].value) ? prefixes[0] : undefined;
      const range = single ? parseCidr(single.value as string) : undefined;
      const length = range && range.version === 4 ? cidrLength(range) : undefined;
      const { multiPlanMinimum } = integrationSubnetSizes;
      if (plans.length > 1 && single && length !== undefined && length > multiPlanMinimum) {
        out.push({
          message:
            `The VNet Integration subnet ${displayName(subnet.subnetName)} is a /${length} shared by the App Service plans ${plans.map((p) => displayName(p.name)).join(', ')}: ` +
            `several plans may join one subnet only when it is a /${multiPlanMinimum} or larger, so Azure refuses the later ones`,
          at: single.ref,
          related: users.map((u) => u.related[0]),
        });
      }
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
