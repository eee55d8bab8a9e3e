import { isSymbolic } from '../eval/symbolic';
import type { AppServiceEnvironment, ResourceBase } from '../model/types';
import { asArray, getPath, isUnknown } from '../model/value';
import { displayName } from './context';
import { aseDomain } from './ilb-dns-records';
import { aseRelated, normaliseDomain } from './ilb-reserved-domain';
import type { Finding, Rule } from './types';

const CERTIFICATE_TYPE = 'microsoft.web/certificates';

export const ilbCertificateNames: Rule = {
  code: 'ASE505',
  name: 'ilb-certificate-names',
  title: "A certificate for an ILB ASE must cover both *.<domain> and *.scm.<domain>.",
  severity: 'warning',
  appliesTo: 'any',
  docs: `An ILB ASE serves HTTPS for every app under its own domain, with a certificate you provide: \`<app>.<domain>\` for the apps and \`<app>.scm.<domain>\` for their SCM (Kudu) sites. A wildcard covers one label only, so the certificate needs both \`*.<domain>\` and \`*.scm.<domain>\` among its names. Without the second, browsers and deployment tools reject the SCM sites (the portal's Functions and WebJobs pages use them too); without the first, the apps themselves.

The rule looks at \`Microsoft.Web/certificates\` resources that name the ILB ASE in \`hostingEnvironmentProfile\` and list their \`hostNames\`, and warns on the certificate's name when one of the two names is missing. There is no quick fix: the names are in the certificate file, which has to be issued again.

Decision: the names a certificate covers are read from its \`hostNames\`; a certificate that does not list them (the names are then only in the PFX file) is not checked, nor one whose names or ASE cannot be resolved. The ASE's domain is its \`dnsSuffix\`, or \`<ASE name>.appserviceenvironment.net\` without one.`,
  check(model) {
    const out: Finding[] = [];
    for (const ase of model.ases) {
      if (isUnknown(ase.condition) || isUnknown(ase.ilbMode) || ase.ilbMode === 'None') continue;
      const domain = aseDomain(ase);
      if (!domain) continue;
      for (const cert of model.resources) {
        if (cert.type.toLowerCase() !== CERTIFICATE_TYPE || cert.existing || isUnknown(cert.condition) || !namesAse(cert, ase)) continue;
        const names = hostNames(cert);
        if (!names) continue;
        const missing = [`*.${domain}`, `*.scm.${domain}`].filter((n) => !names.includes(n));
        if (missing.length === 0) continue;
        const serves = missing.length === 2 ? 'the apps and their SCM (Kudu) sites' : missing[0].startsWith('*.scm.') ? "the apps' SCM (Kudu) sites" : 'the apps';
        out.push({
          message: `Certificate ${displayName(cert.name)} for ILB ASE ${displayName(ase.name)} does not cover ${missing.map((m) => `'${m}'`).join(' or ')}: HTTPS to ${serves} fails certificate validation`,
          at: cert.ref,
          related: [...aseRelated(model, ase), { message: `Certificate ${displayName(cert.name)}`, at: cert.ref }],
        });
      }
    }
    return out;
  },
};

/** The certificate's `hostNames` in lower case; undefined when absent or not all known. */
function hostNames(cert: ResourceBase): string[] | undefined {
  const list = asArray(getPath(cert.properties, 'hostNames'));
  if (!list || isUnknown(list) || list.length === 0) return undefined;
  const out: string[] = [];
  for (const n of list) {
    if (typeof n !== 'string' || isSymbolic(n)) return undefined;
    out.push(normaliseDomain(n));
  }
  return out;
}

/** The certificate's `hostingEnvironmentProfile.id` names this ASE. */
function namesAse(cert: ResourceBase, ase: AppServiceEnvironment): boolean {
  const id = getPath(cert.properties, 'hostingEnvironmentProfile', 'id');
  if (typeof id !== 'string' || typeof ase.name !== 'string') return false;
  const m = /\/microsoft\.web\/hostingenvironments\/([^/]+)\/?$/i.exec(id.trim());
  return m !== null && m[1].toLowerCase() === ase.name.toLowerCase();
}
