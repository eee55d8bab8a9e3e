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
  check(model) {
    const out: Finding[] = [];
    for (const ase of model.ases) {
      if (isUnknown(ase.condition) || isUnknown(ase.ilbMode) || ase.ilbMode === 'None') continue;
      // Only ASEv1/v2 take a default certificate by thumbprint; an unknown version stays silent.
      if (ase.version !== 'v1' && ase.version !== 'v2') continue;
      // Without `dnsSuffix` the ASE's domain is Azure's own (`<name>.appserviceenvironment.net`), with Azure's certificate.
      if (!ase.dnsSuffix) continue;
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
