import { isSymbolic } from '../core/symbolic';
import type { AppServiceEnvironment, NetworkModel, ResourceBase } from '../model/types';
import { asArray, getPath, getProp, isUnknown, type Value } from '../core/value';
import { displayName } from './support/aseSite';
import { aseDomain } from './support/ilb';
import { aseRelated, normaliseDomain } from './support/ilb';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

const CERTIFICATE_TYPE = 'microsoft.web/certificates';

export const ilbCertificateNames: Rule = {
  code: 'ASE505',
  name: 'ilb-certificate-names',
  title: "A certificate for an ILB ASE must cover both *.<domain> and *.scm.<domain>.",
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  reads: ['ase.kind', 'ase.ilbMode', 'ase.dnsSuffix', 'ase.settings', 'certificates'],
  docs: `An ILB ASE serves HTTPS for every app under its own domain, with a default certificate you provide: \`<app>.<domain>\` for the apps and \`<app>.scm.<domain>\` for their SCM (Kudu) sites. A wildcard covers one label only, so the certificate needs both \`*.<domain>\` and \`*.scm.<domain>\` among its names. Without the second, browsers and deployment tools reject the SCM sites (the portal's Functions and WebJobs pages use them too); without the first, the apps themselves.

On an ASEv1/v2, a template makes a certificate the ASE's default by uploading it as a \`Microsoft.Web/certificates\` resource whose \`hostingEnvironmentProfile\` names the ASE and putting its thumbprint in the ASE's \`clusterSettings\` entry \`DefaultSslCertificateThumbprint\`. The rule finds that certificate (the one whose \`thumbprint\` equals the setting's value) and warns on its name when its \`hostNames\` lack one of the two wildcards. There is no quick fix: the names are in the certificate file, which has to be issued again.

Decision: apps in an ASE also upload their own certificates with a \`hostingEnvironmentProfile\` that names the ASE (a certificate for \`www.contoso.com\`, say), so naming the ASE does not make a certificate the ASE's default; only the thumbprint in \`DefaultSslCertificateThumbprint\` does. The rule is silent when the ASE sets no such thumbprint, when the thumbprint or the setting's name cannot be resolved, when no certificate in the analysed files states the same \`thumbprint\` (a thumbprint known only to the PFX file, or read with \`reference()\`, cannot be matched), and when a certificate does not list its \`hostNames\` or they cannot be resolved. ASEv3 is not checked: it has no default certificate of this kind (a custom domain suffix takes its certificate from Key Vault). The ASE's domain is its \`dnsSuffix\`, or \`<ASE name>.appserviceenvironment.net\` without one.`,
  check(model) {
    const out: Finding[] = [];
    for (const ase of model.ases) {
      if (isUnknown(ase.condition) || isUnknown(ase.ilbMode) || ase.ilbMode === 'None') continue;
      // Only ASEv1/v2 take a default certificate by thumbprint; an unknown version stays silent.
      if (ase.version !== 'v1' && ase.version !== 'v2') continue;
      const domain = aseDomain(ase);
      if (!domain) continue;
      const thumbprint = defaultCertificateThumbprint(model, ase);
      if (!thumbprint) continue;
      for (const cert of model.resources) {
        if (cert.type.toLowerCase() !== CERTIFICATE_TYPE || cert.existing || isUnknown(cert.condition) || !namesAse(cert, ase)) continue;
        if (certificateThumbprint(cert) !== thumbprint) continue;
        const names = hostNames(cert);
        if (!names) continue;
        const missing = [`*.${domain}`, `*.scm.${domain}`].filter((n) => !names.includes(n));
        if (missing.length === 0) continue;
        const serves = missing.length === 2 ? 'the apps and their SCM (Kudu) sites' : missing[0].startsWith('*.scm.') ? "the apps' SCM (Kudu) sites" : 'the apps';
        out.push({
          message: `Certificate ${displayName(cert.name)}, the default certificate of ILB ASE ${displayName(ase.name)}, does not cover ${missing.map((m) => `'${m}'`).join(' or ')}: HTTPS to ${serves} fails certificate validation`,
          at: cert.ref,
          related: [...aseRelated(model, ase), { message: `Certificate ${displayName(cert.name)}`, at: cert.ref }],
        });
      }
    }
    return out;
  },
};

const DEFAULT_CERTIFICATE_SETTING = 'defaultsslcertificatethumbprint';

/** A thumbprint as compared: hex digits in upper case, without the spaces and marks copying adds. */
function normaliseThumbprint(v: Value | undefined): string | undefined {
  if (typeof v !== 'string' || isSymbolic(v)) return undefined;
  const t = v.replace(/[\s\u200e\u200f\ufeff:]/g, '').toUpperCase();
  return /^[0-9A-F]+$/.test(t) ? t : undefined;
}

/**
 * The thumbprint the ASE's \`clusterSettings\` name as its default certificate, over every
 * declaration of the ASE in the analysed files (a template may set it in a second
 * declaration). Undefined when none sets it, or when a setting, its name or its value
 * cannot be read, or two declarations disagree.
 */
function defaultCertificateThumbprint(model: NetworkModel, ase: AppServiceEnvironment): string | undefined {
  const found = new Set<string>();
  for (const decl of model.ases) {
    if (decl.key !== ase.key || isUnknown(decl.condition)) continue;
    const settings = asArray(getProp(decl.properties, 'clusterSettings'));
    if (settings === undefined) continue;
    if (isUnknown(settings)) return undefined;
    for (const setting of settings) {
      const name = getProp(setting, 'name');
      if (typeof name !== 'string' || isSymbolic(name)) return undefined;
      if (name.trim().toLowerCase() !== DEFAULT_CERTIFICATE_SETTING) continue;
      const thumbprint = normaliseThumbprint(getProp(setting, 'value'));
      if (!thumbprint) return undefined;
      found.add(thumbprint);
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** The \`thumbprint\` the certificate resource states, when it is a plain value. */
function certificateThumbprint(cert: ResourceBase): string | undefined {
  return normaliseThumbprint(getProp(cert.properties, 'thumbprint'));
}

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
