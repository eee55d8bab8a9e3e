import type { Related } from '../../core/nodeRef';
import { isSymbolic } from '../../core/symbolic';
import { isUnknown } from '../../core/value';
import type { AppServiceEnvironment, NetworkModel } from '../../model/types';
import { displayName } from './aseSite';

/**
 * The ASE and, when it resolves, its subnet: related information for ASE-level findings.
 * Found without `aseSites`, whose ASEs have a known version: rules that do not read the
 * ASE's version (ILB mode and domain rules) point at its subnet all the same.
 */
export function aseRelated(_model: NetworkModel, ase: AppServiceEnvironment): Related[] {
  const subnet = ase.subnet?.target;
  const self: Related = { message: `App Service Environment ${displayName(ase.name)}`, at: ase.ref };
  if (!subnet || isUnknown(subnet.condition)) return [self];
  return [{ ...self, context: true }, { message: `Its subnet ${displayName(subnet.subnetName)}`, at: subnet.ref, context: true }];
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
