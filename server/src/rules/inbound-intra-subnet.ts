import { rowById } from '../knowledge/ports';
import { subnetEndpoint, subnetPrefixesAsWritten } from './support/aseSite';
import { requirementRule, type Requirement } from './support/requirements';

const intraSubnet = rowById('inbound-intra-subnet');

export const inboundIntraSubnet = requirementRule(
  {
    code: 'ASE103',
    name: 'inbound-intra-subnet',
    title: 'The ASE subnet must accept all traffic from itself.',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  },
  (site) => {
    const subnet = subnetPrefixesAsWritten(site);
    const requirement: Requirement = {
      flows: [
        {
          direction: 'Inbound',
          protocol: intraSubnet.protocol,
          source: subnetEndpoint(site),
          destination: subnetEndpoint(site),
          destinationPorts: intraSubnet.ports,
        },
      ],
      what: 'traffic from the ASE subnet to itself',
      consequence: "the ASE's own roles cannot reach each other and the ASE stops working",
    };
    // The subnet's own prefix, written as the template writes it: never a tag, which can hold
    // far more than the subnet (with a 0.0.0.0/0 route, `VirtualNetwork` holds everything).
    if (subnet) {
      requirement.fixTitle = 'Allow traffic inside the ASE subnet inbound';
      requirement.allow = { name: 'AllowAseSubnetInbound', direction: 'Inbound', protocol: intraSubnet.protocol, source: subnet, destination: subnet, ports: [intraSubnet.ports] };
    }
    return [requirement];
  },
);
