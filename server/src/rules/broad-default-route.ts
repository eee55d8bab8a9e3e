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
