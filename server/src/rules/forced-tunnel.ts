import { isUnknown } from '../core/value';
import { findForcedTunnel, nextHopOf } from '../net/routes';
import { aseSites, displayName, isV1V2, type AseSite } from './support/aseSite';
import type { Rule } from './types';
import type { Finding, Fix } from '../core/findings';
import type { Route, RouteTable } from '../model/types';

export const forcedTunnel: Rule = {
  code: 'ASE301',
  name: 'forced-tunnel',
  title: 'An ASEv1/v2 subnet must send internet-bound traffic straight to the internet.',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: `An ASEv1/v2 answers Azure's management calls from its public VIP and is let into its SQL dependencies by that VIP. When the subnet's route table sends public destinations (\`0.0.0.0/0\`, or pieces such as \`0.0.0.0/1\` + \`128.0.0.0/1\`) to a \`VirtualAppliance\`, a \`VirtualNetworkGateway\` or \`None\`, replies leave from another address and are dropped: the ASE becomes unmanageable and is suspended.

The route that wins for a public destination is found by longest-prefix match over the table, as Azure does. The quick fix sets that route's next hop to \`Internet\` and removes its \`nextHopIpAddress\`; its title says what the traffic stops going through ("Send route 'default' to Internet, bypassing the appliance at 10.0.0.4"). Decision: when \`nextHopIpAddress\` is a parameter of the template that nothing else reads, the fix removes the parameter and its value in the parameters file the analysis used, and its title names it (", and remove parameter 'firewallIp'"); a parameter of a module or linked template is kept, and the title says it is left unused.

Destinations inside the VNet's own address space are not internet-bound, even when that space is a public range: a route that only covers the VNet's space (say \`20.0.0.0/16\` → \`VirtualAppliance\` in a VNet of \`20.0.0.0/16\`) is not reported, and a wider route is reported only for the public addresses outside the VNet.

Decision: when the VNet's address space cannot be read (the VNet is not in the analysed files, or a prefix is unresolved), a route is reported only when its prefix holds a range Azure refuses in any VNet (multicast \`224.0.0.0/4\`, loopback \`127.0.0.0/8\`, link-local \`169.254.0.0/16\`, \`168.63.129.16\`, broadcast), as \`0.0.0.0/0\` and the \`/1\` halves do: such a prefix cannot be the VNet's own space. A narrower public prefix might be exactly the VNet's space, so the rule stays silent on it. The catalogue also suggests adding a \`0.0.0.0/0\` → \`Internet\` route when the catching routes are more specific; that would not help (the more specific route still wins), so the fix always changes the catching route itself. ASEv3 allows forced tunnelling and is not checked.`,
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<Route>();
    for (const site of aseSites(model)) {
      if (!isV1V2(site.version)) continue;
      const table = site.routeTable;
      if (table === undefined || isUnknown(table)) continue;
      for (const { route, example } of tunnellingRoutes(table, site.nsgContext.vnetAddressSpaces)) {
        if (seen.has(route)) continue;
        seen.add(route);
        const hop = isUnknown(route.nextHopType) ? 'another next hop' : route.nextHopType;
        const prefix = isUnknown(route.addressPrefix) ? 'its prefix' : route.addressPrefix;
        const such = example === prefix ? '' : ` (such as ${example})`;
        const finding: Finding = {
          message:
            `Route ${displayName(route.name)} in route table ${displayName(table.name)} sends ${prefix} to ${hop}, forcing internet-bound traffic of the ASE subnet${such} ` +
            `away from the internet: replies to Azure's management traffic leave from the wrong address, and the ASE is suspended`,
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
function tunnellingRoutes(table: RouteTable, vnetAddressSpaces: AseSite['nsgContext']['vnetAddressSpaces']): { route: Route; example: string }[] {
  if (isUnknown(table.routes)) return [];
  const found: { route: Route; example: string }[] = [];
  const fixed = new Set<Route>();
  for (let i = 0; i <= table.routes.length; i++) {
    const routes = table.routes.map((r) => (fixed.has(r) ? { ...r, nextHopType: 'Internet', nextHopIpAddress: undefined } : r));
    const verdict = findForcedTunnel({ ...table, routes }, vnetAddressSpaces);
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
