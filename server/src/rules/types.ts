import type { Finding, Severity } from '../core/findings';
import type { AseVersion, NetworkModel } from '../model/types';
import type { ModelPart } from './reads';

/**
 * A rule of the catalogue. Its prose is its page, docs/rules/<name>.md (the editor, the
 * diagnostics' links and SARIF's help read it there); CONTRIBUTING.md says how to add one.
 */
export interface Rule {
  code: string;
  name: string;
  title: string;
  severity: Severity;
  appliesTo: AseVersion[] | 'any';
  /**
   * The parts of the model the rule reads (rules/reads.ts). ASE902 names the rule for a
   * value it could not resolve in one of them; test/meta/reads.test.ts fails on a read
   * the list leaves out.
   */
  reads: readonly ModelPart[];
  /** `catalogue`: every rule, for ASE902, which names the rules an unresolved value silences. */
  check(model: NetworkModel, catalogue: readonly Rule[]): Finding[];
}
