import type { Related } from '../core/nodeRef';
import type { VirtualNetworkGateway } from '../model/types';
import { isUnknown } from '../core/value';
import { isRfc1918, parseCidr } from '../ip/cidr';
import { displayName, gatewayIntegrations, type GatewayIntegration } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

export const p2sAddressSpace: Rule = {
  code: 'ASE707',
  name: 'p2s-address-space',
  title: 'A VPN gateway used for gateway-required VNet Integration must be route-based, with a point-to-site pool in RFC 1918 space.',
  severity: 'error',
  appliesTo: 'any',
  reads: ['sites', 'gateways'],
  check(model) {
    const out: Finding[] = [];
    const integrations = gatewayIntegrations(model);
    // One finding per gateway and per pool prefix, however many apps integrate through it.
    for (const gw of model.gateways) {
      if (isUnknown(gw.condition) || !isVpn(gw)) continue;
      const users = integrations.filter((g) => gw.vnet?.target === g.vnet);
      if (users.length === 0) continue;
      const related = dedupe([
        ...users.flatMap((g) => (g.site ? [...g.related, { message: `App ${displayName(g.site.name)}, which integrates through the gateway`, at: g.site.ref }] : g.related)),
        { message: `VPN gateway ${displayName(gw.name)}`, at: gw.ref },
      ]);
      const { text: whom, plural } = who(users);
      const apps = plural ? 'the apps' : 'the app';
      const label = `VPN gateway ${displayName(gw.name)}, used by ${whom} for gateway-required VNet Integration,`;
      const vpnType = gw.vpnType;
      if (typeof vpnType === 'string' && vpnType.trim().toLowerCase() !== 'routebased') {
        out.push({ message: `${label} is ${vpnType.trim()}: VNet Integration needs a route-based gateway, and Azure does not connect ${apps}`, at: gw.ref, related });
      }
      const pool = gw.p2sAddressPrefixes;
      if (pool === undefined || (!isUnknown(pool) && pool.length === 0)) {
        out.push({
          message: `${label} has no point-to-site address pool: VNet Integration connects ${apps === 'the app' ? 'the app as a point-to-site client' : 'the apps as point-to-site clients'}, so Azure does not connect ${apps === 'the app' ? 'it' : 'them'}`,
          at: gw.ref,
          related,
        });
        continue;
      }
      if (isUnknown(pool)) continue;
      for (const p of pool) {
        if (isUnknown(p.value)) continue;
        const range = parseCidr(p.value);
        if (!range || range.version !== 4 || isRfc1918(range)) continue;
        out.push({
          message: `The point-to-site pool ${p.value.trim()} of ${label.slice(0, -1)} is outside the private RFC 1918 ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): Azure does not integrate ${apps} through it`,
          at: p.ref,
          related,
        });
      }
    }
    return out;
  },
};

function isVpn(gw: VirtualNetworkGateway): boolean {
  return typeof gw.gatewayType === 'string' && gw.gatewayType.trim().toLowerCase() === 'vpn';
}

/** "app 'orders'", "apps 'orders' and 'billing'", or the connections' names when their apps are not declared. */
function who(users: GatewayIntegration[]): { text: string; plural: boolean } {
  const sites = users.map((g) => g.site);
  if (sites.every((s) => s !== undefined)) {
    const names = unique(sites.map((s) => displayName(s!.name)));
    return { text: `${names.length > 1 ? 'apps' : 'app'} ${joinAnd(names)}`, plural: names.length > 1 };
  }
  const labels = unique(users.map((g) => (g.site ? `app ${displayName(g.site.name)}` : displayName(g.resource.name))));
  return { text: joinAnd(labels), plural: labels.length > 1 };
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

function joinAnd(list: string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** Related entries without repeats (two apps on one VNet both point at it). */
function dedupe(related: Related[]): Related[] {
  const seen = new Set<string>();
  return related.filter((r) => {
    const key = `${r.message}|${r.at.uri}|${r.at.range.start.line}:${r.at.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
