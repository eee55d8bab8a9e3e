import { isSymbolic } from '../core/symbolic';
import { isUnknown } from '../core/value';
import { displayName } from './support/aseSite';
import { appsIn } from './support/apps';
import { aseRelated, normaliseDomain } from './support/ilb';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

export const ilbCustomDomainOverlap: Rule = {
  code: 'ASE502',
  name: 'ilb-custom-domain-overlap',
  title: "Apps in an ILB ASE must not bind custom host names inside the ASE's own domain.",
  severity: 'error',
  appliesTo: 'any',
  reads: ['ase.ilbMode', 'ase.dnsSuffix', 'plans', 'sites'],
  check(model) {
    const out: Finding[] = [];
    for (const ase of model.ases) {
      if (isUnknown(ase.condition) || isUnknown(ase.ilbMode) || ase.ilbMode === 'None' || !ase.dnsSuffix) continue;
      const written = ase.dnsSuffix.value;
      if (isUnknown(written) || isSymbolic(written)) continue;
      const domain = normaliseDomain(written);
      if (domain === '') continue;
      const related = aseRelated(model, ase);
      for (const app of appsIn(model, ase)) {
        if (typeof app.name !== 'string' || isSymbolic(app.name)) continue;
        const appName = app.name.toLowerCase();
        const own = new Set([`${appName}.${domain}`, `${appName}.scm.${domain}`]);
        for (const host of app.hostNames) {
          if (isUnknown(host.value) || isSymbolic(host.value)) continue;
          const name = normaliseDomain(host.value);
          if (own.has(name) || (name !== domain && !name.endsWith(`.${domain}`))) continue;
          out.push({
            message: `App ${displayName(app.name)} binds the custom host name '${name}', which lies inside the domain '${domain}' of ILB ASE ${displayName(ase.name)}: the ASE claims every name in its domain for its own apps, so the binding fails`,
            at: host.ref,
            related: [...related, { message: `App ${displayName(app.name)}`, at: app.ref }],
          });
        }
      }
    }
    return out;
  },
};
