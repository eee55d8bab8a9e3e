import { rowById } from '../knowledge/ports';
import { subnetEndpoint } from './support/aseSite';
import { requirementRule } from './support/requirements';

/** Azure management, Azure AD, App Service management and revocation checks share this row's port and destination. */
const https = rowById('outbound-management');

export const outboundHttps = requirementRule(
  {
    code: 'ASE204',
    name: 'outbound-https',
    title: 'The ASE subnet must reach the internet on TCP 443.',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  },
  (site) => [
    {
      flows: [
        {
          direction: 'Outbound',
          protocol: https.protocol,
          source: subnetEndpoint(site),
          destination: { tag: https.destination },
          destinationPorts: https.ports,
        },
      ],
      what: `${https.protocol.toUpperCase()} ${https.ports} to ${https.destination}`,
      consequence: 'the ASE cannot reach Azure management, Azure AD or certificate checks and stops working',
      fixTitle: `Allow outbound HTTPS to ${https.destination}`,
      allow: { name: 'AllowHttpsOutbound', direction: 'Outbound', protocol: https.protocol, source: '*', destination: https.destination, ports: [https.ports] },
    },
  ],
);
