import { portsOf, rowById, type PortTableRow } from '../knowledge/ports';
import { subnetEndpoint, type AseSite } from './support/aseSite';
import { requirementRule, type Requirement } from './support/requirements';

/** TCP 1433: required. */
const sql = rowById('outbound-sql');
/** The redirect ranges: the original tables required them, the current ASEv2 page does not. */
const redirect = rowById('outbound-sql-redirect');

function toSql(site: AseSite, row: PortTableRow, name: string): Omit<Requirement, 'what' | 'consequence' | 'fixTitle'> {
  const ports = portsOf(row, site.version);
  return {
    flows: [
      {
        direction: 'Outbound',
        protocol: row.protocol,
        source: subnetEndpoint(site),
        destination: { tag: row.destination },
        destinationPorts: ports.join(','),
      },
    ],
    allow: { name, direction: 'Outbound', protocol: row.protocol, source: '*', destination: row.destination, ports },
  };
}

export const outboundSql = requirementRule(
  {
    code: 'ASE202',
    name: 'outbound-sql',
    title: 'The ASE subnet must reach Azure SQL on TCP 1433 (and should on its redirect ports).',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  },
  (site) => [
    {
      ...toSql(site, sql, 'AllowSqlOutbound'),
      what: `${sql.protocol.toUpperCase()} ${portsOf(sql, site.version).join(', ')} to ${sql.destination}`,
      consequence: 'the ASE loses its configuration database, stops working and is suspended',
      fixTitle: `Allow outbound to ${sql.destination}`,
    },
    {
      ...toSql(site, redirect, 'AllowSqlRedirectOutbound'),
      what: `${redirect.protocol.toUpperCase()} ${portsOf(redirect, site.version).join(', ')} (the redirect ports) to ${redirect.destination}`,
      consequence: 'connections Azure SQL redirects to those ports cannot follow the redirect; the ASE still reaches its databases through 1433',
      fixTitle: `Allow the ${redirect.destination} redirect ports outbound`,
      severity: 'information',
    },
  ],
);
