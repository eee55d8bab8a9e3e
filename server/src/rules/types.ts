import type { Finding, Severity } from '../core/findings';
import type { AseVersion, NetworkModel } from '../model/types';

export interface Rule {
  code: string;
  name: string;
  title: string;
  docs: string;
  severity: Severity;
  appliesTo: AseVersion[] | 'any';
  check(model: NetworkModel): Finding[];
}
