import { portsOf, rowById } from '../knowledge/ports';
import { displayName, subnetEndpoint } from './support/aseSite';
import { requirementRule, requirementStatus } from './support/requirements';
import { servesAppsPublicly } from './support/apps';
import { ipBasedSslApps } from './support/apps';

/** The apps' HTTPS port (the second of their row), and the app-assigned addresses' row: every port. */
const [, httpsPort] = portsOf(rowById('app-http'));
const assigned = rowById('inbound-app-assigned');

export const inboundAppAssignedIp = requirementRule(
  {
    code: 'ASE105',
    name: 'inbound-app-assigned-ip',
    title: 'An External ASE subnet must accept every TCP port from the clients of apps that have their own IP-based SSL address.',
    severity: 'warning',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'ase.ilbMode', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'nsg.rules', 'routeTable.routes', 'plans', 'sites'],
    docs: `An app on an External ASEv1/v2 with an IP-based SSL binding gets an address of its own. The ASE maps two ports of its subnet to that address, one for HTTP and one for HTTPS, and the port numbers are chosen at deployment (they appear in the portal's IP addresses page afterwards). Clients reach those ports through Azure's load balancer, which keeps their source address, so the subnet's NSG has to let them in on every TCP port — opening only 80 and 443 leaves the app unreachable on its own address.

Decision: the documents ask for all ports "from the VIP" (the load balancer) and from the app-assigned addresses. The load-balancer half is ASE102's: for an External ASE with such an app it already demands every port from \`AzureLoadBalancer\`. This rule checks the other half as Azure routes it: TCP on every port from \`Internet\`, the clients of the app. It speaks only when the NSG admits all of the internet on TCP 443 (the apps are meant to be public); when 443 itself is restricted, which clients should reach the mapped ports is the NSG author's choice and the rule stays silent (ASE104 notes the restriction). ILB ASEs cannot use app-assigned addresses (ASE503).

The quick fix inserts an allow rule shaped like ASE102's — destination \`*\`, every port — with source \`Internet\` and protocol TCP, ahead of the rule that blocks the ports.`,
  },
  (site, model) => {
    if (!servesAppsPublicly(site.ase)) return [];
    // Only apps certainly deployed, on a plan certainly deployed, with a binding certainly made.
    const app = ipBasedSslApps(model, site.ase)[0];
    if (!app) return [];
    const publicHttps = requirementStatus(site, {
      flows: [{ direction: 'Inbound', protocol: 'Tcp', source: { tag: 'Internet' }, destination: subnetEndpoint(site), destinationPorts: httpsPort }],
      what: `TCP ${httpsPort} from Internet`,
      consequence: '',
    });
    if (publicHttps.status !== 'allowed') return [];
    return [
      {
        flows: [{ direction: 'Inbound', protocol: 'Tcp', source: { tag: 'Internet' }, destination: subnetEndpoint(site), destinationPorts: assigned.ports }],
        what: 'TCP on every port from Internet',
        consequence: `app ${displayName(app.name)} has its own IP-based SSL address, and the two ports the ASE maps to it are chosen at deployment, so clients cannot reach the app on that address`,
        fixTitle: 'Allow Internet inbound on every TCP port',
        allow: {
          name: 'AllowAppAssignedAddressesInbound',
          direction: 'Inbound',
          protocol: 'Tcp',
          source: 'Internet',
          destination: '*',
          ports: [assigned.ports],
        },
      },
    ];
  },
);
