import type { Finding } from '../core/findings';
import { isUnknown } from '../core/value';
import { displayName } from './support/aseSite';
import type { Rule } from './types';

const ASE_TYPE = 'microsoft.web/hostingenvironments';

/**
 * `inboundIpAddressOverride` can be set only when the ASE is created. A
 * `configurations/networking` child that sets it for an ASE the analysed files do not
 * create (an `existing` one, or one not declared at all) changes an ASE that exists, and
 * the address does not change.
 */
export const v3InboundIpOverrideUpdate: Rule = {
  code: 'ASE411',
  name: 'v3-inbound-ip-override-update',
  title: "An ASEv3's inboundIpAddressOverride takes effect only when the ASE is created, not when its configurations/networking changes later.",
  severity: 'warning',
  appliesTo: ['v3'],
  reads: ['ase.networking'],
  check(model) {
    const out: Finding[] = [];
    for (const config of model.aseNetworkings) {
      const override = config.inboundIpAddressOverride;
      if (!override || typeof override.value !== 'string' || override.value.trim() === '' || isUnknown(override.value)) continue;
      if (isUnknown(config.condition) || config.aseKey === undefined) continue;
      // The ASE is created with the child, in the same deployment: the override is set at creation.
      if (model.ases.some((a) => a.key === config.aseKey)) continue;
      const aseName = typeof config.name === 'string' ? config.name.split('/')[0] : undefined;
      const declared = model.resources.find((r) => r.existing && r.type.toLowerCase() === ASE_TYPE && r.key === config.aseKey);
      const related = [{ message: `The configurations/networking resource`, at: config.ref, context: true as const }];
      if (declared) related.push({ message: `ASE ${displayName(declared.name)}, referenced as existing`, at: declared.ref, context: true });
      out.push({
        message: `The networking configuration of ASE ${displayName(aseName)} sets inboundIpAddressOverride to ${override.value}, but the analysed files do not create the ASE: the inbound address can be chosen only when the ASE is created, and this change does not apply`,
        at: override.ref,
        related,
      });
    }
    return out;
  },
};
