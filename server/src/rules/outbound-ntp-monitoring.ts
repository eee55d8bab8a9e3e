import { rowById } from '../knowledge/ports';
import { subnetEndpoint } from './support/aseSite';
import { requirementRule } from './support/requirements';

const ntp = rowById('outbound-ntp');
const monitoring = rowById('outbound-monitoring');

export const outboundNtpMonitoring = requirementRule(
  {
    code: 'ASE206',
    name: 'outbound-ntp-monitoring',
    title: 'The ASE subnet should reach NTP (UDP 123) and monitoring (TCP 12000).',
    severity: 'warning',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  },
  (site) => [
    {
      flows: [
        {
          direction: 'Outbound',
          protocol: ntp.protocol,
          source: subnetEndpoint(site),
          destination: { tag: 'Internet' },
          destinationPorts: ntp.ports,
        },
      ],
      what: `${ntp.protocol.toUpperCase()} ${ntp.ports} (NTP)`,
      consequence: "the ASE's clocks drift and token and certificate checks start to fail",
      fixTitle: 'Allow outbound NTP',
      allow: { name: 'AllowNtpOutbound', direction: 'Outbound', protocol: ntp.protocol, source: '*', destination: 'Internet', ports: [ntp.ports] },
    },
    {
      flows: [
        {
          direction: 'Outbound',
          protocol: monitoring.protocol,
          source: subnetEndpoint(site),
          destination: { tag: 'Internet' },
          destinationPorts: monitoring.ports,
        },
      ],
      what: `${monitoring.protocol.toUpperCase()} ${monitoring.ports} (monitoring)`,
      consequence: 'Azure loses health data from the ASE',
      fixTitle: 'Allow outbound monitoring',
      allow: { name: 'AllowMonitoringOutbound', direction: 'Outbound', protocol: monitoring.protocol, source: '*', destination: 'Internet', ports: [monitoring.ports] },
    },
  ],
);
