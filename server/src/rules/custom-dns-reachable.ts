import { rowById } from '../knowledge/ports';
import { isUnknown } from '../core/value';
import { contains, parseCidr } from '../ip/cidr';
import { aseSites, displayName, isV1V2, subnetEndpoint, type AseSite } from './support/aseSite';
import { checkRequirement, type Requirement, type RequirementRule } from './support/requirements';
import type { Finding } from '../core/findings';

/** The DNS port, the same to the VNet's own servers as to Azure DNS. */
const dns = rowById('outbound-dns');

/** The VNet's custom DNS servers that are literal IPv4 addresses. */
function dnsServers(site: AseSite): { address: string; ref: Finding['at'] }[] {
  const servers = site.subnet.vnet?.dnsServers;
  if (!servers || isUnknown(servers)) return [];
  const out: { address: string; ref: Finding['at'] }[] = [];
  for (const s of servers) {
    if (isUnknown(s.value)) continue;
    const address = s.value.trim();
    const range = parseCidr(address);
    if (range?.version === 4 && range.first === range.last) out.push({ address, ref: s.ref });
  }
  return out;
}

function reachDns(site: AseSite, address: string): Requirement {
  const flow = (protocol: 'Udp' | 'Tcp') => ({
    direction: 'Outbound' as const,
    protocol,
    source: subnetEndpoint(site),
    destination: { prefixes: [address] },
    destinationPorts: dns.ports,
  });
  return {
    flows: [flow('Udp'), flow('Tcp')],
    what: `port ${dns.ports} (DNS) to the VNet's DNS server ${address}`,
    consequence: `ASE ${displayName(site.ase.name)} cannot resolve names through the DNS servers its VNet names, and stops working`,
    fixTitle: `Allow outbound DNS to ${address}`,
    // One rule cannot name TCP and UDP alone: it names every protocol, on port 53 only.
    opens: [{ ...flow('Udp'), protocol: '*' }],
    // Custom DNS servers are checked on UDP and TCP, as the original tables ask (ASE205's Azure DNS needs UDP only).
    allow: { name: 'AllowCustomDnsOutbound', direction: 'Outbound', protocol: '*', source: '*', destination: address, ports: [dns.ports] },
  };
}

export const customDnsReachable: RequirementRule = {
  code: 'ASE601',
  name: 'custom-dns-reachable',
  title: "An ASE must reach its VNet's custom DNS servers on port 53, and none may sit in the ASE subnet.",
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  needsAddresses: true,
  reads: ['ase.kind', 'ase.subnet', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.dnsServers', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  requirements(site) {
    if (!isV1V2(site.version)) return [];
    return dnsServers(site).map((s) => reachDns(site, s.address));
  },
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const site of aseSites(model)) {
      if (!isV1V2(site.version)) continue;
      const prefixes = site.prefixes;
      for (const server of dnsServers(site)) {
        const range = parseCidr(server.address)!;
        if (!isUnknown(prefixes) && prefixes.some((p) => { const r = parseCidr(p); return r !== undefined && contains(r, range); })) {
          out.push({
            message: `The DNS server ${server.address} of VNet ${displayName(site.subnet.vnet?.name)} lies in the subnet of ASE ${displayName(site.ase.name)}: nothing else may live there and the ASE cannot reach it, so the ASE cannot resolve names`,
            at: server.ref,
            related: site.related,
          });
          continue;
        }
        const f = checkRequirement(site, reachDns(site, server.address));
        if (!f) continue;
        const key = `${f.at.uri}|${f.at.range.start.line}:${f.at.range.start.character}|${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(f);
      }
    }
    return out;
  },
};
