import { rowById } from '../knowledge/ports';
import { subnetEndpoint } from './support/aseSite';
import { requirementRule } from './support/requirements';

const management = rowById('inbound-management');

export const inboundManagement = requirementRule(
  {
    code: 'ASE101',
    name: 'inbound-management',
    title: 'The ASE subnet must accept TCP 454-455 from the App Service management addresses.',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'nsg.rules', 'routeTable.routes'],
    docs: `Azure manages an ASEv1/v2 through TCP ports 454 and 455 of its subnet, from every address behind the \`AppServiceManagement\` service tag. When the subnet's network security group denies that traffic (a deny-all rule ahead of any allow, or an allow for only some of the addresses), Azure can no longer scale, patch or monitor the ASE, and suspends it after a while.

The quick fix inserts an allow rule (TCP, source \`AppServiceManagement\`, ports \`454-455\`) at a free priority ahead of the rule that blocks the traffic. ASEv3 has no management ports and is not checked.`,
  },
  (site) => [
    {
      flows: [
        {
          direction: 'Inbound',
          protocol: management.protocol,
          source: { tag: management.source },
          destination: subnetEndpoint(site),
          destinationPorts: management.ports,
        },
      ],
      what: `${management.protocol.toUpperCase()} ${management.ports} from ${management.source}`,
      consequence: 'Azure cannot manage the ASE and suspends it',
      fixTitle: `Allow ${management.source} inbound on ${management.ports}`,
      allow: {
        name: 'AllowAppServiceManagementInbound',
        direction: 'Inbound',
        protocol: management.protocol,
        source: management.source,
        destination: '*',
        ports: [management.ports],
      },
    },
  ],
);
