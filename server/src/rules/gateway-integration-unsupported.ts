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
