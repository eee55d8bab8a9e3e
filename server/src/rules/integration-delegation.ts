import { isUnknown } from '../core/value';
import { displayName, integrationLabel, integrationsBySubnet } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

const SERVER_FARMS = 'Microsoft.Web/serverFarms';

export const integrationDelegation: Rule = {
  code: 'ASE701',
  name: 'integration-delegation',
  title: 'A subnet used for regional VNet Integration must be delegated to Microsoft.Web/serverFarms.',
  severity: 'error',
  appliesTo: 'any',
  reads: ['subnet.delegations', 'subnet.users', 'sites'],
  check(model) {
    const out: Finding[] = [];
    for (const [subnet, users] of integrationsBySubnet(model)) {
      const delegations = subnet.delegations;
      if (isUnknown(delegations) || delegations.some((d) => isUnknown(d.value))) continue;
      const services = delegations.map((d) => (d.value as string).trim());
      if (services.some((s) => s.toLowerCase() === SERVER_FARMS.toLowerCase())) continue;
      const apps = users.map(integrationLabel).filter((l, i, all) => all.indexOf(l) === i);
      const elsewhere = services.length > 0 ? `is delegated to ${services.join(', ')} instead of ${SERVER_FARMS}` : `is not delegated to ${SERVER_FARMS}`;
      const finding: Finding = {
        message: `The subnet ${displayName(subnet.subnetName)} used for the VNet Integration of ${apps.join(', ')} ${elsewhere}: Azure does not integrate the apps with it`,
        at: subnet.ref,
        related: users.flatMap((u) => u.related.slice(0, 1)),
      };
      if (subnet.ref.path && services.length === 0) {
        finding.fix = {
          title: `Delegate the subnet to ${SERVER_FARMS}`,
          changes: [
            {
              op: 'insertItem',
              at: subnet.ref,
              path: ['properties', 'delegations'],
              value: { name: 'Microsoft.Web.serverFarms', properties: { serviceName: SERVER_FARMS } },
            },
          ],
        };
      }
      out.push(finding);
    }
    return out;
  },
};
