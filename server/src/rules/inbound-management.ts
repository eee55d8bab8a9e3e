import { subnetEndpoint } from './support/aseSite';
import { requirementRule } from './support/requirements';

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
          protocol: 'Tcp',
          source: { tag: 'AppServiceManagement' },
          destination: subnetEndpoint(site),
          destinationPorts: '454-455',
        },
      ],
      what: 'TCP 454-455 from AppServiceManagement',
      consequence: 'Azure cannot manage the ASE and suspends it',
      fixTitle: 'Allow AppServiceManagement inbound on 454-455',
      allow: {
        name: 'AllowAppServiceManagementInbound',
        direction: 'Inbound',
        protocol: 'Tcp',
        source: 'AppServiceManagement',
        destination: '*',
        ports: ['454-455'],
      },
    },
  ],
);
