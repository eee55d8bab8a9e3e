import { rowById } from '../knowledge/ports';
import { subnetEndpoint } from './support/aseSite';
import { requirementRule } from './support/requirements';

/** UDP 53: the current ASEv2 networking page requires UDP only; TCP 53 is never reported. */
const dns = rowById('outbound-dns');

export const outboundDns = requirementRule(
  {
    code: 'ASE205',
    name: 'outbound-dns',
    title: 'The ASE subnet must reach DNS on UDP port 53.',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  },
  (site) => [
    {
      flows: [
        {
          direction: 'Outbound',
          protocol: dns.protocol,
          source: subnetEndpoint(site),
          destination: { tag: dns.destination },
          destinationPorts: dns.ports,
        },
      ],
      what: `${dns.protocol.toUpperCase()} ${dns.ports} (DNS) to ${dns.destination}`,
      consequence: 'the ASE cannot resolve its dependencies and stops working',
      fixTitle: 'Allow outbound DNS',
      allow: { name: 'AllowDnsOutbound', direction: 'Outbound', protocol: dns.protocol, source: '*', destination: dns.destination, ports: [dns.ports] },
    },
  ],
);
