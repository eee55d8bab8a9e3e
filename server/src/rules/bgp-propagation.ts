import type { RouteTable } from '../model/types';
import { isUnknown } from '../core/value';
import { aseSites, displayName, isV1V2, vnetGateways } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

export const bgpPropagation: Rule = {
  code: 'ASE304',
  name: 'bgp-propagation',
  title: "An ASEv1/v2 subnet's route table should not pass on the routes a VNet gateway learns.",
  severity: 'information',
  appliesTo: ['v1', 'v2'],
  docs: `A route table passes the routes a VNet gateway learns (over ExpressRoute or a VPN, BGP or static) on to its subnets unless \`disableBgpRoutePropagation\` is \`true\`. For the ASE subnet this means on-premises advertisements decide where part of its traffic goes: a default route, or prefixes that cover Azure's public ranges, send the ASE's internet-bound traffic down the gateway and break it (ASE301, ASE303).

The rule reports an ASE subnet's route table that leaves propagation on while the subnet's VNet has an ExpressRoute or VPN gateway (or a connection on one) in the analysed files — on the \`disableBgpRoutePropagation\` value when it is written, else on the table's name. The quick fix sets \`disableBgpRoutePropagation\` to \`true\`.

Turning propagation off also stops the ASE subnet from learning on-premises ranges: if apps on the ASE call back ends on-premises through the gateway, add routes for those ranges (next hop \`VirtualNetworkGateway\`) to the same table. That trade-off is why this is information, not a warning.

Decision: any gateway counts, not only BGP ones — Azure's propagation setting also governs the static routes a VPN gateway publishes for its local network gateways. A table whose setting cannot be resolved is not reported.`,
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<RouteTable>();
    for (const site of aseSites(model)) {
      if (!isV1V2(site.version)) continue;
      const table = site.routeTable;
      if (table === undefined || isUnknown(table) || isUnknown(table.condition) || seen.has(table)) continue;
      const off = table.disableBgpRoutePropagation;
      if (off === true || isUnknown(off)) continue;
      const gateway = vnetGateways(model, site.subnet.vnet)[0];
      if (!gateway) continue;
      seen.add(table);
      const finding: Finding = {
        message:
          `Route table ${displayName(table.name)} on the subnet of ASE ${displayName(site.ase.name)} passes on the routes learned by ${gateway.label}: ` +
          `what on-premises advertises decides where the ASE's traffic goes, and a default or broad route there force-tunnels the ASE`,
        at: table.disableBgpRoutePropagationRef ?? table.ref,
        related: [...site.related, { message: gateway.label, at: gateway.resource.ref }],
      };
      if (table.ref.path) {
        finding.fix = {
          title: `Stop gateway route propagation on route table ${displayName(table.name)}`,
          changes: [{ op: 'setProperty', at: table.ref, path: ['properties', 'disableBgpRoutePropagation'], value: true }],
        };
      }
      out.push(finding);
    }
    return out;
  },
};
