import type { Route } from '../model/types';
import { isUnknown } from '../core/value';
import { maxAddress, parseCidr } from '../ip/cidr';
import { nextHopOf } from '../net/routes';
import { aseSites, displayName, isV1V2 } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

/** The IPv4 default prefix (also when written with host bits, as Azure normalises them). */
function isDefaultPrefix(prefix: Route['addressPrefix']): boolean {
  if (isUnknown(prefix)) return false;
  const r = parseCidr(prefix);
  return r !== undefined && r.version === 4 && r.first === 0n && r.last === maxAddress(4);
}

export const broadDefaultRoute: Rule = {
  code: 'ASE303',
  name: 'broad-default-route',
  title: 'A 0.0.0.0/0 route to Internet alone does not stop more specific learned routes from force-tunnelling an ASEv1/v2.',
  severity: 'information',
  appliesTo: ['v1', 'v2'],
  reads: ['ase.kind', 'ase.subnet', 'subnet.routeTable', 'routeTable.routes', 'routeTable.propagation'],
  docs: `A \`0.0.0.0/0\` → \`Internet\` route on the ASE subnet beats a \`0.0.0.0/0\` learned from ExpressRoute or a VPN, because a user-defined route wins on an equal prefix. It does not beat a more specific prefix: when the on-premises side advertises, say, \`0.0.0.0/1\` and \`128.0.0.0/1\`, or the Azure ranges of a public peering, longest-prefix match picks the learned routes and the ASE is force-tunnelled after all.

The note is placed on the \`0.0.0.0/0\` route, once per route. To be safe whatever is advertised, turn off gateway route propagation on the route table (\`disableBgpRoutePropagation\`, see ASE304) — the ASE subnet then receives no learned routes at all — or keep the advertisements under control on the network side. There is no quick fix.

Decision: "the only protection" is read as: gateway route propagation is not turned off on that table. More specific \`Internet\` routes next to the \`0.0.0.0/0\` do not change the picture (an even more specific advertisement still wins), so they do not silence the note. The note does not wait for a gateway in the analysed files: the gateway of a VNet is often deployed by another template. A table whose propagation setting cannot be resolved is not reported.`,
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<Route>();
    for (const site of aseSites(model)) {
      if (!isV1V2(site.version)) continue;
      const table = site.routeTable;
      if (table === undefined || isUnknown(table) || isUnknown(table.routes)) continue;
      const propagationOff = table.disableBgpRoutePropagation;
      if (propagationOff === true || isUnknown(propagationOff)) continue;
      for (const route of table.routes) {
        if (seen.has(route) || !isDefaultPrefix(route.addressPrefix) || nextHopOf(route) !== 'Internet') continue;
        seen.add(route);
        out.push({
          message:
            `Route ${displayName(route.name)} in route table ${displayName(table.name)} is the ASE subnet's only guard against forced tunnelling: ` +
            `a prefix more specific than 0.0.0.0/0 learned from ExpressRoute or a VPN still wins over it and takes that traffic away from the internet`,
          at: route.ref,
          related: site.related,
        });
      }
    }
    return out;
  },
};
