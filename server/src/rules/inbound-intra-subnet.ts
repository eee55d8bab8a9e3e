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
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'nsg.rules', 'routeTable.routes'],
    docs: `The roles inside an ASEv1/v2 (front ends, workers, file servers) talk to each other across the subnet on many ports, and those ports change. Inbound traffic from the subnet to the subnet, every port and protocol, must pass the subnet's NSG; Azure's default \`AllowVnetInBound\` rule does this unless a deny rule comes first.

The quick fix inserts an allow rule from the subnet's prefix to the subnet's prefix, every port and protocol, ahead of the blocking rule. It writes the prefix as the template does (the parameter, the variable or the Bicep symbol the subnet's \`addressPrefix\` uses, or the literal), never a tag: \`VirtualNetwork\` can hold far more than the subnet (with a \`0.0.0.0/0\` route on the subnet, Azure folds every address into it). When the prefix's expression cannot be used where the NSG is written (it is computed in another file or scope), no fix is offered.`,
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
