import { resourceKeyFromId } from '../eval/resourceId';
import type { NetworkModel, ResourceBase, VirtualNetwork } from '../model/types';
import { asBoolean, getPath, getProp, isUnknown } from '../model/value';
import { displayName, gatewayIntegrations } from './context';
import type { Finding, Rule } from './types';

const PEERING_TYPE = 'microsoft.network/virtualnetworks/virtualnetworkpeerings';

interface Peering {
  resource: ResourceBase;
  owner: VirtualNetwork;
  /** The remote VNet's resource key, when its id resolves. */
  remoteKey: string | undefined;
}

export const peeringForGatewayIntegration: Rule = {
  code: 'ASE709',
  name: 'peering-for-gateway-integration',
  title: "A peering that carries gateway-required VNet Integration must forward traffic and share the integration VNet's gateway.",
  severity: 'warning',
  appliesTo: 'any',
  docs: `With gateway-required VNet Integration the app reaches the VNet through that VNet's VPN gateway. To reach a VNet peered with it as well, both peerings have to pass the app's traffic on: the peering on the integration VNet needs \`allowForwardedTraffic\` and \`allowGatewayTransit\` (it shares its gateway), and the peering back from the other VNet needs \`allowForwardedTraffic\` and \`useRemoteGateways\` (it uses that gateway). Without them the app's calls to the peered VNet, which arrive from the point-to-site pool, are dropped. (Regional VNet Integration needs none of this.)

The warning is placed on the peering's name and lists the missing flags; the quick fix sets them to \`true\`.

Decision: the catalogue names \`useRemoteGateways\` for the remote side; the documents ask for forwarded traffic there too, and Azure drops forwarded traffic a peering does not allow, so both are checked. An absent flag is \`false\` (Azure's default); a flag that cannot be resolved is taken as set. Only \`virtualNetworkPeerings\` resources declared in the analysed files are read (a peering written inside the VNet's own \`virtualNetworkPeerings\` array is not). The route to the peered VNet's range, added on the App Service plan, cannot be seen in a template and is not checked.`,
  check(model) {
    const out: Finding[] = [];
    const peerings = allPeerings(model);
    const done = new Set<ResourceBase>();
    for (const g of gatewayIntegrations(model)) {
      const a = g.vnet;
      for (const p of peerings) {
        if (done.has(p.resource)) continue;
        let flags: string[];
        let side: string;
        if (p.owner === a) {
          flags = ['allowForwardedTraffic', 'allowGatewayTransit'];
          side = `on VNet ${displayName(a.name)}, whose gateway carries the gateway-required VNet Integration ${displayName(g.resource.name)},`;
        } else if (p.remoteKey === a.key) {
          flags = ['allowForwardedTraffic', 'useRemoteGateways'];
          side = `from VNet ${displayName(p.owner.name)} back to VNet ${displayName(a.name)}, whose gateway carries the gateway-required VNet Integration ${displayName(g.resource.name)},`;
        } else {
          continue;
        }
        const missing = flags.filter((f) => {
          const v = getProp(p.resource.properties, f);
          const b = v === undefined || v === null ? false : asBoolean(v);
          return b === false;
        });
        if (missing.length === 0) continue;
        done.add(p.resource);
        const finding: Finding = {
          message: `Peering ${displayName(p.resource.name)} ${side} does not set ${missing.join(' and ')}: the app's traffic from the point-to-site pool does not cross the peering`,
          at: p.resource.ref,
          related: [...g.related, { message: `Peering ${displayName(p.resource.name)}`, at: p.resource.ref }],
        };
        if (p.resource.ref.path) {
          finding.fix = {
            title: `Set ${missing.join(' and ')} on the peering`,
            changes: missing.map((f) => ({ target: p.resource.ref, path: ['properties', f], value: true })),
          };
        }
        out.push(finding);
      }
    }
    return out;
  },
};

function allPeerings(model: NetworkModel): Peering[] {
  const out: Peering[] = [];
  for (const r of model.resources) {
    if (r.type.toLowerCase() !== PEERING_TYPE || r.existing || isUnknown(r.condition) || typeof r.name !== 'string') continue;
    const ownerName = r.name.split('/')[0].toLowerCase();
    const owner = model.vnets.find((v) => typeof v.name === 'string' && v.name.toLowerCase() === ownerName && !isUnknown(v.condition));
    if (!owner) continue;
    const id = getPath(r.properties, 'remoteVirtualNetwork', 'id');
    out.push({ resource: r, owner, remoteKey: typeof id === 'string' ? resourceKeyFromId(id) : undefined });
  }
  return out;
}
