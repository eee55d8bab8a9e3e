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
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
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
