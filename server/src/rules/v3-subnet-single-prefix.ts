import type { Subnet } from '../model/types';
import type { Finding } from '../core/findings';
import { isUnknown } from '../core/value';
import { aseSites, displayName } from './support/aseSite';
import type { Rule } from './types';

/**
 * An ASEv3 takes its subnet's range from `addressPrefix`; a subnet written with the list
 * form `addressPrefixes` is refused when the ASE is created.
 */
export const v3SubnetSinglePrefix: Rule = {
  code: 'ASE405',
  name: 'v3-subnet-single-prefix',
  title: 'An ASEv3 subnet must give its range as addressPrefix, not as the list addressPrefixes.',
  severity: 'error',
  appliesTo: ['v3'],
  reads: ['ase.kind', 'ase.subnet', 'subnet.prefix'],
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<Subnet>();
    for (const site of aseSites(model)) {
      if (site.version !== 'v3' || seen.has(site.subnet)) continue;
      seen.add(site.subnet);
      const plural = site.subnet.pluralPrefix;
      if (!plural) continue;
      const finding: Finding = {
        message: `The subnet ${displayName(site.subnet.subnetName)} of ASEv3 ${displayName(site.ase.name)} gives its range as the list addressPrefixes: an ASEv3 reads only addressPrefix, and the ASE cannot be created in the subnet`,
        at: plural.ref,
        related: site.related,
      };
      const list = site.subnet.addressPrefixes;
      const one = !isUnknown(list) && list.length === 1 ? list[0] : undefined;
      const inList = one?.ref.path && plural.ref.path && plural.ref.path.every((segment, i) => one.ref.path![i] === segment);
      if (one && inList && !plural.alsoSingle && plural.propertiesRef?.path && !isUnknown(one.value)) {
        finding.fix = {
          title: 'Write the range as addressPrefix',
          changes: [
            { op: 'setProperty', at: plural.propertiesRef, path: ['addressPrefix'], value: { writtenAt: one.ref } },
            { op: 'removeProperty', at: plural.propertiesRef, path: ['addressPrefixes'] },
          ],
        };
      }
      out.push(finding);
    }
    return out;
  },
};
