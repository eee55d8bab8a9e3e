import type { AppServiceEnvironment, AppServicePlan, Reference, Site } from '../model/types';
import { isUnknown } from '../core/value';
import { displayName, integrations } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

export const integrationInAse: Rule = {
  code: 'ASE705',
  name: 'integration-in-ase',
  title: 'An app in an App Service Environment must not be given regional VNet Integration.',
  severity: 'error',
  appliesTo: 'any',
  reads: ['subnet.users', 'plans', 'sites'],
  check(model) {
    const out: Finding[] = [];
    for (const i of integrations(model)) {
      const site = i.site;
      if (!site) continue;
      const host = hostOf(site, i.plan);
      if (!host) continue;
      const finding: Finding = {
        message: `App ${displayName(site.name)} runs in ${host.label} and is given regional VNet Integration: it is already in the ASE's VNet, and Azure rejects the setting`,
        at: i.ref,
        related: [{ message: host.label[0].toUpperCase() + host.label.slice(1), at: host.at }, ...i.related],
      };
      const path = i.ref.path;
      const last = path?.[path.length - 1];
      if (site.ref.path && typeof last === 'string' && last.toLowerCase() === 'virtualnetworksubnetid' && i.ref.uri === site.ref.uri) {
        finding.fix = { title: 'Remove the VNet Integration setting', changes: [{ op: 'removeProperty', at: site.ref, path: ['properties', last] }] };
      }
      out.push(finding);
    }
    return out;
  },
};

/** The ASE the app runs in (named by the app or its plan), or its Isolated plan; undefined when neither is known. */
function hostOf(site: Site, plan: AppServicePlan | undefined): { label: string; at: Site['ref'] } | undefined {
  for (const env of [site.hostingEnvironment, plan?.hostingEnvironment]) {
    const ase = named(env);
    if (ase) return { label: `App Service Environment ${displayName(ase.name)}`, at: ase.ref };
    if (env && typeof env.id === 'string' && env.id !== '') return { label: `the App Service Environment ${displayName(lastSegment(env.id))}`, at: env.ref };
  }
  if (plan && isIsolated(plan)) return { label: `an ASE, on Isolated plan ${displayName(plan.name)}`, at: plan.ref };
  return undefined;
}

function named(env: Reference<AppServiceEnvironment> | undefined): AppServiceEnvironment | undefined {
  const ase = env?.target;
  return ase && !isUnknown(ase.condition) ? ase : undefined;
}

function lastSegment(id: string): string {
  return id.replace(/\/+$/, '').split('/').pop() ?? id;
}

function isIsolated(plan: AppServicePlan): boolean {
  const name = plan.skuName;
  if (typeof name === 'string' && name.trim() !== '') return /^i\d+(m?v2)?$/i.test(name.trim()) || /^isolated(v2)?$/i.test(name.trim());
  return typeof plan.skuTier === 'string' && /^isolated(v2)?$/i.test(plan.skuTier.trim());
}
