import type { Related } from '../../core/nodeRef';
import { isSymbolic } from '../../core/symbolic';
import { isUnknown } from '../../core/value';
import type { AppServiceEnvironment, NetworkModel } from '../../model/types';
import { aseSites, displayName } from './aseSite';

/** The ASE and, when it resolves, its subnet: related information for ASE-level findings. */
export function aseRelated(model: NetworkModel, ase: AppServiceEnvironment): Related[] {
  return aseSites(model).find((s) => s.ase === ase)?.related ?? [{ message: `App Service Environment ${displayName(ase.name)}`, at: ase.ref }];
}

/** Lower case, without surrounding spaces or dots. */
export function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^\.+|\.+$/g, '');
}

/** The ILB ASE's domain: `dnsSuffix`, else `<name>.appserviceenvironment.net`; undefined when unresolved. */
export function aseDomain(ase: AppServiceEnvironment): string | undefined {
  if (ase.dnsSuffix) {
    const v = ase.dnsSuffix.value;
    if (isUnknown(v) || isSymbolic(v)) return undefined;
    const d = normaliseDomain(v);
    if (d !== '') return d;
  }
  if (typeof ase.name !== 'string' || isSymbolic(ase.name)) return undefined;
  return `${ase.name.toLowerCase()}.appserviceenvironment.net`;
}
