import type { Finding } from '../core/findings';
import { isUnknown } from '../core/value';
import { displayName, integrationLabel, integrationsBySubnet } from './support/aseSite';
import type { Rule } from './types';

/**
 * Two things regional VNet Integration does not support on its subnet: service endpoint
 * policies on the subnet, and a VNet with an IPv6 address space (dual stack).
 */
export const integrationSubnetLimits: Rule = {
  code: 'ASE710',
  name: 'integration-subnet-limits',
  title: 'A VNet Integration subnet must have no service endpoint policies and must not be in a VNet with an IPv6 address space.',
  severity: 'error',
  appliesTo: 'any',
  reads: ['subnet.serviceEndpointPolicies', 'subnet.users', 'vnet.addressSpace', 'sites'],
  check(model) {
    const out: Finding[] = [];
    for (const [subnet, users] of integrationsBySubnet(model)) {
      const apps = users.map(integrationLabel).filter((l, i, all) => all.indexOf(l) === i).join(', ');
      const related = users.flatMap((u) => u.related.slice(0, 1));
      const subnetRelated = { message: `The integration subnet ${displayName(subnet.subnetName)}`, at: subnet.ref, context: true as const };
      const policies = subnet.serviceEndpointPolicies;
      if (policies && policies.value === true) {
        out.push({
          message: `The subnet ${displayName(subnet.subnetName)} used for the VNet Integration of ${apps} has service endpoint policies: VNet Integration does not support them on its subnet, and the integration fails`,
          at: policies.ref,
          related: [...related, subnetRelated],
        });
      }
      const space = subnet.vnet?.addressPrefixes;
      if (subnet.vnet && space && !isUnknown(space)) {
        const v6 = space.find((p) => typeof p.value === 'string' && p.value.includes(':'));
        if (v6) {
          out.push({
            message: `The subnet ${displayName(subnet.subnetName)} used for the VNet Integration of ${apps} is in VNet ${displayName(subnet.vnet.name)}, which has the IPv6 address space ${v6.value as string}: VNet Integration does not support a VNet with IPv6 addresses, and the integration fails`,
            at: v6.ref,
            related: [...related, subnetRelated],
          });
        }
      }
    }
    return out;
  },
};
