import type { AppServicePlan } from '../model/types';
import { isUnknown } from '../core/value';
import { displayName, integrations } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

/** Tiers without regional VNet Integration, by `sku.tier` (lower case) and by the `sku.name` they use. */
const WITHOUT_INTEGRATION: { tier: string; label: string; names: RegExp }[] = [
  { tier: 'free', label: 'Free', names: /^f\d+$/ },
  { tier: 'shared', label: 'Shared', names: /^d\d+$/ },
  { tier: 'dynamic', label: 'Consumption (Dynamic)', names: /^y\d+$/ },
];

export const integrationPlanTier: Rule = {
  code: 'ASE704',
  name: 'integration-plan-tier',
  title: "An app's App Service plan must be of a tier that offers VNet Integration.",
  severity: 'error',
  appliesTo: 'any',
  reads: ['subnet.users', 'plans', 'sites'],
  check(model) {
    const out: Finding[] = [];
    for (const i of integrations(model)) {
      if (!i.site || !i.plan) continue;
      const tier = tierWithoutIntegration(i.plan);
      if (!tier) continue;
      out.push({
        message: `App ${displayName(i.site.name)} uses regional VNet Integration, but its App Service plan ${displayName(i.plan.name)} is in the ${tier} tier, which does not offer it: Azure rejects the integration (use Basic or higher)`,
        at: i.ref,
        related: [{ message: `App Service plan ${displayName(i.plan.name)}`, at: i.plan.ref }, ...i.related],
      });
    }
    return out;
  },
};

/** The label of the plan's tier when it is one without VNet Integration. */
function tierWithoutIntegration(plan: AppServicePlan): string | undefined {
  const name = plan.skuName;
  if (typeof name === 'string' && name.trim() !== '') {
    const n = name.trim().toLowerCase();
    return WITHOUT_INTEGRATION.find((t) => t.names.test(n) || t.tier === n)?.label;
  }
  if (isUnknown(name)) return undefined;
  const tier = plan.skuTier;
  if (typeof tier !== 'string') return undefined;
  return WITHOUT_INTEGRATION.find((t) => t.tier === tier.trim().toLowerCase())?.label;
}
