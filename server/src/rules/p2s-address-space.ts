import type { VirtualNetworkGateway } from '../model/types';
import { isUnknown } from '../model/value';
import { isRfc1918, parseCidr } from '../net/cidr';
import { displayName, gatewayIntegrations, type GatewayIntegration } from './context';
import type { Finding, Rule } from './types';

export const p2sAddressSpace: Rule = {
  code: 'ASE707',
  name: 'p2s-address-space',
  title: 'A VPN gateway used for gateway-required VNet Integration must be route-based, with a point-to-site pool in RFC 1918 space.',
  severity: 'error',
  appliesTo: 'any',
  docs: `Gateway-required VNet Integration (a \`sites/virtualNetworkConnections\` resource that is not regional) connects the app's workers to the VNet's VPN gateway as point-to-site clients. The app's calls into the VNet then come from the gateway's point-to-site address pool. Azure sets this up only with a route-based gateway whose point-to-site pool lies in the private ranges of RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); otherwise the integration cannot be made, or the app's traffic cannot find its way back.

The error is placed on each point-to-site prefix outside those ranges, or on the gateway when it is policy-based or has no point-to-site configuration at all. There is no quick fix: the pool must not overlap the VNet or the networks it connects to, which only you know.

Decision: only VPN gateways declared in the analysed files, in the VNet the integration names, are checked; a gateway whose type, VPN type or pool cannot be resolved is left out, and a gateway without \`vpnType\` is route-based (Azure's default). This is not about ASEs, so every version is checked.`,
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    const push = (f: Finding) => {
      const key = `${f.at.uri}|${f.at.range.start.line}:${f.at.range.start.character}|${f.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(f);
      }
    };
    for (const g of gatewayIntegrations(model)) {
      for (const gw of model.gateways) {
        if (isUnknown(gw.condition) || gw.vnet?.target !== g.vnet || !isVpn(gw)) continue;
        const related = [...g.related, { message: `VPN gateway ${displayName(gw.name)}`, at: gw.ref }];
        const label = `VPN gateway ${displayName(gw.name)}, used by ${who(g)} for gateway-required VNet Integration,`;
        const vpnType = gw.vpnType;
        if (typeof vpnType === 'string' && vpnType.trim().toLowerCase() !== 'routebased') {
          push({ message: `${label} is ${vpnType.trim()}: VNet Integration needs a route-based gateway, and Azure does not connect the app`, at: gw.ref, related });
        }
        const pool = gw.p2sAddressPrefixes;
        if (pool === undefined || (!isUnknown(pool) && pool.length === 0)) {
          push({ message: `${label} has no point-to-site address pool: VNet Integration connects the app as a point-to-site client, so Azure does not connect it`, at: gw.ref, related });
          continue;
        }
        if (isUnknown(pool)) continue;
        for (const p of pool) {
          if (isUnknown(p.value)) continue;
          const range = parseCidr(p.value);
          if (!range || range.version !== 4 || isRfc1918(range)) continue;
          push({
            message: `The point-to-site pool ${p.value.trim()} of ${label.slice(0, -1)} is outside the private RFC 1918 ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): Azure does not integrate the app through it`,
            at: p.ref,
            related,
          });
        }
      }
    }
    return out;
  },
};

function isVpn(gw: VirtualNetworkGateway): boolean {
  return typeof gw.gatewayType === 'string' && gw.gatewayType.trim().toLowerCase() === 'vpn';
}

function who(g: GatewayIntegration): string {
  return g.site ? `app ${displayName(g.site.name)}` : `${displayName(g.resource.name)}`;
}
