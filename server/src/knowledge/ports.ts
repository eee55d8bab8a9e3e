import type { AseVersion } from '../model/types';
import { parsePortRanges, type PortRange } from '../ip/ports';

/**
 * The documented ASE port tables, as data. Rules, hovers and the "Explain ASE
 * dependency" command all read them from here, so a port is written down once.
 *
 * `source` and `destination` are either a service tag, `*`, or one of the placeholders
 * `subnet` (the ASE subnet's own prefix), `app-assigned` (addresses given to apps for
 * IP-based SSL) and `user` (whoever the apps serve: user configurable).
 */
export interface PortTableRow {
  id: string;
  table: 'app-access' | 'inbound' | 'outbound';
  title: string;
  direction: 'Inbound' | 'Outbound';
  protocol: 'Tcp' | 'Udp' | '*';
  source: string;
  destination: string;
  /** Ports as an NSG writes them: `454-455`, `80,443`, `*`. */
  ports: string;
  versions: AseVersion[];
  /**
   * Where the versions need different ports: the ports of each such version (`ports` is
   * the row as the documents list it, for every version of the row).
   */
  versionPorts?: Partial<Record<AseVersion, string>>;
  /**
   * The ports that must be open at the least, when the documented NSG rule (`ports`)
   * opens more than the ASE strictly needs.
   */
  minimumPorts?: string;
  purpose: string;
  ifBlocked: string;
  /** The rule that reports this row being blocked, when there is one. */
  rule?: string;
}

const v1v2: AseVersion[] = ['v1', 'v2'];
const all: AseVersion[] = ['v1', 'v2', 'v3'];

export const portTable: readonly PortTableRow[] = [
  {
    id: 'app-http',
    table: 'app-access',
    title: 'HTTP and HTTPS to the apps',
    direction: 'Inbound',
    protocol: 'Tcp',
    source: 'user',
    destination: 'subnet',
    ports: '80,443',
    versions: all,
    purpose: 'App traffic: on the public VIP for an External ASE, on the internal load balancer for an ILB ASE.',
    ifBlocked:
      'Clients cannot reach the apps. Closing 443 also stops portal features that go through the SCM (Kudu) site: WebJobs, Functions, log streaming, the console.',
    rule: 'ASE104',
  },
  {
    id: 'app-ftp',
    table: 'app-access',
    title: 'FTP and FTPS publishing',
    direction: 'Inbound',
    protocol: 'Tcp',
    source: 'user',
    destination: 'subnet',
    ports: '21,990,10001-10020',
    versions: all,
    purpose: 'Publishing content with FTP/FTPS (control and passive data ports). On ASEv3, FTP is off until `ftpEnabled` is set in its `configurations/networking` child.',
    ifBlocked: 'FTP deployment to the apps fails; the apps keep running.',
  },
  {
    id: 'app-remote-debugging',
    table: 'app-access',
    title: 'Visual Studio remote debugging',
    direction: 'Inbound',
    protocol: 'Tcp',
    source: 'user',
    destination: 'subnet',
    ports: '4016,4018,4020,4022,4024,4026',
    versions: all,
    versionPorts: { v1: '4016,4018,4020,4022', v2: '4020,4022,4024', v3: '4022,4024,4026' },
    purpose:
      'Attaching the Visual Studio debugger. Each Visual Studio version listens on its own port: ASEv2 takes 4020, 4022 and 4024 (the original table, kept for ASEv1, listed 4016-4022), ASEv3 4022, 4024 and 4026.',
    ifBlocked: 'Remote debugging cannot attach; the apps keep running.',
  },
  {
    id: 'app-web-deploy',
    table: 'app-access',
    title: 'Web Deploy',
    direction: 'Inbound',
    protocol: 'Tcp',
    source: 'user',
    destination: 'subnet',
    ports: '8172',
    versions: all,
    purpose: 'Publishing with Web Deploy (listed on the current ASEv2 and ASEv3 networking pages).',
    ifBlocked: 'Web Deploy publishing fails; the apps keep running.',
  },
  {
    id: 'inbound-management',
    table: 'inbound',
    title: 'Management',
    direction: 'Inbound',
    protocol: 'Tcp',
    source: 'AppServiceManagement',
    destination: 'subnet',
    ports: '454-455',
    versions: v1v2,
    purpose: 'Azure controls and monitors the ASE through these ports, from every App Service management address.',
    ifBlocked: 'Azure loses control of the ASE: scaling and updates stop, and an ASE left unmanageable long enough is suspended.',
    rule: 'ASE101',
  },
  {
    id: 'inbound-intra-subnet',
    table: 'inbound',
    title: 'Inside the ASE subnet (inbound)',
    direction: 'Inbound',
    protocol: '*',
    source: 'subnet',
    destination: 'subnet',
    ports: '*',
    versions: v1v2,
    purpose: "The ASE's own roles talk to each other on ports that change over time.",
    ifBlocked: 'The front ends, workers and other roles of the ASE cannot reach each other; the ASE stops working.',
    rule: 'ASE103',
  },
  {
    id: 'inbound-load-balancer',
    table: 'inbound',
    title: 'Azure load balancer',
    direction: 'Inbound',
    protocol: '*',
    source: 'AzureLoadBalancer',
    destination: 'subnet',
    ports: '*',
    versions: v1v2,
    minimumPorts: '454-455,16001',
    purpose:
      'Health probes from 168.63.129.16. At least 454, 455 and 16001 (keep-alive) must be open; an External ASE also needs the app ports it serves, and all ports when apps use IP-based SSL.',
    ifBlocked: 'The load balancer marks the ASE unhealthy: management and app traffic stop reaching it.',
    rule: 'ASE102',
  },
  {
    id: 'inbound-app-assigned',
    table: 'inbound',
    title: 'App-assigned IP addresses',
    direction: 'Inbound',
    protocol: '*',
    source: 'app-assigned',
    destination: 'subnet',
    ports: '*',
    versions: v1v2,
    purpose:
      'An External ASE app with IP-based SSL gets its own address; the ASE maps two ports to it (HTTP and HTTPS) that are not known in advance.',
    ifBlocked: 'Apps with their own IP address cannot be reached.',
    rule: 'ASE105',
  },
  {
    id: 'inbound-v3-load-balancer',
    table: 'inbound',
    title: 'Azure load balancer (ASEv3)',
    direction: 'Inbound',
    protocol: 'Tcp',
    source: 'AzureLoadBalancer',
    destination: 'subnet',
    ports: '80',
    versions: ['v3'],
    purpose: 'The one inbound port an ASEv3 needs: health probes on TCP 80 from the load balancer.',
    ifBlocked: 'The load balancer sees the ASE as down and stops sending it traffic.',
    rule: 'ASE106',
  },
  {
    id: 'inbound-v3-ftp',
    table: 'inbound',
    title: 'Azure load balancer to FTP (ASEv3 with FTP enabled)',
    direction: 'Inbound',
    protocol: 'Tcp',
    source: 'AzureLoadBalancer',
    destination: 'subnet',
    ports: '21',
    versions: ['v3'],
    purpose: 'When FTP is enabled on an ASEv3 (`ftpEnabled` in its `configurations/networking`), the load balancer checks the FTP service on TCP 21.',
    ifBlocked: 'FTP and FTPS publishing to the apps fail, on every FTP port, although the apps keep running.',
    rule: 'ASE107',
  },
  {
    id: 'inbound-v3-app-access',
    table: 'inbound',
    title: 'App access inside the VNet (ASEv3)',
    direction: 'Inbound',
    protocol: 'Tcp',
    source: 'VirtualNetwork',
    destination: 'subnet',
    ports: '80,443',
    versions: ['v3'],
    purpose: 'Recommended for ASEv3: HTTP and HTTPS from the virtual network to the apps.',
    ifBlocked: 'Clients inside the network cannot reach the apps; the ASE itself keeps working.',
  },
  {
    id: 'outbound-storage',
    table: 'outbound',
    title: 'Azure Storage',
    direction: 'Outbound',
    protocol: 'Tcp',
    source: 'subnet',
    destination: 'Storage',
    ports: '80,443,445',
    versions: v1v2,
    versionPorts: { v2: '80,443' },
    purpose: 'Blob, table, queue and file storage that the ASE keeps its content and state in (445 only for ASEv1).',
    ifBlocked: 'The ASE cannot read or write its own storage and stops working; left so, Azure suspends it.',
    rule: 'ASE201',
  },
  {
    id: 'outbound-sql',
    table: 'outbound',
    title: 'Azure SQL Database',
    direction: 'Outbound',
    protocol: 'Tcp',
    source: 'subnet',
    destination: 'Sql',
    ports: '1433',
    versions: v1v2,
    purpose: "The ASE's configuration databases, on TCP 1433: the one SQL port the current ASEv2 networking page lists as required.",
    ifBlocked: 'The ASE loses its configuration database and stops working; left so, Azure suspends it.',
    rule: 'ASE202',
  },
  {
    id: 'outbound-sql-redirect',
    table: 'outbound',
    title: 'Azure SQL Database redirect ports',
    direction: 'Outbound',
    protocol: 'Tcp',
    source: 'subnet',
    destination: 'Sql',
    ports: '11000-11999,14000-14999',
    versions: v1v2,
    purpose:
      "Ports Azure SQL may redirect a connection to after 1433. The original tables listed them as required; the current ASEv2 page does not, so a block here is reported as information.",
    ifBlocked: 'Connections that Azure SQL redirects stay on the gateway (slower) or fail, depending on the connection policy; the ASE keeps working through 1433.',
    rule: 'ASE202',
  },
  {
    id: 'outbound-management',
    table: 'outbound',
    title: 'Azure management',
    direction: 'Outbound',
    protocol: 'Tcp',
    source: 'subnet',
    destination: 'Internet',
    ports: '443',
    versions: v1v2,
    purpose: 'Calls to the Azure management endpoints.',
    ifBlocked: 'The ASE cannot talk to Azure Resource Manager and stops working.',
    rule: 'ASE204',
  },
  {
    id: 'outbound-certificates',
    table: 'outbound',
    title: 'Certificate revocation checks (OCSP/CRL)',
    direction: 'Outbound',
    protocol: 'Tcp',
    source: 'subnet',
    destination: 'Internet',
    ports: '80,443',
    versions: v1v2,
    purpose: 'Checking that TLS certificates are not revoked: revocation lists and OCSP answers are mostly served over HTTP, port 80.',
    ifBlocked: 'Certificate checks fail and TLS connections of the ASE fail with them.',
    rule: 'ASE204',
  },
  {
    id: 'outbound-aad',
    table: 'outbound',
    title: 'Azure Active Directory',
    direction: 'Outbound',
    protocol: 'Tcp',
    source: 'subnet',
    destination: 'Internet',
    ports: '443',
    versions: v1v2,
    purpose: 'Sign-in of the ASE to Azure AD.',
    ifBlocked: 'The ASE cannot authenticate and stops working.',
    rule: 'ASE204',
  },
  {
    id: 'outbound-app-service-management',
    table: 'outbound',
    title: 'App Service management',
    direction: 'Outbound',
    protocol: 'Tcp',
    source: 'subnet',
    destination: 'Internet',
    ports: '443',
    versions: v1v2,
    purpose: 'The App Service control plane.',
    ifBlocked: 'The ASE loses its control plane; left so, Azure suspends it.',
    rule: 'ASE204',
  },
  {
    id: 'outbound-updates',
    table: 'outbound',
    title: 'Updates and platform dependencies',
    direction: 'Outbound',
    protocol: 'Tcp',
    source: 'subnet',
    destination: 'Internet',
    ports: '80,443',
    versions: v1v2,
    purpose:
      'Windows updates of the ASE\u2019s machines and the packages Linux workers depend on. The current ASEv2 page asks for TCP 80 and 443 to all addresses; the public ones are what these dependencies use.',
    ifBlocked: 'The ASE\u2019s machines miss updates and Linux apps miss their dependencies; upgrades of the ASE can fail.',
    rule: 'ASE204',
  },
  {
    id: 'outbound-dns',
    table: 'outbound',
    title: 'Azure DNS',
    direction: 'Outbound',
    protocol: 'Udp',
    source: 'subnet',
    destination: 'Internet',
    ports: '53',
    versions: v1v2,
    purpose:
      'Name resolution through Azure DNS, which the ASE needs for its own management even when the VNet has custom DNS servers. UDP is what the current ASEv2 page requires; TCP 53 (the original tables asked for both) is not needed.',
    ifBlocked: 'The ASE cannot resolve its dependencies and stops working.',
    rule: 'ASE205',
  },
  {
    id: 'outbound-intra-subnet',
    table: 'outbound',
    title: 'Inside the ASE subnet (outbound)',
    direction: 'Outbound',
    protocol: '*',
    source: 'subnet',
    destination: 'subnet',
    ports: '*',
    versions: v1v2,
    purpose: "The ASE's own roles talk to each other on ports that change over time.",
    ifBlocked: 'The roles of the ASE cannot reach each other; the ASE stops working.',
    rule: 'ASE203',
  },
  {
    id: 'outbound-ntp',
    table: 'outbound',
    title: 'Time synchronisation (NTP)',
    direction: 'Outbound',
    protocol: 'Udp',
    source: 'subnet',
    destination: '*',
    ports: '123',
    versions: v1v2,
    purpose: 'Clock synchronisation (listed in a later revision of the ASEv2 networking page).',
    ifBlocked: 'Clocks drift; tokens and certificates start failing validation.',
    rule: 'ASE206',
  },
  {
    id: 'outbound-monitoring',
    table: 'outbound',
    title: 'Monitoring',
    direction: 'Outbound',
    protocol: 'Tcp',
    source: 'subnet',
    destination: '*',
    ports: '12000',
    versions: v1v2,
    purpose: 'Platform monitoring (listed in a later revision of the ASEv2 networking page).',
    ifBlocked: 'Azure loses health data from the ASE.',
    rule: 'ASE206',
  },
];

/** The row `id`: rules read their ports and service tags here, never as numbers of their own. */
export function rowById(id: string): PortTableRow {
  const row = portTable.find((r) => r.id === id);
  if (!row) throw new Error(`no port table row '${id}'`);
  return row;
}

/** The ports a row asks of an ASE of `version`, one entry per port or range: `['80', '443']`. */
export function portsOf(row: PortTableRow, version?: AseVersion): string[] {
  return ((version && row.versionPorts?.[version]) ?? row.ports).split(',');
}

function overlaps(a: PortRange[], b: PortRange[]): boolean {
  return a.some((x) => b.some((y) => x.from <= y.to && y.from <= x.to));
}

/**
 * Rows whose ports overlap `ports` (`80`, `454-455`, `80,443`, `*`) for an ASE of one of
 * `versions` (every version when none is given), with the ports those versions use; none
 * for invalid text.
 */
export function rowsForPorts(ports: string, versions: readonly AseVersion[] = allVersions): PortTableRow[] {
  const wanted = parsePortRanges(ports);
  if (!wanted) return [];
  return rowsForVersions(portTable, versions).filter((row) => {
    const have = parsePortRanges(row.ports);
    return have !== undefined && overlaps(wanted, have);
  });
}

export const allVersions: readonly AseVersion[] = ['v1', 'v2', 'v3'];

/**
 * The rows as an ASE of one of `versions` sees them: rows of other versions left out, each
 * row's versions narrowed to those, and its ports the ones those versions use. A row
 * whose versions use different ports (remote debugging: 4020-4024 on ASEv2, 4022-4026 on
 * ASEv3) becomes one row per port list, each with its versions.
 */
export function rowsForVersions(rows: readonly PortTableRow[], versions: readonly AseVersion[]): PortTableRow[] {
  const out: PortTableRow[] = [];
  for (const row of rows) {
    const groups = new Map<string, AseVersion[]>();
    for (const v of row.versions) {
      if (!versions.includes(v)) continue;
      const ports = portsOf(row, v).join(',');
      groups.set(ports, [...(groups.get(ports) ?? []), v]);
    }
    for (const [ports, vs] of groups) {
      const narrowed: PortTableRow = { ...row, ports, versions: vs };
      delete narrowed.versionPorts;
      out.push(narrowed);
    }
  }
  return out;
}

const serviceTags: Record<string, string> = {
  appservicemanagement:
    'Addresses Azure uses to manage App Service Environments. ASEv1/v2 need TCP 454-455 from all of them into the ASE subnet (ASE101). As a route prefix with next hop Internet, it keeps the replies to management traffic on the ASE\u2019s own address: the documented way to force-tunnel the rest of an ASEv1/v2\u2019s traffic, with Sql and Storage service endpoints (ASE301).',
  azureloadbalancer:
    "Azure's health probe source, the single address 168.63.129.16 — not the clients behind a load balancer. ASEv1/v2 need it on 454, 455 and 16001 at least (ASE102); ASEv3 on TCP 80 (ASE106).",
  virtualnetwork:
    "The VNet's address space plus peered and VPN/ExpressRoute-connected spaces. Azure also folds user-defined route prefixes into it, so with a 0.0.0.0/0 route it can cover public addresses.",
  internet:
    'Public addresses outside the VNet, Azure-owned ones included: it contains Storage, Sql, AzureCloud, AzureActiveDirectory and AppServiceManagement.',
  storage:
    'Azure Storage endpoints (blob, table, queue, file). ASEv1/v2 need TCP 80 and 443 to it, and 445 on ASEv1 (ASE201).',
  sql: 'Azure SQL Database endpoints. ASEv1/v2 need TCP 1433 to it (ASE202); its redirect ports 11000-11999 and 14000-14999 are worth opening too.',
  azurecloud:
    'All public addresses of Azure data centres. Not enough for the outbound TCP 80 and 443 of an ASEv1/v2 (ASE204): revocation lists and updates are also served from outside Azure.',
  azureactivedirectory: 'Azure AD sign-in endpoints; the ASE reaches them on TCP 443 (ASE204).',
  azuremonitor: 'Azure Monitor ingestion endpoints.',
  '*': 'Any address.',
  any: 'Any address.',
};

/** What a service tag is (`Storage.WestEurope` falls back to `Storage`, with its region), or undefined for a tag not described here. */
export function serviceTagDescription(tag: string): { text: string; region?: string } | undefined {
  const lower = tag.trim().toLowerCase();
  const base = lower.split('.')[0];
  const text = serviceTags[lower] ?? serviceTags[base];
  if (!text) return undefined;
  return lower !== base ? { text, region: tag.slice(tag.indexOf('.') + 1) } : { text };
}

const nextHops: Record<string, string> = {
  internet:
    "Leaves the VNet straight to the internet from the ASE's own public address. What an ASEv1/v2 subnet needs for 0.0.0.0/0.",
  virtualappliance:
    'Sent to a firewall or other appliance at `nextHopIpAddress`. For 0.0.0.0/0 on an ASEv1/v2 subnet this is forced tunnelling: replies to management traffic leave from another address and are dropped (ASE301).',
  virtualnetworkgateway:
    'Sent down the VPN or ExpressRoute gateway. For 0.0.0.0/0 on an ASEv1/v2 subnet this is forced tunnelling (ASE301).',
  vnetlocal: 'Stays inside the virtual network.',
  none: 'Dropped. For public destinations on an ASEv1/v2 subnet this cuts the ASE off from its dependencies (ASE301).',
};

/** What a next hop type does, or undefined for a type not described here. */
export function nextHopDescription(type: string): string | undefined {
  return nextHops[type.trim().toLowerCase()];
}
