import type { Finding } from '../core/findings';
import { isUnknown } from '../core/value';
import type { Site } from '../model/types';
import { displayName, gatewayIntegrations } from './support/aseSite';
import type { Rule } from './types';

/**
 * Gateway-required VNet Integration connects the app to the VNet's VPN gateway with a
 * point-to-site tunnel over SSTP, and runs only for apps that are not Windows containers.
 */
export const gatewayIntegrationProtocol: Rule = {
  code: 'ASE711',
  name: 'gateway-integration-protocol',
  title: "Gateway-required VNet Integration needs SSTP among the VPN gateway's point-to-site protocols, and does not work for Windows container apps.",
  severity: 'error',
  appliesTo: 'any',
  reads: ['sites', 'gateways'],
  check(model) {
    const out: Finding[] = [];
    for (const g of gatewayIntegrations(model)) {
      const who = g.site ? `app ${displayName(g.site.name)}` : displayName(g.resource.name);
      for (const gw of model.gateways) {
        if (isUnknown(gw.condition) || gw.vnet?.target !== g.vnet) continue;
        if (typeof gw.gatewayType !== 'string' || gw.gatewayType.trim().toLowerCase() !== 'vpn') continue;
        const protocols = gw.vpnClientProtocols;
        if (!protocols || isUnknown(protocols) || protocols.some((p) => typeof p.value !== 'string')) continue;
        if (protocols.some((p) => (p.value as string).trim().toUpperCase() === 'SSTP')) continue;
        const list = protocols.map((p) => p.value as string).join(', ') || 'none';
        out.push({
          message: `Gateway-required VNet Integration ${displayName(g.resource.name)} of ${who} connects through VPN gateway ${displayName(gw.name)}, whose point-to-site protocols (${list}) do not include SSTP: the app's tunnel uses SSTP, so it never connects`,
          at: g.resource.ref,
          related: [...g.related, { message: `VPN gateway ${displayName(gw.name)}, its point-to-site protocols`, at: protocolsRef(protocols) ?? gw.ref }],
        });
      }
      const container = g.site && windowsContainer(g.site);
      if (g.site && container) {
        out.push({
          message: `Gateway-required VNet Integration ${displayName(g.resource.name)} is set on ${who}, a Windows container app: the feature does not support Windows containers (use regional VNet Integration)`,
          at: g.resource.ref,
          related: [{ message: `App ${displayName(g.site.name)}, ${container}`, at: g.site.windowsFxVersion?.ref ?? g.site.ref }, ...g.related],
        });
      }
    }
    return out;
  },
};

function protocolsRef(list: { ref: Finding['at'] }[]): Finding['at'] | undefined {
  return list[0]?.ref;
}

/** Why the app is a Windows container app (its `windowsFxVersion`, or its kind), or undefined. */
function windowsContainer(site: Site): string | undefined {
  const fx = site.windowsFxVersion;
  if (fx && typeof fx.value === 'string') return `which runs the Windows container ${fx.value}`;
  if (typeof site.kind === 'string' && /\bcontainer\b/i.test(site.kind) && /\bwindows\b/i.test(site.kind)) return `of kind '${site.kind}'`;
  return undefined;
}
