import { rowById } from '../knowledge/ports';
import { subnetEndpoint, subnetPrefixesAsWritten } from './support/aseSite';
import { requirementRule, type Requirement } from './support/requirements';

const intraSubnet = rowById('outbound-intra-subnet');

export const outboundIntraSubnet = requirementRule(
  {
    code: 'ASE203',
    name: 'outbound-intra-subnet',
    title: 'The ASE subnet must be allowed to send all traffic to itself.',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  },
  (site) => {
    const subnet = subnetPrefixesAsWritten(site);
    const requirement: Requirement = {
      flows: [
        {
          direction: 'Outbound',
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
      requirement.fixTitle = 'Allow traffic inside the ASE subnet outbound';
      requirement.allow = { name: 'AllowAseSubnetOutbound', direction: 'Outbound', protocol: intraSubnet.protocol, source: subnet, destination: subnet, ports: [intraSubnet.ports] };
    }
    return [requirement];
  },
);
