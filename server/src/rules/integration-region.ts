import { isSymbolic } from '../core/symbolic';
import type { ResourceBase } from '../model/types';
import { isUnknown } from '../core/value';
import { displayName, integrations } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

export const integrationRegion: Rule = {
  code: 'ASE706',
  name: 'integration-region',
  title: 'An app and the VNet it integrates with must be in the same region.',
  severity: 'error',
  appliesTo: 'any',
  reads: ['subnet.users', 'sites', 'locations'],
  check(model) {
    const out: Finding[] = [];
    for (const i of integrations(model)) {
      const vnet = i.subnet.vnet;
      if (!i.site || !vnet || isUnknown(vnet.condition)) continue;
      const vnetRegion = region(vnet);
      const own = region(i.site);
      const appRegion = own ?? (i.plan ? region(i.plan) : undefined);
      if (!vnetRegion || !appRegion || vnetRegion.key === appRegion.key) continue;
      const whose = own ? `App ${displayName(i.site.name)} is` : `App ${displayName(i.site.name)} (through its plan ${displayName(i.plan?.name)}) is`;
      out.push({
        message: `${whose} in ${appRegion.text}, but VNet ${displayName(vnet.name)} of its integration subnet ${displayName(i.subnet.subnetName)} is in ${vnetRegion.text}: regional VNet Integration needs the app and the VNet in the same region, and Azure rejects it`,
        at: i.ref,
        related: [...i.related, { message: `VNet ${displayName(vnet.name)}`, at: vnet.ref }],
      });
    }
    return out;
  },
};

/** The resource's region when it is a literal name: as written, and as Azure compares it. */
function region(r: ResourceBase): { text: string; key: string } | undefined {
  const l = r.location;
  if (typeof l !== 'string' || isSymbolic(l) || l.trim() === '') return undefined;
  return { text: l.trim(), key: l.replace(/\s+/g, '').toLowerCase() };
}
