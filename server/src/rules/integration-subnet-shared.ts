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
  docs: `A subnet used for regional VNet Integration is delegated to \`Microsoft.Web/serverFarms\` and belongs to App Service: the plans' workers take its addresses as they scale. A virtual machine's network interface, a private endpoint, an application gateway, a VNet gateway or any other resource placed in the same subnet is refused by Azure (a delegated subnet takes only the service it is delegated to), or, when it got there first, leaves the integration without a subnet it can use.

The error is placed on the other resource's subnet reference, with the apps that integrate with the subnet as related information. There is no quick fix: the other resource needs a subnet of its own.

Decision: the catalogue also reports two App Service plans integrating with one subnet. Azure used to allow one plan per subnet, but it now lets several plans of the same subscription join one integration subnet (multi-plan subnet join), and plans deployed by one template share a subscription, so that is not reported; ASE702 adds up the instances of all the plans against the subnet's size instead. An App Service Environment in the subnet is ASE402's finding (on the integration) and is not repeated here. Resources whose \`condition\` cannot be decided are left out.`,
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
