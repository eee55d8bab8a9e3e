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
  docs: `An ASE cannot reach a virtual machine placed in its own subnet: the apps' calls to a database VM, a SQL Server VM or any other back end behind a network interface there fail, and nothing but the ASE is supported in that subnet anyway. A private endpoint placed there (a back end's private address) is unreachable in the same way.

The error is placed on the back end itself — the network interface or private endpoint, by its name — with the ASE and its subnet as related information; ASE402 reports the same placement on the subnet reference, from the ASE's side. There is no quick fix: the back end needs a subnet of its own (any other subnet of the VNet, which the ASE reaches).

Decision: network interfaces (which is how VMs, SQL VMs included, join a subnet) and private endpoints count as back ends; gateways, application gateways and other ASEs, which the apps do not call as back ends, are left to ASE402. A back end whose \`condition\` cannot be decided is not reported.`,
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
