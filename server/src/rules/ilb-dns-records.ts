import { aseDomain } from './support/ilb';
import { isSymbolic } from '../core/symbolic';
import type { AppServiceEnvironment, NetworkModel, ResourceBase } from '../model/types';
import { asArray, getProp, isUnknown, type Value } from '../core/value';
import { contains, parseCidr } from '../ip/cidr';
import { aseSites, displayName } from './support/aseSite';
import { aseRelated, normaliseDomain } from './support/ilb';
import type { Rule } from './types';
import type { Change, DeclaredResource, DeployedValue, Finding, Fix, NewResource } from '../core/findings';
import { declaredResource } from './support/resources';

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
        let missing = wanted.filter((w) => !records.some((r) => r.relative === w));
        // A zone that names the apps one by one is managed that way on purpose: the wildcards are not missing.
        const perApp = perAppRecords(model, ase, records);
        // A missing record set written with a typo: the squiggle goes on the typo, the fix renames it.
        for (const m of perApp ? [] : missing) {
          const typo = misspelt(m, records, wanted);
          if (!typo) continue;
          missing = missing.filter((x) => x !== m);
          out.push({
            message: `The A record '${typo.written}' in DNS zone '${domain}' looks like a misspelling of '${m}', which the zone lacks: the names of ${SERVES[m]} do not resolve to ILB ASE ${displayName(ase.name)}, so they cannot be reached`,
            at: typo.resource.ref,
            related,
            fix: { title: `Rename the record '${typo.written}' to '${m}'`, changes: [{ op: 'renameResource', at: typo.resource.ref, from: typo.written, to: m }] },
          });
        }
        if (missing.length > 0 && !perApp) {
          const list = andList(missing.map((m) => `'${m}'`));
          const serves = andList(missing.map((m) => SERVES[m]));
          const finding: Finding = {
            message: `DNS zone '${domain}' of ILB ASE ${displayName(ase.name)} has no A record${missing.length > 1 ? 's' : ''} for ${list}: the names of ${serves} do not resolve to the ASE, so they cannot be reached`,
            at: zone.ref,
            related,
          };
          finding.fix = addRecordSets(model, zone, ase, missing);
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
  /** Relative name as written. */
  written: string;
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
    const written = r.name.slice(slash + 1).trim();
    out.push({ resource: r, relative: written.toLowerCase(), written, addresses: addressesOf(r.properties) });
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

/**
 * The record set that is one typo away from the missing `name` (a letter changed, added,
 * dropped, or two swapped: `*.scn`, `*.smc`), when exactly one is; only for names long
 * enough that one typo cannot make another real name (`*.scm`, not `*` or `@`).
 */
function misspelt(name: string, records: RecordSet[], wanted: string[]): RecordSet | undefined {
  if (name.length < 4) return undefined;
  const near = records.filter((r) => !wanted.includes(r.relative) && r.resource.ref.path !== undefined && oneTypoApart(r.relative, name));
  return near.length === 1 ? near[0] : undefined;
}

/** Damerau-Levenshtein distance exactly 1 (one substitution, insertion, deletion or swap of neighbours). */
function oneTypoApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

function fixTitle(missing: string[]): string {
  return `Add ${missing.length > 1 ? 'A records' : 'an A record'} for ${andList(missing.map((m) => `'${m}'`))} pointing at the ASE`;
}

/** `a`, `a and b`, `a, b and c`. */
function andList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const ASE_TYPE = 'Microsoft.Web/hostingEnvironments';
const CONFIGURATIONS_TYPE = 'Microsoft.Web/hostingEnvironments/configurations';

/** What the new record sets are called besides their names (a Bicep symbol: the zone's, then this). */
const RECORD_LABEL: Record<string, string> = { '*': 'apps', '*.scm': 'scm', '@': 'apex' };

/**
 * The missing record sets as children of the zone, depending on the ASE, each holding the
 * address of the ASE's internal load balancer as the deployment reads it: on ASEv3 from
 * the ASE's `configurations/networking` (through the file's own `existing` declaration of
 * it when there is one), on ASEv1/v2 from its `capacities/virtualip`, which can only be
 * read by id (no template declares it, so a language that reads through declarations
 * gets no fix).
 */
function addRecordSets(model: NetworkModel, zone: ResourceBase, ase: AppServiceEnvironment, missing: string[]): Fix {
  const isPrivate = zone.type.toLowerCase() === 'microsoft.network/privatednszones';
  const zoneType = isPrivate ? 'Microsoft.Network/privateDnsZones' : 'Microsoft.Network/dnsZones';
  const aseResource = declaredResource(ase, ASE_TYPE);
  // The zone's name matched the ASE's domain, so it is a plain literal.
  const zoneResource: DeclaredResource = { at: zone.ref, type: zoneType, name: String(zone.name).trim() };
  const changes: Change[] = [];
  let address: DeployedValue;
  if (ase.version === 'v3') {
    const networking = networkingResource(model, ase);
    if (!networking) {
      const reference: NewResource = { type: CONFIGURATIONS_TYPE, apiVersion: '2022-03-01', name: 'networking', label: 'networking', existing: true };
      changes.push({ op: 'addChild', key: 'networking', parent: aseResource, resource: reference });
    }
    const source = networking ? declaredResource(networking, CONFIGURATIONS_TYPE) : { added: 'networking' };
    address = { deployed: source, property: ['internalInboundIpAddresses', 0], apiVersion: '2019-08-01' };
  } else {
    const virtualIp: NewResource = { type: 'Microsoft.Web/hostingEnvironments/capacities', name: 'virtualip', existing: true };
    changes.push({ op: 'addChild', key: 'virtualip', parent: aseResource, resource: virtualIp });
    address = { deployed: { added: 'virtualip' }, property: ['internalIpAddress'], apiVersion: '2016-09-01' };
  }
  for (const relative of missing) {
    const record: NewResource = {
      type: `${zoneType}/A`,
      apiVersion: isPrivate ? '2020-06-01' : '2018-05-01',
      name: relative,
      label: RECORD_LABEL[relative],
      dependsOn: [aseResource],
      properties: isPrivate ? { ttl: 3600, aRecords: [{ ipv4Address: address }] } : { TTL: 3600, ARecords: [{ ipv4Address: address }] },
    };
    changes.push({ op: 'addChild', parent: zoneResource, resource: record });
  }
  return { title: fixTitle(missing), changes };
}

/** A declaration of the ASE's `configurations/networking` as an `existing` resource in the ASE's file. */
function networkingResource(model: NetworkModel, ase: AppServiceEnvironment): ResourceBase | undefined {
  if (typeof ase.name !== 'string' || isSymbolic(ase.name)) return undefined;
  const wanted = `${ase.name}/networking`.toLowerCase();
  return model.resources.find(
    (r) =>
      r.existing &&
      r.type.toLowerCase() === CONFIGURATIONS_TYPE.toLowerCase() &&
      r.ref.uri === ase.ref.uri &&
      r.ref.path !== undefined &&
      !isUnknown(r.condition) &&
      typeof r.name === 'string' &&
      !isSymbolic(r.name) &&
      r.name.toLowerCase() === wanted,
  );
}
