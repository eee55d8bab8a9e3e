import type { NodeRef } from '../../core/nodeRef';
import { isUnknown } from '../../core/value';
import type { AppServiceEnvironment, NetworkModel, Site } from '../../model/types';

/**
 * Whether the ASE serves its apps on the public VIP: the ILB mode does not include
 * `Web` (`None`, or `Publishing`, which moves only FTP and deployment to the ILB).
 * Undefined when the mode is unresolved.
 */
export function servesAppsPublicly(ase: AppServiceEnvironment): boolean | undefined {
  if (isUnknown(ase.ilbMode)) return undefined;
  return ase.ilbMode === 'None' || ase.ilbMode === 'Publishing';
}

/** Apps hosted on the ASE, directly or through their plan, whose condition is decided. */
export function appsIn(model: NetworkModel, ase: AppServiceEnvironment): Site[] {
  return model.sites.filter(
    (s) => !isUnknown(s.condition) && (s.hostingEnvironment?.target === ase || s.plan?.target?.hostingEnvironment?.target === ase),
  );
}

const BINDING_TYPE = 'microsoft.web/sites/hostnamebindings';

/**
 * The apps certainly on `ase` that certainly have an IP-based SSL binding: an app, its
 * plan or the binding resource whose condition is unresolved does not count.
 */
export function ipBasedSslApps(model: NetworkModel, ase: AppServiceEnvironment): Site[] {
  const uncertainBindings = uncertainBindingsOf(model);
  return model.sites.filter(
    (site) =>
      !isUnknown(site.condition) &&
      onAse(site, ase) &&
      site.ipBasedSsl.some((ref) => !uncertainBindings.some((b) => mayHold(b.ref, ref))),
  );
}

// Asked once per ASE; the bindings are the model's, so they are found once per model
// (and again if its resource list is replaced or grows).
const bindings = new WeakMap<NetworkModel, { resources: NetworkModel['resources']; length: number; uncertain: NetworkModel['resources'] }>();

function uncertainBindingsOf(model: NetworkModel): NetworkModel['resources'] {
  const kept = bindings.get(model);
  if (kept && kept.resources === model.resources && kept.length === model.resources.length) return kept.uncertain;
  const uncertain = model.resources.filter((r) => r.type.toLowerCase() === BINDING_TYPE && isUnknown(r.condition));
  bindings.set(model, { resources: model.resources, length: model.resources.length, uncertain });
  return uncertain;
}

function onAse(site: Site, ase: AppServiceEnvironment): boolean {
  if (site.hostingEnvironment?.target === ase) return true;
  const plan = site.plan?.target;
  return plan !== undefined && !isUnknown(plan.condition) && plan.hostingEnvironment?.target === ase;
}

/** Whether the resource at `owner` may contain `ref` (by source path; without paths, assume it may). */
function mayHold(owner: NodeRef, ref: NodeRef): boolean {
  if (owner.uri !== ref.uri) return false;
  if (!owner.path || !ref.path) return true;
  return owner.path.length <= ref.path.length && owner.path.every((seg, i) => seg === ref.path![i]);
}
