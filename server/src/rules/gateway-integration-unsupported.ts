import type { Site } from '../model/types';
import { isUnknown } from '../core/value';
import { displayName, gatewayIntegrations, vnetGateways } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

export const gatewayIntegrationUnsupported: Rule = {
  code: 'ASE708',
  name: 'gateway-integration-unsupported',
  title: 'Gateway-required VNet Integration works only for Windows apps and only with VNets without an ExpressRoute gateway.',
  severity: 'error',
  appliesTo: 'any',
  reads: ['plans', 'sites', 'gateways'],
  docs: `Gateway-required VNet Integration (a \`sites/virtualNetworkConnections\` resource that is not regional) is built on point-to-site VPN, and two setups cannot use it:

- a Linux app (the app's \`kind\` says \`linux\`, or its plan is \`reserved\` or of a Linux kind): the feature exists for Windows apps only;
- a VNet that has an ExpressRoute gateway, even one that coexists with a VPN gateway: the integration does not work through it.

The error is placed on the \`virtualNetworkConnections\` resource. There is no quick fix; regional VNet Integration supports both cases (an ASE too, for reaching on-premises through ExpressRoute).

Decision: only what the analysed files declare is checked (the app, its plan, the VNet and its gateways and connections); an app whose kind and plan cannot be resolved is not called Linux.`,
  check(model) {
    const out: Finding[] = [];
    for (const g of gatewayIntegrations(model)) {
      const who = g.site ? `app ${displayName(g.site.name)}` : displayName(g.resource.name);
      if (g.site && isLinux(g.site)) {
        out.push({
          message: `Gateway-required VNet Integration ${displayName(g.resource.name)} is set on Linux ${who}: the feature exists for Windows apps only, so Azure does not connect it (use regional VNet Integration)`,
          at: g.resource.ref,
          related: [{ message: `App ${displayName(g.site.name)}`, at: g.site.ref }, ...g.related],
        });
      }
      const er = vnetGateways(model, g.vnet).find((x) => x.kind === 'ExpressRoute');
      if (er) {
        out.push({
          message: `Gateway-required VNet Integration ${displayName(g.resource.name)} of ${who} targets VNet ${displayName(g.vnet.name)}, which has ${er.label}: the integration does not work with an ExpressRoute gateway in the VNet (use regional VNet Integration)`,
          at: g.resource.ref,
          related: [...g.related, { message: er.label, at: er.resource.ref }],
        });
      }
    }
    return out;
  },
};

function isLinux(site: Site): boolean {
  if (typeof site.kind === 'string' && /linux/i.test(site.kind)) return true;
  const plan = site.plan?.target;
  if (!plan || isUnknown(plan.condition)) return false;
  return plan.reserved === true || (typeof plan.kind === 'string' && /linux/i.test(plan.kind));
}
