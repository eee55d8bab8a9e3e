import { isSymbolic } from '../core/symbolic';
import type { NetworkModel, ResourceBase, VirtualNetwork } from '../model/types';
import { isUnknown } from '../core/value';
import { aseSites, displayName } from './support/aseSite';
import type { Rule } from './types';
import { declaredResource } from './support/resources';
import type { Finding } from '../core/findings';

const DEPLOYMENT_TYPE = 'microsoft.resources/deployments';

export const dnsBeforeAse: Rule = {
  code: 'ASE602',
  name: 'dns-before-ase',
  title: "An ASE created in the same deployment that sets its VNet's DNS servers should depend on the VNet.",
  severity: 'information',
  appliesTo: 'any',
  reads: ['ase.kind', 'ase.subnet', 'vnet.dnsServers', 'dependencies'],
  check(model) {
    const out: Finding[] = [];
    for (const site of aseSites(model)) {
      const vnet = site.subnet.vnet;
      if (!vnet || vnet.existing || isUnknown(vnet.condition) || !setsDnsServers(vnet)) continue;
      const order = reaches(model, site.ase, vnet.key);
      if (order !== false) continue;
      const finding: Finding = {
        message: `ASE ${displayName(site.ase.name)} is created in the deployment that sets the DNS servers of VNet ${displayName(vnet.name)} but does not depend on it: Azure may change the DNS servers while the ASE is being created, and the creation fails`,
        at: site.ase.ref,
        related: [...site.related, { message: `VNet ${displayName(vnet.name)}, which sets dhcpOptions.dnsServers`, at: vnet.ref }],
      };
      if (site.ase.ref.path && site.ase.ref.uri === vnet.ref.uri && typeof vnet.name === 'string' && !isSymbolic(vnet.name) && !vnet.name.includes("'")) {
        finding.fix = {
          title: `Make the ASE depend on VNet '${vnet.name}'`,
          changes: [{ op: 'addDependency', from: { at: site.ase.ref }, on: declaredResource(vnet, 'Microsoft.Network/virtualNetworks') }],
        };
      }
      out.push(finding);
    }
    return out;
  },
};

function setsDnsServers(vnet: VirtualNetwork): boolean {
  return !isUnknown(vnet.dnsServers) && vnet.dnsServers.length > 0;
}

/**
 * Whether `from` depends on `key`, directly or through other resources: true, false,
 * or undefined when a dependency leads outside what the analysed files declare.
 */
function reaches(model: NetworkModel, from: ResourceBase, key: string): boolean | undefined {
  const byKey = new Map<string, ResourceBase[]>();
  for (const r of model.resources) {
    const list = byKey.get(r.key);
    if (list) list.push(r);
    else byKey.set(r.key, [r]);
  }
  const seen = new Set<string>();
  const queue = [...from.dependsOn];
  let open = false;
  while (queue.length > 0) {
    const k = queue.pop()!;
    if (k === key) return true;
    if (seen.has(k)) continue;
    seen.add(k);
    const targets = byKey.get(k);
    if (!targets) {
      open = true;
      continue;
    }
    for (const t of targets) {
      if (t.type.toLowerCase() === DEPLOYMENT_TYPE) open = true;
      queue.push(...t.dependsOn);
    }
  }
  return open ? undefined : false;
}
