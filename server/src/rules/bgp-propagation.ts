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
  reads: ['ase.kind', 'ase.subnet', 'subnet.routeTable', 'routeTable.propagation', 'gateways'],
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
