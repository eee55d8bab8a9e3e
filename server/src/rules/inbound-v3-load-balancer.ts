import { rowById } from '../knowledge/ports';
import { subnetEndpoint } from './support/aseSite';
import { requirementRule } from './support/requirements';

const probe = rowById('inbound-v3-load-balancer');

export const inboundV3LoadBalancer = requirementRule(
  {
    code: 'ASE106',
    name: 'inbound-v3-load-balancer',
    title: 'An ASEv3 subnet must accept TCP 80 from the Azure load balancer.',
    severity: 'error',
    appliesTo: ['v3'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  },
  (site) => [
    {
      flows: [
        {
          direction: 'Inbound',
          protocol: probe.protocol,
          source: { tag: probe.source },
          destination: subnetEndpoint(site),
          destinationPorts: probe.ports,
        },
      ],
      what: `${probe.protocol.toUpperCase()} ${probe.ports} from ${probe.source}`,
      consequence: 'health probes fail and the ASE stops receiving traffic',
      fixTitle: `Allow ${probe.source} inbound on port ${probe.ports}`,
      allow: {
        name: 'AllowAzureLoadBalancerInbound',
        direction: 'Inbound',
        protocol: probe.protocol,
        source: probe.source,
        destination: '*',
        ports: [probe.ports],
      },
    },
  ],
);
