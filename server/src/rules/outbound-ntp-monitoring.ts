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
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'nsg.rules', 'routeTable.routes'],
    docs: `A later revision of the ASEv2 networking guidance adds two outbound flows: UDP 123 for time synchronisation and TCP 12000 for platform monitoring, to any address.

Decision: the documents say "all addresses", but the servers behind both are public, so the check asks for them towards \`Internet\`; asking for every address would flag every NSG that keeps Azure's default \`DenyAllOutBound\` for private ranges outside the VNet. The quick fix inserts an allow rule to \`Internet\`, what the check asks for, ahead of the blocking rule.`,
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
