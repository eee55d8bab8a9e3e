import type { Change, Finding } from '../core/findings';
import { isUnknown } from '../core/value';
import type { AppServiceEnvironment, Site } from '../model/types';
import { displayName } from './support/aseSite';
import { declaredResource } from './support/resources';
import type { Rule } from './types';

const ASE_TYPE = 'Microsoft.Web/hostingEnvironments';
const CONFIGURATIONS_TYPE = 'Microsoft.Web/hostingEnvironments/configurations';

/**
 * A private endpoint to an app on an ASEv3 is refused unless the ASE allows new private
 * endpoint connections (`allowNewPrivateEndpointConnections` in its
 * `configurations/networking`), which it does not by default.
 */
export const v3PrivateEndpointNotAllowed: Rule = {
  code: 'ASE412',
  name: 'v3-private-endpoint-not-allowed',
  title: 'A private endpoint to an app on an ASEv3 needs the ASE to allow new private endpoint connections in its configurations/networking.',
  severity: 'error',
  appliesTo: ['v3'],
  reads: ['ase.kind', 'ase.networking', 'plans', 'sites', 'privateEndpoints'],
  check(model) {
    const out: Finding[] = [];
    for (const pe of model.privateEndpoints) {
      if (isUnknown(pe.condition) || isUnknown(pe.targets)) continue;
      for (const target of pe.targets) {
        const site = target.key === undefined ? undefined : model.sites.find((s) => s.key === target.key && !isUnknown(s.condition));
        if (!site) continue;
        const ase = aseOf(site);
        if (!ase || ase.version !== 'v3' || isUnknown(ase.condition)) continue;
        const child = ase.networking;
        const allow = child?.allowNewPrivateEndpointConnections;
        if (child && (isUnknown(child.condition) || (allow && typeof allow.value !== 'boolean'))) continue;
        if (allow?.value === true) continue;
        const finding: Finding = {
          message: `Private endpoint ${displayName(pe.name)} connects to app ${displayName(site.name)} on ASEv3 ${displayName(ase.name)}, which does not allow new private endpoint connections (allowNewPrivateEndpointConnections ${allow ? 'is false' : 'is not set'} in its configurations/networking): Azure refuses the connection`,
          at: target.ref,
          related: [
            { message: `App ${displayName(site.name)}`, at: site.ref, context: true },
            { message: `App Service Environment ${displayName(ase.name)}`, at: ase.ref, context: true },
            ...(child ? [{ message: 'Its configurations/networking child', at: allow?.ref ?? child.ref }] : []),
          ],
        };
        const change = allowChange(ase);
        if (change) finding.fix = { title: 'Allow new private endpoint connections on the ASE', changes: [change] };
        out.push(finding);
      }
    }
    return out;
  },
};

/** The ASE an app runs on: its own `hostingEnvironmentProfile`, else its plan's; only one the analysed files create. */
function aseOf(site: Site): AppServiceEnvironment | undefined {
  const ase = site.hostingEnvironment?.target ?? site.plan?.target?.hostingEnvironment?.target;
  return ase && !ase.existing ? ase : undefined;
}

/** `allowNewPrivateEndpointConnections: true` in the ASE's child (created when missing, in the ASE's file). */
function allowChange(ase: AppServiceEnvironment): Change | undefined {
  const child = ase.networking;
  if (child) {
    if (!child.ref.path || child.existing) return undefined;
    return { op: 'setProperty', at: child.ref, path: ['properties', 'allowNewPrivateEndpointConnections'], value: true };
  }
  if (!ase.ref.path) return undefined;
  return {
    op: 'addChild',
    parent: declaredResource(ase, ASE_TYPE),
    resource: { type: CONFIGURATIONS_TYPE, apiVersion: '2022-03-01', name: 'networking', label: 'networking', properties: { allowNewPrivateEndpointConnections: true } },
  };
}
