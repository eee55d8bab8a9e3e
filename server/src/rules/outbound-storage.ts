import { portsOf, rowById } from '../knowledge/ports';
import { subnetEndpoint } from './support/aseSite';
import { requirementRule } from './support/requirements';

const storage = rowById('outbound-storage');

export const outboundStorage = requirementRule(
  {
    code: 'ASE201',
    name: 'outbound-storage',
    title: 'The ASE subnet must reach Azure Storage on TCP 80 and 443 (and 445 on ASEv1).',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  },
  (site) => {
    const ports = portsOf(storage, site.version);
    return [
      {
        flows: [
          {
            direction: 'Outbound',
            protocol: storage.protocol,
            source: subnetEndpoint(site),
            destination: { tag: storage.destination },
            destinationPorts: ports.join(','),
          },
        ],
        what: `${storage.protocol.toUpperCase()} ${ports.join(', ')} to ${storage.destination}`,
        consequence: 'the ASE cannot reach its storage, stops working and is suspended',
        fixTitle: `Allow outbound to ${storage.destination}`,
        allow: { name: 'AllowStorageOutbound', direction: 'Outbound', protocol: storage.protocol, source: '*', destination: storage.destination, ports },
      },
    ];
  },
);
