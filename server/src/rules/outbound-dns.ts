import { rowById } from '../knowledge/ports';
import { subnetEndpoint, type AseSite } from './support/aseSite';
import { requirementRule } from './support/requirements';
import type { Flow } from '../core/flow';

const dns = rowById('outbound-dns');

function dnsFlow(site: AseSite, protocol: 'Udp' | 'Tcp'): Flow {
  return {
    direction: 'Outbound',
    protocol,
    source: subnetEndpoint(site),
    destination: { tag: dns.destination },
    destinationPorts: dns.ports,
  };
}

export const outboundDns = requirementRule(
  {
    code: 'ASE205',
    name: 'outbound-dns',
    title: 'The ASE subnet must reach DNS on port 53, UDP and TCP.',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  },
  (site) => [
    {
      flows: [dnsFlow(site, 'Udp'), dnsFlow(site, 'Tcp')],
      what: `port ${dns.ports} (DNS) to ${dns.destination}`,
      consequence: 'the ASE cannot resolve its dependencies and stops working',
      fixTitle: 'Allow outbound DNS',
      // One rule cannot name TCP and UDP alone: it names every protocol, on port 53 only.
      opens: [{ ...dnsFlow(site, 'Udp'), protocol: '*' }],
      allow: { name: 'AllowDnsOutbound', direction: 'Outbound', protocol: dns.protocol, source: '*', destination: dns.destination, ports: [dns.ports] },
    },
  ],
);
