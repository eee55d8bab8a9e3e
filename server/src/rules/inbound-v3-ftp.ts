import { rowById } from '../knowledge/ports';
import { subnetEndpoint } from './support/aseSite';
import { requirementRule } from './support/requirements';

const ftp = rowById('inbound-v3-ftp');

/**
 * An ASEv3 with FTP enabled in its `configurations/networking` child: the load balancer
 * must reach TCP 21 on the subnet. Without the setting (or with it only where the resource
 * provider ignores it, ASE410), FTP is off and nothing is required.
 */
export const inboundV3Ftp = requirementRule(
  {
    code: 'ASE107',
    name: 'inbound-v3-ftp',
    title: 'An ASEv3 with FTP enabled must accept TCP 21 from the Azure load balancer.',
    severity: 'error',
    appliesTo: ['v3'],
    reads: ['ase.kind', 'ase.subnet', 'ase.networking', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  },
  (site) =>
    site.ase.networking?.ftpEnabled?.value === true
      ? [
          {
            flows: [
              {
                direction: 'Inbound',
                protocol: ftp.protocol,
                source: { tag: ftp.source },
                destination: subnetEndpoint(site),
                destinationPorts: ftp.ports,
              },
            ],
            what: `${ftp.protocol.toUpperCase()} ${ftp.ports} from ${ftp.source}`,
            consequence: 'FTP is enabled on the ASE (ftpEnabled), and FTP and FTPS publishing to its apps fail on every FTP port',
            fixTitle: `Allow ${ftp.source} inbound on port ${ftp.ports}`,
            allow: {
              name: 'AllowAzureLoadBalancerFtp',
              direction: 'Inbound',
              protocol: ftp.protocol,
              source: ftp.source,
              destination: '*',
              ports: [ftp.ports],
            },
          },
        ]
      : [],
);
