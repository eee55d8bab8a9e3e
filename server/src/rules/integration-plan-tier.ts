import type { AppServicePlan } from '../model/types';
import { isUnknown } from '../core/value';
import { displayName, integrations } from './support/aseSite';
import type { Rule } from './types';
import type { Change, Finding, Fix } from '../core/findings';

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
      const fix = basicTierFix(i.plan, tier);
      out.push({
        message: `App ${displayName(i.site.name)} uses regional VNet Integration, but its App Service plan ${displayName(i.plan.name)} is in the ${tier} tier, which does not offer it: Azure rejects the integration (use Basic or higher)`,
        at: i.ref,
        related: [{ message: `App Service plan ${displayName(i.plan.name)}`, at: i.plan.ref }, ...i.related],
        ...(fix ? { fix } : {}),
      });
    }
    return out;
  },
};

/**
 * Moves a Free or Shared plan to Basic B1, the smallest size with VNet Integration: the
 * SKU's name becomes `B1` (written when missing), its tier (when written) `Basic`, and `size` and `family`,
 * which the name implies, go. Not for a Consumption plan, whose apps would change their
 * hosting model; only when chosen, since it changes what the plan costs.
 */
function basicTierFix(plan: AppServicePlan, tier: string): Fix | undefined {
  if (tier !== 'Free' && tier !== 'Shared') return undefined;
  if (!plan.ref.path) return undefined;
  const changes: Change[] = [];
  if (!isUnknown(plan.skuName)) changes.push({ op: 'setProperty', at: plan.ref, path: ['sku', 'name'], value: 'B1' });
  if (typeof plan.skuTier === 'string') changes.push({ op: 'setProperty', at: plan.ref, path: ['sku', 'tier'], value: 'Basic' });
  changes.push({ op: 'removeProperty', at: plan.ref, path: ['sku', 'size'] }, { op: 'removeProperty', at: plan.ref, path: ['sku', 'family'] });
  return { title: `Change plan ${displayName(plan.name)} to the Basic tier (B1)`, changes, chosenOnly: true };
}

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
