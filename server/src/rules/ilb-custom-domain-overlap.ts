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
  docs: `Every app in an ILB ASE is named inside the ASE's domain (\`dnsSuffix\`): the app \`orders\` in an ASE with the domain \`contoso.com\` is \`orders.contoso.com\`, and its SCM (Kudu) site is \`orders.scm.contoso.com\`. The ASE's front ends route any name under that domain by the app name it starts with, so a custom host name inside the domain (\`www.contoso.com\`, \`a.b.contoso.com\`) cannot be bound to an app: Azure rejects the binding, or the name reaches the wrong app.

The error is placed on the host name (in \`hostNames\`, \`hostNameSslStates\` or a \`hostNameBindings\` child) of an app hosted in the ILB ASE directly or through its App Service plan. There is no quick fix: choose an ASE domain that none of the apps' custom names fall under (\`contoso-internal.com\` next to \`www.contoso.com\`).

Decision: the app's own names, \`<app>.<domain>\` and \`<app>.scm.<domain>\`, are what the ASE gives it and are not reported. Names are compared case-insensitively, without a trailing dot. An app whose name cannot be resolved is not checked (its own names cannot be told apart), nor is a host name, domain or ILB mode that cannot be resolved.`,
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
