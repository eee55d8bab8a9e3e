import { isUnknown } from '../core/value';
import { aseSites, displayName } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

export const retiredVersion: Rule = {
  code: 'ASE901',
  name: 'retired-version',
  title: 'ASEv1 and ASEv2 are retired; a template should deploy an ASEv3.',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  reads: ['ase.kind'],
  check(model) {
    const out: Finding[] = [];
    const sites = aseSites(model);
    for (const ase of model.ases) {
      const version = ase.version;
      if (isUnknown(version) || isUnknown(ase.condition) || (version !== 'v1' && version !== 'v2')) continue;
      const related = sites.find((s) => s.ase === ase)?.related ?? [{ message: `App Service Environment ${displayName(ase.name)}`, at: ase.ref }];
      out.push({
        message:
          `ASE ${displayName(ase.name)} is an ASE${version}, a version retired on 31 August 2024 that Azure no longer creates: deploy an ASEv3 instead ` +
          `(its network needs differ: no management ports, a subnet delegated to Microsoft.Web/hostingEnvironments, a /24)`,
        at: ase.kindRef ?? ase.ref,
        related,
      });
    }
    return out;
  },
};
