import { portTable, portsOf } from '../knowledge/ports';
import { subnetEndpoint, type AseSite } from './support/aseSite';
import { requirementRule } from './support/requirements';

/**
 * Azure management, Azure AD, App Service management, revocation checks and updates:
 * every row of the table this rule reports, all TCP to Internet. Their ports together
 * are what the current ASEv2 networking page asks for: 80 and 443.
 */
const rows = portTable.filter((r) => r.rule === 'ASE204');
const { protocol, destination } = rows[0];
if (rows.some((r) => r.protocol !== protocol || r.destination !== destination)) throw new Error('ASE204 rows must share protocol and destination');

/** The ports by ASE version, gathered once per version (the table does not change); a copy for each caller. */
const portsByVersion = new Map<AseSite['version'], readonly string[]>();

function portsFor(site: AseSite): string[] {
  let ports = portsByVersion.get(site.version);
  if (!ports) {
    const all = new Set(rows.filter((r) => r.versions.includes(site.version)).flatMap((r) => portsOf(r, site.version)));
    portsByVersion.set(site.version, (ports = [...all].sort((a, b) => parseInt(a, 10) - parseInt(b, 10))));
  }
  return [...ports];
}

export const outboundHttps = requirementRule(
  {
    code: 'ASE204',
    name: 'outbound-https',
    title: 'The ASE subnet must reach the internet on TCP 80 and 443.',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  },
  (site) => {
    const ports = portsFor(site);
    return [
      {
        flows: [
          {
            direction: 'Outbound',
            protocol,
            source: subnetEndpoint(site),
            destination: { tag: destination },
            destinationPorts: ports.join(','),
          },
        ],
        what: `${protocol.toUpperCase()} ${ports.join(', ')} to ${destination}`,
        consequence: 'the ASE cannot reach Azure management, Azure AD, certificate revocation checks or its updates, and stops working',
        fixTitle: `Allow outbound HTTP and HTTPS to ${destination}`,
        allow: { name: 'AllowWebOutbound', direction: 'Outbound', protocol, source: '*', destination, ports },
      },
    ];
  },
);
