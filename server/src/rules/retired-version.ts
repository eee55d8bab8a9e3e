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
  docs: `App Service Environment v1 and v2 were retired on 31 August 2024. Azure no longer creates them, and existing ones are no longer supported; a template that still deploys one should move to ASEv3.

The network rules change with the move: an ASEv3 has no inbound management ports (ASE101 and its outbound dependencies no longer apply), its subnet must be delegated to \`Microsoft.Web/hostingEnvironments\` (ASE403), a \`/24\` is recommended with \`/27\` the minimum (ASE401), the load balancer needs only TCP 80 (ASE106), and route tables and forced tunnelling are allowed.

The warning is placed on the ASE's \`kind\` value, or on its name when the version comes from an old \`apiVersion\` without a \`kind\`. There is no quick fix: changing \`kind\` alone does not make a working ASEv3.

An ASE whose version or \`condition\` cannot be resolved is not reported.`,
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
