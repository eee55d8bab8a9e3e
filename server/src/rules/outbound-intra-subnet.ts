import { subnetEndpoint } from './context';
import { requirementRule } from './flow';

export const outboundIntraSubnet = requirementRule(
  {
    code: 'ASE203',
    name: 'outbound-intra-subnet',
    title: 'The ASE subnet must be allowed to send all traffic to itself.',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    docs: `Traffic between the roles of an ASEv1/v2 passes the subnet's NSG twice: outbound from the sender and inbound to the receiver. Outbound from the subnet to the subnet, every port and protocol, must be allowed (Azure's default \`AllowVnetOutBound\` does it unless a deny rule comes first).

The quick fix inserts an allow rule from \`VirtualNetwork\` to \`VirtualNetwork\` on every port ahead of the blocking rule.`,
  },
  (site) => [
    {
      flows: [
        {
          direction: 'Outbound',
          protocol: '*',
          source: subnetEndpoint(site),
          destination: subnetEndpoint(site),
          destinationPorts: '*',
        },
      ],
      what: 'traffic from the ASE subnet to itself',
      consequence: "the ASE's own roles cannot reach each other and the ASE stops working",
      fixTitle: 'Allow traffic inside the ASE subnet outbound',
      allow: {
        name: 'AllowAseSubnetOutbound',
        direction: 'Outbound',
        protocol: '*',
        source: 'VirtualNetwork',
        destination: 'VirtualNetwork',
        ports: ['*'],
      },
    },
  ],
);
