import { subnetEndpoint } from './support/aseSite';
import { requirementRule } from './support/requirements';

const ports = ['1433', '11000-11999', '14000-14999'];

export const outboundSql = requirementRule(
  {
    code: 'ASE202',
    name: 'outbound-sql',
    title: 'The ASE subnet must reach Azure SQL on TCP 1433, 11000-11999 and 14000-14999.',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'nsg.rules', 'routeTable.routes'],
    docs: `An ASEv1/v2 keeps its configuration in Azure SQL Database. It connects on TCP 1433 and is then redirected to ports in 11000-11999 and 14000-14999, so all three ranges must be allowed to \`Sql\` (or a tag that contains it). Without them the ASE stops working and is suspended.

The quick fix inserts an allow rule to \`Sql\` with the three ranges ahead of the blocking rule.`,
  },
  (site) => [
    {
      flows: [
        {
          direction: 'Outbound',
          protocol: 'Tcp',
          source: subnetEndpoint(site),
          destination: { tag: 'Sql' },
          destinationPorts: ports.join(','),
        },
      ],
      what: 'TCP 1433, 11000-11999, 14000-14999 to Sql',
      consequence: 'the ASE loses its configuration database, stops working and is suspended',
      fixTitle: 'Allow outbound to Sql',
      allow: { name: 'AllowSqlOutbound', direction: 'Outbound', protocol: 'Tcp', source: '*', destination: 'Sql', ports },
    },
  ],
);
