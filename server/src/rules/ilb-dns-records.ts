import { aseDomain } from './support/ilb';
import { isSymbolic } from '../core/symbolic';
import { isBicepUri } from '../parse/bicep/document';
import type { NodePath } from '../core/nodeRef';
import type { AppServiceEnvironment, NetworkModel, ResourceBase } from '../model/types';
import { asArray, getProp, isUnknown, type JsonValue, type Value } from '../core/value';
import { contains, parseCidr } from '../ip/cidr';
import { aseSites, displayName } from './support/aseSite';
import { aseRelated, normaliseDomain } from './support/ilb';
import type { Rule } from './types';
import type { Change, Finding, Fix } from '../core/findings';

const ZONE_TYPES = ['microsoft.network/privatednszones', 'microsoft.network/dnszones'];

/** What each record set serves, for the message. */
const SERVES: Record<string, string> = {
  '*': 'the apps',
  '*.scm': "the apps' SCM (Kudu) sites",
  '@': 'the domain itself',
};

export const ilbDnsRecords: Rule = {
  code: 'ASE504',
  name: 'ilb-dns-records',
  title: "A DNS zone for an ILB ASE's domain needs A records for * and *.scm (and @ on ASEv3) pointing at the ASE.",
  severity: 'warning',
  appliesTo: 'any',
  reads: ['ase.kind', 'ase.subnet', 'ase.ilbMode', 'ase.dnsSuffix', 'subnet.prefix', 'plans', 'sites', 'dnsZones'],
  check(model) {
    const out: Finding[] = [];
    for (const ase of model.ases) {
      if (isUnknown(ase.condition) || isUnknown(ase.ilbMode) || ase.ilbMode === 'None' || isUnknown(ase.version)) continue;
      const domain = aseDomain(ase);
      if (!domain) continue;
      for (const zone of model.resources) {
        if (!ZONE_TYPES.includes(zone.type.toLowerCase()) || zone.existing || isUnknown(zone.condition)) continue;
        if (typeof zone.name !== 'string' || normaliseDomain(zone.name) !== domain) continue;
        const records = recordSets(model, zone);
        if (!records) continue;
        const related = [...aseRelated(model, ase), { message: `DNS zone '${domain}'`, at: zone.ref }];
        const wanted = ase.version === 'v3' ? ['*', '*.scm', '@'] : ['*', '*.scm'];
        const missing = wanted.filter((w) => !records.some((r) => r.relative === w));
        // A zone that names the apps one by one is managed that way on purpose: the wildcards are not missing.
        if (missing.length > 0 && !perAppRecords(model, ase, records)) {
          const list = andList(missing.map((m) => `'${m}'`));
          const serves = andList(missing.map((m) => SERVES[m]));
          const finding: Finding = {
            message: `DNS zone '${domain}' of ILB ASE ${displayName(ase.name)} has no A record${missing.length > 1 ? 's' : ''} for ${list}: the names of ${serves} do not resolve to the ASE, so they cannot be reached`,
            at: zone.ref,
            related,
          };
          const fix = isBicepUri(zone.ref.uri) ? addRecordSetsBicep(model, zone, ase, missing) : addRecordSets(zone, ase, missing);
          if (fix) finding.fix = fix;
          out.push(finding);
        }
        const subnet = aseSites(model).find((s) => s.ase === ase)?.prefixes;
        if (!subnet || isUnknown(subnet)) continue;
        const ranges = subnet.map(parseCidr);
        if (ranges.some((r) => r === undefined)) continue;
        for (const record of records) {
          // Only the record sets that carry the ASE's traffic: the zone may also hold other hosts of the domain.
          if (!wanted.includes(record.relative)) continue;
          const stray = record.addresses.find((a) => {
            const r = parseCidr(a);
            return r !== undefined && r.version === 4 && !ranges.some((s) => contains(s!, r));
          });
          if (!stray) continue;
          out.push({
            message: `The A record '${record.relative}' in DNS zone '${domain}' points at ${stray}, outside the subnet of ILB ASE ${displayName(ase.name)}: the ASE's internal load balancer takes its address from that subnet, so the name does not reach the ASE`,
            at: record.resource.ref,
            related,
          });
        }
      }
    }
    return out;
  },
};

/**
 * True when the zone holds records for single apps: a record named after an app the
 * ASE hosts, or a pair `<name>` and `<name>.scm` (what an app needs when the domain is
 * managed app by app).
 */
function perAppRecords(model: NetworkModel, ase: AppServiceEnvironment, records: RecordSet[]): boolean {
  const names = new Set(records.map((r) => r.relative));
  for (const n of names) if (n !== '*' && n !== '@' && names.has(`${n}.scm`)) return true;
  for (const site of model.sites) {
    if (typeof site.name !== 'string') continue;
    const onAse = site.hostingEnvironment?.target === ase || site.plan?.target?.hostingEnvironment?.target === ase;
    const app = site.name.toLowerCase();
    if (onAse && (names.has(app) || names.has(`${app}.scm`))) return true;
  }
  return false;
}

interface RecordSet {
  resource: ResourceBase;
  /** Relative name in lower case (`*`, `*.scm`, `@`). */
  relative: string;
  /** The literal IPv4 addresses it holds. */
  addresses: string[];
}

/** The zone's A record sets; undefined when one could belong to it but its name is unresolved. */
function recordSets(model: NetworkModel, zone: ResourceBase): RecordSet[] | undefined {
  const type = `${zone.type.toLowerCase()}/a`;
  const zoneName = normaliseDomain(zone.name as string);
  const out: RecordSet[] = [];
  for (const r of model.resources) {
    if (r.type.toLowerCase() !== type || isUnknown(r.condition)) continue;
    if (typeof r.name !== 'string' || isSymbolic(r.name)) return undefined;
    const slash = r.name.indexOf('/');
    if (slash < 0 || normaliseDomain(r.name.slice(0, slash)) !== zoneName) continue;
    out.push({ resource: r, relative: r.name.slice(slash + 1).trim().toLowerCase(), addresses: addressesOf(r.properties) });
  }
  return out;
}

function addressesOf(properties: Value | undefined): string[] {
  const list = asArray(getProp(properties, 'aRecords'));
  if (!list || isUnknown(list)) return [];
  const out: string[] = [];
  for (const item of list) {
    const a = getProp(item, 'ipv4Address');
    if (typeof a === 'string' && !isSymbolic(a)) out.push(a.trim());
  }
  return out;
}

function fixTitle(missing: string[]): string {
  return `Add ${missing.length > 1 ? 'A records' : 'an A record'} for ${andList(missing.map((m) => `'${m}'`))} pointing at the ASE`;
}

/** `a`, `a and b`, `a, b and c`. */
function andList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Where `resources` holds the resource at `path`: the template's own array (top level or a nested template), else undefined. */
function templateArray(path: NodePath | undefined): NodePath | undefined {
  if (!path || path.length < 2 || typeof path[path.length - 1] !== 'number') return undefined;
  const parent = path.slice(0, -1);
  if (String(parent[parent.length - 1]).toLowerCase() !== 'resources') return undefined;
  const above = parent.slice(0, -1).map((x) => String(x).toLowerCase());
  const atTemplate = above.length === 0 || (above[above.length - 1] === 'template' && above[above.length - 2] === 'properties');
  return atTemplate ? parent : undefined;
}

/** The missing record sets as resources beside the zone, pointing at the ASE's internal load balancer. */
function addRecordSets(zone: ResourceBase, ase: AppServiceEnvironment, missing: string[]): Fix | undefined {
  const array = templateArray(zone.ref.path);
  const aseArray = templateArray(ase.ref.path);
  if (!array || !aseArray || ase.ref.uri !== zone.ref.uri || array.join('/') !== aseArray.join('/')) return undefined;
  if (typeof ase.name !== 'string' || isSymbolic(ase.name) || ase.name.includes("'") || typeof zone.name !== 'string' || zone.name.includes("'")) return undefined;
  const aseId = `resourceId('Microsoft.Web/hostingEnvironments', '${ase.name}')`;
  const address =
    ase.version === 'v3'
      ? `[reference(concat(${aseId}, '/configurations/networking'), '2019-08-01').internalInboundIpAddresses[0]]`
      : `[reference(concat(${aseId}, '/capacities/virtualip'), '2016-09-01').internalIpAddress]`;
  const isPrivate = zone.type.toLowerCase() === 'microsoft.network/privatednszones';
  const zoneType = isPrivate ? 'Microsoft.Network/privateDnsZones' : 'Microsoft.Network/dnsZones';
  const zoneName = zone.name.trim();
  const target = { uri: zone.ref.uri, range: zone.ref.range, path: array };
  const changes: Change[] = missing.map((relative) => {
    const record: JsonValue = {
      type: `${zoneType}/A`,
      apiVersion: isPrivate ? '2020-06-01' : '2018-05-01',
      name: `${zoneName}/${relative}`,
      dependsOn: [`[resourceId('${zoneType}', '${zoneName}')]`, `[${aseId}]`],
      properties: isPrivate ? { ttl: 3600, aRecords: [{ ipv4Address: address }] } : { TTL: 3600, ARecords: [{ ipv4Address: address }] },
    };
    return { target, path: [], value: record, insert: 'end' };
  });
  return { title: fixTitle(missing), changes };
}

const CONFIGURATIONS_TYPE = 'Microsoft.Web/hostingEnvironments/configurations';

/** The Bicep symbols of the new record sets, after the zone's (`zone` → `zoneApps`). */
const RECORD_SYMBOL: Record<string, string> = { '*': 'Apps', '*.scm': 'Scm', '@': 'Apex' };

/** The symbol of a top-level Bicep declaration (`[symbol]`); undefined for anything nested or without a path. */
function topSymbol(path: NodePath | undefined): string | undefined {
  return path?.length === 1 && typeof path[0] === 'string' ? path[0] : undefined;
}

/**
 * The Bicep twin of addRecordSets, for an ASEv3: one `resource` per missing record set,
 * `parent: <zone>`, depending on the ASE, its address read from the ASE's
 * `configurations/networking` through an `existing` declaration (the file's own when
 * it has one, else a new one). The renderer checks that every symbol named is a single,
 * unconditional resource of the file, and refuses the fix otherwise. An ASEv1/v2 gives
 * its address only through `capacities/virtualip`, which is no resource type Bicep can
 * declare, so there is no fix for it.
 */
function addRecordSetsBicep(model: NetworkModel, zone: ResourceBase, ase: AppServiceEnvironment, missing: string[]): Fix | undefined {
  if (ase.version !== 'v3') return undefined;
  const zoneSymbol = topSymbol(zone.ref.path);
  const aseSymbol = topSymbol(ase.ref.path);
  if (!zoneSymbol || !aseSymbol || ase.ref.uri !== zone.ref.uri) return undefined;
  const file = { uri: zone.ref.uri, range: zone.ref.range, path: [] };
  const changes: Change[] = [];
  let networking = networkingSymbol(model, ase);
  if (!networking) {
    networking = `${aseSymbol}Networking`;
    const reference: JsonValue = { type: CONFIGURATIONS_TYPE, apiVersion: '2022-03-01', existing: true, parent: aseSymbol, name: 'networking' };
    changes.push({ target: file, path: ['resources', networking], value: reference, insert: 'end' });
  }
  const address = `[reference('${networking}').internalInboundIpAddresses[0]]`;
  const isPrivate = zone.type.toLowerCase() === 'microsoft.network/privatednszones';
  const zoneType = isPrivate ? 'Microsoft.Network/privateDnsZones' : 'Microsoft.Network/dnsZones';
  for (const relative of missing) {
    const record: JsonValue = {
      type: `${zoneType}/A`,
      apiVersion: isPrivate ? '2020-06-01' : '2018-05-01',
      parent: zoneSymbol,
      name: relative,
      dependsOn: [aseSymbol],
      properties: isPrivate ? { ttl: 3600, aRecords: [{ ipv4Address: address }] } : { TTL: 3600, ARecords: [{ ipv4Address: address }] },
    };
    changes.push({ target: file, path: ['resources', `${zoneSymbol}${RECORD_SYMBOL[relative]}`], value: record, insert: 'end' });
  }
  return { title: fixTitle(missing), changes };
}

/** The symbol of a top-level `existing` declaration of the ASE's `configurations/networking` in the ASE's file. */
function networkingSymbol(model: NetworkModel, ase: AppServiceEnvironment): string | undefined {
  if (typeof ase.name !== 'string' || isSymbolic(ase.name)) return undefined;
  const wanted = `${ase.name}/networking`.toLowerCase();
  for (const r of model.resources) {
    if (!r.existing || r.type.toLowerCase() !== CONFIGURATIONS_TYPE.toLowerCase() || r.ref.uri !== ase.ref.uri || isUnknown(r.condition)) continue;
    if (typeof r.name !== 'string' || isSymbolic(r.name) || r.name.toLowerCase() !== wanted) continue;
    const symbol = topSymbol(r.ref.path);
    if (symbol) return symbol;
  }
  return undefined;
}
