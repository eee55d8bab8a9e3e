import type { Finding, Fix } from '../core/findings';
import { isUnknown } from '../core/value';
import type { Site } from '../model/types';
import { displayName, integrationsBySubnet } from './support/aseSite';
import { routesAll } from './support/routing';
import type { Rule } from './types';

/** From this API version an app's routing is `outboundVnetRouting`, which replaces the flags. */
const OUTBOUND_ROUTING_API = '2024-11-01';

/**
 * A route table or outbound NSG rules on an integration subnet govern only what the app
 * sends through the VNet: without routing all its traffic there, its internet-bound
 * traffic leaves directly and bypasses them.
 */
export const integrationRoutingIneffective: Rule = {
  code: 'ASE712',
  name: 'integration-routing-ineffective',
  title: "A route table or outbound NSG rules on a VNet Integration subnet apply to the app's internet traffic only when the app routes all its traffic through the VNet.",
  severity: 'information',
  appliesTo: 'any',
  reads: ['subnet.nsg', 'subnet.routeTable', 'subnet.users', 'nsg.rules', 'routeTable.routes', 'sites'],
  check(model) {
    const out: Finding[] = [];
    for (const [subnet, users] of integrationsBySubnet(model)) {
      const controls: string[] = [];
      const related = [{ message: `The integration subnet ${displayName(subnet.subnetName)}`, at: subnet.ref, context: true as const }];
      // A route table declared elsewhere, or whose routes cannot be read, may hold none.
      const table = subnet.routeTable?.target;
      if (table && !isUnknown(table.routes) && table.routes.length > 0) {
        controls.push(`the routes of route table ${displayName(table.name)}`);
        related.push({ message: `Route table ${displayName(table.name)}`, at: table.ref, context: true as const });
      }
      const nsg = subnet.networkSecurityGroup?.target;
      if (nsg && !isUnknown(nsg.securityRules) && nsg.securityRules.some((r) => !r.isDefault && r.direction === 'Outbound')) {
        controls.push(`the outbound rules of NSG ${displayName(nsg.name)}`);
        related.push({ message: `NSG ${displayName(nsg.name)}`, at: nsg.ref, context: true as const });
      }
      if (controls.length === 0) continue;
      const seen = new Set<Site>();
      for (const u of users) {
        const site = u.site;
        if (!site || seen.has(site) || routesAll(site) !== false) continue;
        seen.add(site);
        const newShape = site.apiVersion !== undefined && site.apiVersion >= OUTBOUND_ROUTING_API;
        const setting = newShape ? 'outboundVnetRouting.applicationTraffic' : 'vnetRouteAllEnabled';
        const finding: Finding = {
          message: `App ${displayName(site.name)} sends only private traffic through its VNet Integration (${setting} is off): ${controls.join(' and ')} on its subnet ${displayName(subnet.subnetName)} do not apply to its traffic to the internet`,
          at: u.ref,
          related,
        };
        const fix = routeAllFix(site, newShape, setting);
        if (fix) finding.fix = fix;
        out.push(finding);
      }
    }
    return out;
  },
};

/** Turns the routing of all traffic on, in the app's own API shape; only where nothing says otherwise yet. */
function routeAllFix(site: Site, newShape: boolean, setting: string): Fix | undefined {
  if (site.routing.routeAll.length > 0 || !site.ref.path || site.apiVersion === undefined) return undefined;
  return {
    title: `Route all the app's traffic through the VNet (${setting})`,
    changes: [
      newShape
        ? { op: 'setProperty', at: site.ref, path: ['properties', 'outboundVnetRouting', 'applicationTraffic'], value: true }
        : { op: 'setProperty', at: site.ref, path: ['properties', 'vnetRouteAllEnabled'], value: true },
    ],
  };
}
