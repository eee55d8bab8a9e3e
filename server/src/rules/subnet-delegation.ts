import type { Subnet } from '../model/types';
import { isUnknown } from '../core/value';
import { aseSites, displayName, isV1V2 } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

const ASE_SERVICE = 'Microsoft.Web/hostingEnvironments';

export const subnetDelegation: Rule = {
  code: 'ASE403',
  name: 'subnet-delegation',
  title: 'An ASEv3 subnet must be delegated to Microsoft.Web/hostingEnvironments; an ASEv1/v2 subnet must not be delegated to another service.',
  severity: 'error',
  appliesTo: 'any',
  reads: ['ase.kind', 'ase.subnet', 'subnet.delegations'],
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<Subnet>();
    for (const site of aseSites(model)) {
      if (seen.has(site.subnet)) continue;
      seen.add(site.subnet);
      const delegations = site.subnet.delegations;
      if (isUnknown(delegations) || delegations.some((d) => isUnknown(d.value))) continue;
      const services = delegations.map((d) => d.value as string);
      if (site.version === 'v3') {
        if (services.some((s) => s.toLowerCase() === ASE_SERVICE.toLowerCase())) continue;
        const finding: Finding = {
          message: `The subnet ${displayName(site.subnet.subnetName)} of ASEv3 ${displayName(site.ase.name)} is not delegated to ${ASE_SERVICE}: the ASE cannot be created in it`,
          at: site.subnet.ref,
          related: site.related,
        };
        if (site.subnet.ref.path && services.length === 0) {
          finding.fix = {
            title: `Delegate the subnet to ${ASE_SERVICE}`,
            changes: [
              {
                op: 'insertItem',
                at: site.subnet.ref,
                path: ['properties', 'delegations'],
                value: { name: 'Microsoft.Web.hostingEnvironments', properties: { serviceName: ASE_SERVICE } },
              },
            ],
          };
        }
        out.push(finding);
      } else if (isV1V2(site.version)) {
        for (const d of delegations) {
          // The migration to ASEv3 delegates the running ASEv1/v2's subnet this way: no harm to the old ASE.
          if ((d.value as string).toLowerCase() === ASE_SERVICE.toLowerCase()) continue;
          out.push({
            message: `The subnet ${displayName(site.subnet.subnetName)} of ASE${site.version} ${displayName(site.ase.name)} is delegated to ${d.value as string}: an ASEv1/v2 subnet must not be delegated`,
            at: d.ref,
            related: site.related,
          });
        }
      }
    }
    return out;
  },
};
