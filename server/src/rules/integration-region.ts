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
  docs: `Regional VNet Integration connects an app only to a VNet in the app's own region (its App Service plan's region). A template that integrates an app with a subnet of a VNet in another region fails when the integration is made. To reach a VNet in another region, integrate with a VNet in the app's region and peer it with the other one, or use gateway-required VNet Integration.

The error is placed on the app's subnet reference, with the app, the subnet and the VNet as related information. There is no quick fix: which of the two should move is a design decision.

Decision: the app's \`location\` is compared with the VNet's, else the plan's when the app's cannot be resolved. Region names are compared as Azure does, ignoring case and spaces (\`West Europe\` is \`westeurope\`). Only literal region names are compared: a location that is a parameter without a value, or the resource group's location, is not known before deployment, and the rule stays silent.`,
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
