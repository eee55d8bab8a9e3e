import { isUnknown } from '../core/value';
import { findForcedTunnel, nextHopOf } from '../net/routes';
import { aseSites, displayName, isV1V2, type AseSite } from './support/aseSite';
import { documentedSetup } from './support/forcedTunnel';
import type { Rule } from './types';
import type { Finding, Fix } from '../core/findings';
import type { Route, RouteTable } from '../model/types';

export const forcedTunnel: Rule = {
  code: 'ASE301',
  name: 'forced-tunnel',
  title: 'An ASEv1/v2 subnet must send internet-bound traffic straight to the internet, unless forced tunnelling is set up as documented.',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  reads: ['ase.kind', 'ase.subnet', 'ase.settings', 'subnet.routeTable', 'subnet.serviceEndpoints', 'vnet.addressSpace', 'routeTable.routes'],
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<Route>();
    // Indexed: the check runs once per analysis, mostly before it is optimised, where an iterator makes an object per step.
    const sites = aseSites(model);
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i];
      if (!isV1V2(site.version)) continue;
      const table = site.routeTable;
      if (table === undefined || isUnknown(table)) continue;
      const tunnelling = tunnellingRoutes(table, site.vnetAddressSpaces);
      if (tunnelling.length === 0) continue;
      // Forced tunnelling as the documentation sets it up is supported; where that cannot be told, stay silent.
      const setup = documentedSetup(site);
      if (setup.followed !== false) continue;
      const missing = setup.missingEndpoints.length > 0 ? `; the documented forced-tunnel setup also needs the service endpoint${setup.missingEndpoints.length > 1 ? 's' : ''} ${setup.missingEndpoints.join(' and ')} on the ASE subnet` : '';
      for (const { route, example } of tunnelling) {
        if (seen.has(route)) continue;
        seen.add(route);
        const hop = isUnknown(route.nextHopType) ? 'another next hop' : route.nextHopType;
        const prefix = isUnknown(route.addressPrefix) ? 'its prefix' : route.addressPrefix;
        const such = example === prefix ? '' : ` (such as ${example})`;
        const finding: Finding = {
          message:
            `Route ${displayName(route.name)} in route table ${displayName(table.name)} sends ${prefix} to ${hop}, forcing internet-bound traffic of the ASE subnet${such} ` +
            `away from the internet: replies to Azure's management traffic leave from the wrong address, and the ASE is suspended${missing}`,
          at: route.nextHopTypeRef ?? route.ref,
          related: site.related,
        };
        const fix = nextHopToInternet(route);
        if (fix) finding.fix = fix;
        out.push(finding);
      }
    }
    return out;
  },
};

/**
 * Every route that takes internet-bound traffic away from the internet: ask the
 * evaluator, then ask again as if that route already went to Internet (what its fix
 * does), until nothing is left. Bounded by the number of routes.
 */
function tunnellingRoutes(table: RouteTable, vnetAddressSpaces: AseSite['vnetAddressSpaces']): { route: Route; example: string }[] {
  if (isUnknown(table.routes)) return [];
  const found: { route: Route; example: string }[] = [];
  const fixed = new Set<Route>();
  for (let i = 0; i <= table.routes.length; i++) {
    // The table as it is first (most tables tunnel nothing), then with the routes found so far sent to Internet.
    const routes = fixed.size === 0 ? table.routes : table.routes.map((r) => (fixed.has(r) ? { ...r, nextHopType: 'Internet', nextHopIpAddress: undefined } : r));
    const verdict = findForcedTunnel(fixed.size === 0 ? table : { ...table, routes }, vnetAddressSpaces);
    if (verdict.status !== 'tunnelled') break;
    const original = table.routes[routes.indexOf(verdict.route)] ?? verdict.route;
    if (fixed.has(original)) break;
    fixed.add(original);
    found.push({ route: original, example: verdict.example });
  }
  return found;
}

function nextHopToInternet(route: Route): Fix | undefined {
  if (!route.ref.path) return undefined;
  const changes: Fix['changes'] = [{ op: 'setProperty', at: route.ref, path: ['properties', 'nextHopType'], value: 'Internet' }];
  if (route.nextHopIpAddress !== undefined) {
    changes.push({ op: 'removeProperty', at: route.ref, path: ['properties', 'nextHopIpAddress'] });
  }
  return { title: `Send route ${displayName(route.name)} to Internet${bypassing(route)}`, changes };
}

/** What the fix takes the route away from, for its title: the security engineer must see that the firewall is bypassed. */
function bypassing(route: Route): string {
  const hop = nextHopOf(route);
  if (isUnknown(hop)) return '';
  switch (hop) {
    case 'VirtualAppliance': {
      const ip = route.nextHopIpAddress;
      return typeof ip === 'string' && ip.trim() !== '' ? `, bypassing the appliance at ${ip.trim()}` : ', bypassing its virtual appliance';
    }
    case 'VirtualNetworkGateway':
      return ', bypassing the virtual network gateway';
    case 'None':
      return ' instead of dropping the traffic';
    case 'VnetLocal':
      return ' instead of the virtual network';
    default:
      return '';
  }
}
