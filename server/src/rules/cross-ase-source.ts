import type { SecurityRule } from '../model/types';
import { isUnknown } from '../core/value';
import { contains, isRfc1918, parseCidr } from '../ip/cidr';
import { aseSites, displayName } from './support/aseSite';
import { describeRule } from './support/requirements';
import { servesAppsPublicly } from './support/apps';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

export const crossAseSource: Rule = {
  code: 'ASE802',
  name: 'cross-ase-source',
  title: "An External ASE's NSG must admit another ASE by its public address, not by its subnet.",
  severity: 'warning',
  appliesTo: 'any',
  reads: ['ase.kind', 'ase.subnet', 'ase.ilbMode', 'subnet.prefix', 'subnet.nsg', 'nsg.rules'],
  check(model) {
    const out: Finding[] = [];
    const sites = aseSites(model);
    for (const target of sites) {
      const nsg = target.nsg;
      if (!nsg || isUnknown(nsg) || isUnknown(nsg.securityRules) || servesAppsPublicly(target.ase) !== true) continue;
      const inbound = nsg.securityRules.filter((r) => r.access === 'Allow' && r.direction === 'Inbound');
      if (inbound.some(allowsPublicSource)) continue;
      for (const caller of sites) {
        if (caller.subnet === target.subnet || isUnknown(caller.prefixes)) continue;
        const ranges = caller.prefixes.map(parseCidr);
        if (ranges.some((r) => !r)) continue;
        for (const rule of inbound) {
          if (isUnknown(rule.sourceAddressPrefixes)) continue;
          // A source within the caller's subnet; a wider one is meant for other clients too.
          let named: { source: string; subnet: string; whole: boolean } | undefined;
          for (const s of rule.sourceAddressPrefixes) {
            const r = typeof s === 'string' ? parseCidr(s) : undefined;
            const i = r === undefined ? -1 : ranges.findIndex((c) => contains(c!, r));
            if (i < 0) continue;
            named = { source: (s as string).trim(), subnet: caller.prefixes[i].trim(), whole: contains(r!, ranges[i]!) };
            break;
          }
          if (named === undefined) continue;
          const what = named.whole ? `the subnet of ASE ${displayName(caller.ase.name)}` : `part of the subnet ${named.subnet} of ASE ${displayName(caller.ase.name)}`;
          out.push({
            message:
              `${describeRule(rule).replace(/^r/, 'R')} of NSG ${displayName(nsg.name)} admits ${named.source}, ${what}, into External ASE ${displayName(target.ase.name)}: ` +
              `calls between ASEs leave through the caller's public address, not its subnet, so they are not let in`,
            at: rule.ref,
            related: [...target.related, { message: `The calling ASE ${displayName(caller.ase.name)}`, at: caller.ase.ref }, { message: `Its subnet ${displayName(caller.subnet.subnetName)}`, at: caller.subnet.ref }],
          });
        }
      }
    }
    return out;
  },
};

/**
 * The rule may admit a public address that could be the caller's VIP: `*`, `Internet`,
 * `AzureCloud` (ASE addresses are Azure's), `AppService` and their regional forms, a
 * public range, or what cannot be resolved. Tags for Azure's own services
 * (`AppServiceManagement`, `AzureLoadBalancer`, `VirtualNetwork`, ...) never hold an
 * ASE's address.
 */
function allowsPublicSource(rule: SecurityRule): boolean {
  if (isUnknown(rule.sourceAddressPrefixes)) return true;
  return rule.sourceAddressPrefixes.some((s) => {
    if (isUnknown(s)) return true;
    const text = s.trim().toLowerCase();
    if (text === '*' || text === 'any' || text === 'internet' || /^(azurecloud|appservice)(\.|$)/.test(text)) return true;
    const r = parseCidr(s);
    return r !== undefined && r.version === 4 && !isRfc1918(r);
  });
}
