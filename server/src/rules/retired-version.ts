import { isObject, isUnknown } from '../core/value';
import { aseSites, displayName } from './support/aseSite';
import type { Rule } from './types';
import type { Change, Finding, Fix } from '../core/findings';
import type { AppServiceEnvironment, AppServicePlan, NetworkModel, Subnet } from '../model/types';

const ASE_TYPE = 'microsoft.web/hostingenvironments';
const ASE_SERVICE = 'Microsoft.Web/hostingEnvironments';
/** Properties of an ASEv1/v2 that an ASEv3 does not take: front ends and worker pools are managed by Azure, and IP-based SSL addresses are gone. */
const V1V2_ONLY = ['multiSize', 'multiRoleCount', 'workerPools', 'frontEndScaleFactor', 'ipsslAddressCount'];
/** The Isolated plan sizes and their Isolated v2 counterparts. */
const ISOLATED_V2: Record<string, string> = { i1: 'I1v2', i2: 'I2v2', i3: 'I3v2' };

export const retiredVersion: Rule = {
  code: 'ASE901',
  name: 'retired-version',
  title: 'ASEv1 and ASEv2 are retired; a template should deploy an ASEv3.',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  reads: ['ase.kind', 'ase.subnet', 'ase.settings', 'subnet.delegations', 'plans'],
  check(model) {
    const out: Finding[] = [];
    const sites = aseSites(model);
    // Indexed: the check runs once per analysis, mostly before it is optimised, where an iterator makes an object per step.
    const ases = model.ases;
    for (let i = 0; i < ases.length; i++) {
      const ase = ases[i];
      const version = ase.version;
      if (isUnknown(version) || isUnknown(ase.condition) || (version !== 'v1' && version !== 'v2')) continue;
      const related = sites.find((s) => s.ase === ase)?.related ?? [{ message: `App Service Environment ${displayName(ase.name)}`, at: ase.ref }];
      const finding: Finding = {
        message:
          `ASE ${displayName(ase.name)} is an ASE${version}: Azure has refused to create ASEv1/v2 since January 2024, and since their retirement on 31 August 2024 ` +
          `it migrates or deletes the ones still running, so this deployment fails: deploy an ASEv3 instead ` +
          `(its network needs differ: no management ports, a subnet delegated to Microsoft.Web/hostingEnvironments, a /24)`,
        at: ase.kindRef ?? ase.ref,
        related,
      };
      const fix = convertToV3(ase, model);
      if (fix) finding.fix = fix;
      out.push(finding);
    }
    // An ASE the template only refers to (`existing`) still runs until Azure migrates it: a warning, when its kind says its version.
    const resources = model.resources;
    for (let i = 0; i < resources.length; i++) {
      const resource = resources[i];
      if (!resource.existing || resource.type.toLowerCase() !== ASE_TYPE) continue;
      const ase = resource as AppServiceEnvironment;
      if (!ase.kindRef || (ase.version !== 'v1' && ase.version !== 'v2')) continue;
      out.push({
        message:
          `ASE ${displayName(ase.name)} is an existing ASE${ase.version}, a version retired on 31 August 2024: ` +
          `Azure migrates such ASEs to ASEv3 or deletes them, so plan its move to ASEv3`,
        severity: 'warning',
        at: ase.kindRef,
        related: [{ message: `App Service Environment ${displayName(ase.name)}`, at: ase.ref }],
      });
    }
    return out;
  },
};

/**
 * "Convert to ASEv3": the ASE itself (`kind`, without the properties only v1/v2 take),
 * its subnet delegated to Microsoft.Web/hostingEnvironments, and the Isolated plans in
 * it moved to Isolated v2. The NSG and the routes stay. Undefined when a part cannot be
 * told or written (the ASE's properties or a plan's size unresolved, the subnet
 * delegated to another service).
 */
function convertToV3(ase: AppServiceEnvironment, model: NetworkModel): Fix | undefined {
  if (!ase.ref.path) return undefined;
  const props = ase.properties;
  if (props !== undefined && !isObject(props)) return undefined;
  const changes: Change[] = [{ op: 'setProperty', at: ase.ref, path: ['kind'], value: 'ASEV3' }];
  for (const key of Object.keys(props ?? {})) {
    if (V1V2_ONLY.some((k) => k.toLowerCase() === key.toLowerCase())) changes.push({ op: 'removeProperty', at: ase.ref, path: ['properties', key] });
  }

  const subnet = ase.subnet?.target;
  let elsewhere = '';
  if (subnet) {
    const delegation = delegate(subnet);
    if (delegation === undefined) return undefined;
    if (delegation) changes.push(delegation);
  } else {
    elsewhere = `, then delegate its subnet to ${ASE_SERVICE} where it is declared`;
  }

  const plans = plansOf(ase, model);
  for (const plan of plans) {
    const planChanges = toIsolatedV2(plan);
    if (planChanges === undefined) return undefined;
    changes.push(...planChanges);
  }
  const moved = plans.length === 0 ? '' : plans.length === 1 ? ` and plan ${displayName(plans[0].name)} to Isolated v2` : ` and ${plans.length} plans to Isolated v2`;
  // A new ASE version and new plan tiers change what the deployment is and costs: a person
  // chooses it from the quick fixes, fix-all never applies it.
  return { title: `Convert ASE ${displayName(ase.name)} to ASEv3${moved}${elsewhere}`, changes, chosenOnly: true };
}

/** The change that delegates the subnet; null when it is delegated already; undefined when it cannot be (another delegation, unresolved, not written in the files). */
function delegate(subnet: Subnet): Change | null | undefined {
  const delegations = subnet.delegations;
  if (isUnknown(delegations) || delegations.some((d) => isUnknown(d.value))) return undefined;
  const services = delegations.map((d) => String(d.value).toLowerCase());
  if (services.includes(ASE_SERVICE.toLowerCase())) return null;
  if (services.length > 0 || !subnet.ref.path) return undefined;
  return {
    op: 'insertItem',
    at: subnet.ref,
    path: ['properties', 'delegations'],
    value: { name: 'Microsoft.Web.hostingEnvironments', properties: { serviceName: ASE_SERVICE } },
  };
}

/**
 * The Isolated plans in the ASE: those that name it, and, when it is the only ASE the
 * files create, those on Isolated whose ASE cannot be resolved. A plan that names an ASE
 * deployed elsewhere stays as it is.
 */
function plansOf(ase: AppServiceEnvironment, model: NetworkModel): AppServicePlan[] {
  const only = model.ases.length === 1;
  return model.plans.filter((plan) => {
    const env = plan.hostingEnvironment;
    if (!env) return false;
    if (env.target) return env.target === ase;
    return only && isUnknown(env.id) && isIsolated(plan);
  });
}

function isIsolated(plan: AppServicePlan): boolean {
  const tier = plan.skuTier;
  const name = plan.skuName;
  return (typeof tier === 'string' && tier.toLowerCase() === 'isolated') || (typeof name === 'string' && ISOLATED_V2[name.toLowerCase()] !== undefined);
}

/** `I1` → `I1v2` (and the tier to `IsolatedV2`); no change for a plan already on Isolated v2; undefined when its size cannot be told. */
function toIsolatedV2(plan: AppServicePlan): Change[] | undefined {
  const name = plan.skuName;
  if (name === undefined || isUnknown(name) || !plan.ref.path) return undefined;
  const changes: Change[] = [];
  const v2 = ISOLATED_V2[name.toLowerCase()];
  if (v2) changes.push({ op: 'setProperty', at: plan.ref, path: ['sku', 'name'], value: v2 });
  else if (!/^i\d+m?v2$/i.test(name)) return undefined;
  const tier = plan.skuTier;
  if (tier !== undefined) {
    if (isUnknown(tier)) return undefined;
    if (tier.toLowerCase() === 'isolated') changes.push({ op: 'setProperty', at: plan.ref, path: ['sku', 'tier'], value: 'IsolatedV2' });
  }
  return changes;
}
