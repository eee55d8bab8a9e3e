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
    reads: ['ase.kind', 'ase.subnet', 'ase.ilbMode', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes', 'plans', 'sites'],
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
