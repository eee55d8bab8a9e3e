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
  appliesTo: ['v1', 'v2'],
  reads: ['ase.kind', 'ase.ilbMode', 'ase.dnsSuffix'],
  check(model) {
    const out: Finding[] = [];
    for (const ase of model.ases) {
      if (isUnknown(ase.condition) || isUnknown(ase.ilbMode) || ase.ilbMode === 'None' || !ase.dnsSuffix) continue;
      // `dnsSuffix` is the ILB domain of an ASEv1/v2 only; an ASEv3 names its domain in `customDnsSuffixConfiguration`.
      if (ase.version !== 'v1' && ase.version !== 'v2') continue;
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

