import { subnetEndpoint } from './context';
import { requirementRule } from './flow';

export const inboundIntraSubnet = requirementRule(
  {
    code: 'ASE103',
    name: 'inbound-intra-subnet',
    title: 'The ASE subnet must accept all traffic from itself.',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    docs: `The roles inside an ASEv1/v2 (front ends, workers, file servers) talk to each other across the subnet on many ports, and those ports change. Inbound traffic from the subnet to the subnet, every port and protocol, must pass the subnet's NSG; Azure's default \`AllowVnetInBound\` rule does this unless a deny rule comes first.

The quick fix inserts an allow rule from \`VirtualNetwork\` to \`VirtualNetwork\` on every port, ahead of the blocking rule.`,
  },
  (site) => [
    {
      flows: [
        {
          direction: 'Inbound',
          protocol: '*',
          source: subnetEndpoint(site),
          destination: subnetEndpoint(site),
          destinationPorts: '*',
        },
      ],
      what: 'traffic from the ASE subnet to itself',
      consequence: "the ASE's own roles cannot reach each other and the ASE stops working",
      fixTitle: 'Allow traffic inside the ASE subnet inbound',
      allow: {
        name: 'AllowAseSubnetInbound',
        direction: 'Inbound',
        protocol: '*',
        source: 'VirtualNetwork',
        destination: 'VirtualNetwork',
        ports: ['*'],
      },
    },
  ],
);
