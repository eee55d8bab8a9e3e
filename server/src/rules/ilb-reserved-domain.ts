import { aseRelated, normaliseDomain } from './support/ilb';
import { isSymbolic } from '../core/symbolic';
import { isUnknown } from '../core/value';
import { displayName } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

/** Domains App Service keeps for its own public names. */
const RESERVED = ['net', 'azurewebsites.net', 'p.azurewebsites.net'];

export const ilbReservedDomain: Rule = {
  code: 'ASE501',
  name: 'ilb-reserved-domain',
  title: "An ILB ASE's domain must not be one App Service reserves for its public names.",
  severity: 'error',
  appliesTo: 'any',
  reads: ['ase.ilbMode', 'ase.dnsSuffix'],
  docs: `An ILB ASE serves its apps under a domain of your choosing (\`dnsSuffix\`): an app named \`orders\` in an ASE with the domain \`internal.contoso.com\` answers at \`orders.internal.contoso.com\`. App Service keeps some names for its own public endpoints, and Azure refuses them as an ILB ASE domain: \`net\`, \`azurewebsites.net\`, \`p.azurewebsites.net\` and \`<ASE name>.p.azurewebsites.net\`. A template that uses one fails when the ASE is created.

The error is placed on the \`dnsSuffix\` value. There is no quick fix: pick a domain you control and can serve DNS for (a dedicated one, such as \`contoso-internal.com\`, also keeps clear of ASE502).

Decision: the names are compared as Azure compares host names — case-insensitively, ignoring surrounding spaces and a trailing dot. Only ILB ASEs are checked (an External ASE takes its domain from Azure). The reserved names are App Service's in every ASE version, so every version is checked. A domain, ILB mode or ASE name that cannot be resolved is not reported.`,
  check(model) {
    const out: Finding[] = [];
    for (const ase of model.ases) {
      if (isUnknown(ase.condition) || isUnknown(ase.ilbMode) || ase.ilbMode === 'None' || !ase.dnsSuffix) continue;
      const written = ase.dnsSuffix.value;
      if (isUnknown(written)) continue;
      const domain = normaliseDomain(written);
      const own = typeof ase.name === 'string' && !isSymbolic(ase.name) ? `${ase.name.toLowerCase()}.p.azurewebsites.net` : undefined;
      if (!RESERVED.includes(domain) && domain !== own) continue;
      out.push({
        message: `The domain '${domain}' of ILB ASE ${displayName(ase.name)} is reserved for App Service's public names: Azure rejects it and the ASE is not created (use a domain of your own)`,
        at: ase.dnsSuffix.ref,
        related: aseRelated(model, ase),
      });
    }
    return out;
  },
};

