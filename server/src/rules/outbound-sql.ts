import { portsOf, rowById } from '../knowledge/ports';
import { subnetEndpoint } from './support/aseSite';
import { requirementRule } from './support/requirements';

const sql = rowById('outbound-sql');
const ports = portsOf(sql);

export const outboundSql = requirementRule(
  {
    code: 'ASE202',
    name: 'outbound-sql',
    title: 'The ASE subnet must reach Azure SQL on TCP 1433, 11000-11999 and 14000-14999.',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  },
  (site) => [
    {
      flows: [
        {
          direction: 'Outbound',
          protocol: sql.protocol,
          source: subnetEndpoint(site),
          destination: { tag: sql.destination },
          destinationPorts: ports.join(','),
        },
      ],
      what: `${sql.protocol.toUpperCase()} ${ports.join(', ')} to ${sql.destination}`,
      consequence: 'the ASE loses its configuration database, stops working and is suspended',
      fixTitle: `Allow outbound to ${sql.destination}`,
      allow: { name: 'AllowSqlOutbound', direction: 'Outbound', protocol: sql.protocol, source: '*', destination: sql.destination, ports },
    },
  ],
);
