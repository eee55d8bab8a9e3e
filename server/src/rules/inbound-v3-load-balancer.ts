import { subnetEndpoint } from './support/aseSite';
import { requirementRule } from './support/requirements';

export const inboundV3LoadBalancer = requirementRule(
  {
    code: 'ASE106',
    name: 'inbound-v3-load-balancer',
    title: 'An ASEv3 subnet must accept TCP 80 from the Azure load balancer.',
    severity: 'error',
    appliesTo: ['v3'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'nsg.rules', 'routeTable.routes'],
    docs: `An ASEv3 needs a single inbound flow for itself: TCP 80 from \`AzureLoadBalancer\` to its subnet, the load balancer's health probe. When the NSG blocks it the load balancer treats the ASE as down.

The quick fix inserts an allow rule from \`AzureLoadBalancer\` on TCP 80 ahead of the blocking rule.`,
  },
  (site) => [
    {
      flows: [
        {
          direction: 'Inbound',
          protocol: 'Tcp',
          source: { tag: 'AzureLoadBalancer' },
          destination: subnetEndpoint(site),
          destinationPorts: '80',
        },
      ],
      what: 'TCP 80 from AzureLoadBalancer',
      consequence: 'health probes fail and the ASE stops receiving traffic',
      fixTitle: 'Allow AzureLoadBalancer inbound on port 80',
      allow: {
        name: 'AllowAzureLoadBalancerInbound',
        direction: 'Inbound',
        protocol: 'Tcp',
        source: 'AzureLoadBalancer',
        destination: '*',
        ports: ['80'],
      },
    },
  ],
);
