import type { NodePath, NodeRef, Range, Related } from '../model/nodeRef';
import type { AseVersion, NetworkModel } from '../model/types';
import type { JsonValue } from '../model/value';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * One edit, as data: at the element `target`, set the property at `path` (relative to
 * the target object, names matched case-insensitively by the renderer) to `value`.
 * `value: undefined` removes the property. With `insert`, the value is inserted into the
 * array at `path` (created when missing) at that index, or at the end.
 */
export interface Change {
  target: NodeRef;
  path: NodePath;
  value: JsonValue | undefined;
  insert?: number | 'end';
}

export interface Fix {
  /** Imperative, no trailing period: "Allow AzureLoadBalancer inbound". */
  title: string;
  changes: Change[];
  /** Edits of text that is no model element (a suppression comment), applied as written. */
  textEdits?: RawEdit[];
}

/** One text replacement in a file, in LSP coordinates. */
export interface RawEdit {
  uri: string;
  range: Range;
  newText: string;
}

export interface Finding {
  message: string;
  /** Only for rules that report at two levels (ASE401: under the recommendation vs under the minimum). */
  severity?: Severity;
  at: NodeRef;
  related?: Related[];
  fix?: Fix;
}

/** A finding with the rule that produced it, ready for any front end. */
export interface ReportedFinding extends Finding {
  code: string;
  name: string;
  severity: Severity;
}

export interface Rule {
  code: string;
  name: string;
  title: string;
  docs: string;
  severity: Severity;
  appliesTo: AseVersion[] | 'any';
  check(model: NetworkModel): Finding[];
}
