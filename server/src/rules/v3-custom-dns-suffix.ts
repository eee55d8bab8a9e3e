import type { Finding } from '../core/findings';
import { getProp, isUnknown } from '../core/value';
import { isSymbolic } from '../core/symbolic';
import type { NetworkModel, ResourceBase } from '../model/types';
import { displayName } from './support/aseSite';
import type { Rule } from './types';

const KEY_VAULT_TYPE = 'microsoft.keyvault/vaults';

/**
 * An ASEv3's custom domain suffix: only an ILB ASE takes one, and the ASE reads its
 * certificate from Key Vault over the vault's public endpoint, so a vault closed to public
 * access, or reached through a private endpoint, cannot serve it.
 */
export const v3CustomDnsSuffix: Rule = {
  code: 'ASE413',
  name: 'v3-custom-dns-suffix',
  title: "An ASEv3's custom domain suffix needs an ILB ASE, and a Key Vault the ASE can read the certificate from.",
  severity: 'warning',
  appliesTo: ['v3'],
  reads: ['ase.kind', 'ase.ilbMode', 'ase.dnsSuffix', 'keyVaults', 'privateEndpoints'],
  check(model) {
    const out: Finding[] = [];
    for (const ase of model.ases) {
      const suffix = ase.customDnsSuffix;
      if (!suffix || ase.version !== 'v3' || isUnknown(ase.condition)) continue;
      const related = [{ message: `App Service Environment ${displayName(ase.name)}`, at: ase.ref, context: true as const }];
      if (ase.ilbMode === 'None') {
        out.push({
          message: `ASEv3 ${displayName(ase.name)} is External, but has a custom domain suffix: Azure takes a custom domain suffix only on an ILB ASE`,
          at: suffix.ref,
          related,
        });
      }
      const url = suffix.certificateUrl;
      const vault = url && typeof url.value === 'string' ? vaultOf(model, url.value) : undefined;
      if (!url || !vault) continue;
      const vaultRelated = { message: `Key Vault ${displayName(vault.name)}`, at: vault.ref };
      const access = getProp(vault.properties, 'publicNetworkAccess');
      if (typeof access === 'string' && access.trim().toLowerCase() === 'disabled') {
        out.push({
          message: `The certificate for the custom domain suffix of ASEv3 ${displayName(ase.name)} is in Key Vault ${displayName(vault.name)}, whose publicNetworkAccess is Disabled: the ASE reads the certificate over the vault's public endpoint and cannot reach it`,
          at: url.ref,
          related: [...related, vaultRelated],
        });
        continue;
      }
      const pe = model.privateEndpoints.find((p) => !isUnknown(p.condition) && !isUnknown(p.targets) && p.targets.some((t) => t.key === vault.key));
      if (pe) {
        out.push({
          message: `The certificate for the custom domain suffix of ASEv3 ${displayName(ase.name)} is in Key Vault ${displayName(vault.name)}, which is reached through private endpoint ${displayName(pe.name)}: the ASE cannot use a private endpoint to read the certificate`,
          at: url.ref,
          related: [...related, vaultRelated, { message: `Private endpoint ${displayName(pe.name)}`, at: pe.ref }],
        });
      }
    }
    return out;
  },
};

/** The Key Vault of the analysed files a secret URL (`https://<vault>.vault.azure.net/secrets/…`) names. */
function vaultOf(model: NetworkModel, url: string): ResourceBase | undefined {
  if (isSymbolic(url)) return undefined;
  const m = /^https:\/\/([a-z0-9-]+)\.vault\.[a-z0-9.]+\//i.exec(url.trim());
  if (!m) return undefined;
  const name = m[1].toLowerCase();
  return model.resources.find(
    (r) => r.type.toLowerCase() === KEY_VAULT_TYPE && !r.existing && !isUnknown(r.condition) && typeof r.name === 'string' && r.name.toLowerCase() === name,
  );
}
