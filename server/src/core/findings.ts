import type { Flow } from './flow';
import type { NodePath, NodeRef, Range, Related } from './nodeRef';
import type { JsonValue } from './value';

/** What the rules report, and their quick fixes, as plain data that any front end renders. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * Where a value of a Change goes the way it is written elsewhere: "the expression written
 * at `writtenAt`", a scalar value of the analysed files (a subnet's `addressPrefix`). The
 * edit layer writes the same expression — the parameter, the variable or the Bicep symbol
 * the file uses there, or the literal — and refuses the fix when that expression would
 * not mean the same where the value goes (another file, another template scope).
 */
export interface WrittenAt {
  writtenAt: NodeRef;
}

/** A Change's value: JSON (ARM expressions in strings, as in ARM), with WrittenAt where a value is to be written as it is elsewhere. */
export type ChangeValue = JsonValue | WrittenAt | ChangeValue[] | { [key: string]: ChangeValue };

/**
 * One edit, as data: at the element `target`, set the property at `path` (relative to
 * the target object, names matched case-insensitively by the renderer) to `value`.
 * `value: undefined` removes the property. With `insert`, the value is inserted into the
 * array at `path` (created when missing) at that index, or at the end.
 *
 * Setting a value that the text names through a parameter or a variable sets it where it
 * is defined (the parameters file, the caller's argument, the default, the variable):
 * the edit layer follows the reference (edits/definitions.ts), or refuses the fix.
 */
export interface Change {
  target: NodeRef;
  path: NodePath;
  value: ChangeValue | undefined;
  insert?: number | 'end';
}

export interface Fix {
  /** Imperative, no trailing period: "Allow AzureLoadBalancer inbound". */
  title: string;
  changes: Change[];
  /** Edits of text that is no model element (a suppression comment), applied as written. */
  textEdits?: RawEdit[];
  /**
   * The flows a fix that allows traffic through an NSG is meant to open: its purpose.
   * Before the fix is offered, what the rules it adds or changes admit (within the
   * subnets the NSG guards) must lie inside these flows; a fix without them may not
   * widen any NSG.
   */
  opens?: Flow[];
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
