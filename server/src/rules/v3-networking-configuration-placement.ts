import type { Change, ChangeValue, Finding, Fix } from '../core/findings';
import { isUnknown } from '../core/value';
import type { AppServiceEnvironment, AseNetworkingSetting } from '../model/types';
import { displayName } from './support/aseSite';
import { declaredResource } from './support/resources';
import type { Rule } from './types';

const ASE_TYPE = 'Microsoft.Web/hostingEnvironments';
const CONFIGURATIONS_TYPE = 'Microsoft.Web/hostingEnvironments/configurations';
const SETTINGS: readonly AseNetworkingSetting[] = ['allowNewPrivateEndpointConnections', 'ftpEnabled', 'remoteDebugEnabled', 'inboundIpAddressOverride'];

/**
 * The networking settings of an ASEv3 written in its own `properties.networkingConfiguration`,
 * which the resource provider does not apply: they take effect only in the ASE's
 * `configurations/networking` child.
 */
export const v3NetworkingConfigurationPlacement: Rule = {
  code: 'ASE410',
  name: 'v3-networking-configuration-placement',
  title: "An ASEv3's networking settings belong in its configurations/networking child, not in its own networkingConfiguration, which Azure does not apply.",
  severity: 'warning',
  appliesTo: ['v3'],
  reads: ['ase.kind', 'ase.networking'],
  check(model) {
    const out: Finding[] = [];
    for (const ase of model.ases) {
      if (ase.version !== 'v3' || isUnknown(ase.condition)) continue;
      const own = ase.ownNetworking;
      if (!own) continue;
      const written = SETTINGS.filter((k) => own[k] !== undefined);
      const finding: Finding = {
        message: `ASEv3 ${displayName(ase.name)} sets ${andList(written)} in its own networkingConfiguration, where Azure does not apply ${written.length > 1 ? 'them' : 'it'}: the settings take effect only in its configurations/networking child`,
        at: own.ref,
        related: [{ message: `App Service Environment ${displayName(ase.name)}`, at: ase.ref, context: true }],
      };
      if (ase.networking) finding.related!.push({ message: `Its configurations/networking child`, at: ase.networking.ref });
      const fix = moveFix(ase, written);
      if (fix) finding.fix = fix;
      out.push(finding);
    }
    return out;
  },
};

/** Moves the settings into the child (created when missing), written as they were; a setting the child has already is only removed (the child's wins). */
function moveFix(ase: AppServiceEnvironment, written: AseNetworkingSetting[]): Fix | undefined {
  const own = ase.ownNetworking!;
  if (!ase.ref.path || written.some((k) => !own[k]!.ref.path)) return undefined;
  const changes: Change[] = [];
  const moved: Record<string, ChangeValue> = {};
  const child = ase.networking;
  if (child && (child.existing || !child.ref.path || isUnknown(child.condition) || child.ref.uri !== ase.ref.uri)) return undefined;
  for (const k of written) {
    if (child && child[k] !== undefined) continue;
    // Written as the ASE writes it (a parameter stays a parameter); a literal true/false as itself.
    const { value, ref } = own[k]!;
    moved[k] = isUnknown(value) ? { writtenAt: ref, anyExpression: true } : { writtenAt: ref, anyExpression: true, otherwise: value };
  }
  if (own.onlySettings) changes.push({ op: 'removeProperty', at: ase.ref, path: ['properties', 'networkingConfiguration'] });
  else if (own.holderRef?.path) for (const k of written) changes.push({ op: 'removeProperty', at: own.holderRef, path: [k] });
  else return undefined;
  if (child) {
    for (const [k, v] of Object.entries(moved)) changes.push({ op: 'setProperty', at: child.ref, path: ['properties', k], value: v });
  } else if (Object.keys(moved).length > 0) {
    changes.push({
      op: 'addChild',
      parent: declaredResource(ase, ASE_TYPE),
      resource: { type: CONFIGURATIONS_TYPE, apiVersion: '2022-03-01', name: 'networking', label: 'networking', properties: moved },
    });
  }
  return { title: child ? 'Move the settings into the configurations/networking child' : 'Move the settings into a configurations/networking child', changes };
}

/** `a`, `a and b`, `a, b and c`. */
function andList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
