import type { Flow } from './flow';
import type { NodeRef, Range, Related } from './nodeRef';
import type { JsonValue } from './value';

/** What the rules report, and their quick fixes, as plain data that any front end renders. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * Where a value of a change goes the way it is written elsewhere: "the expression written
 * at `writtenAt` (or at `path` below it)", a scalar value of the analysed files (a subnet's `addressPrefix`, a
 * resource's `location`). The edit layer writes the same expression — the parameter, the
 * variable or the Bicep symbol the file uses there, or the literal — and, when that
 * expression would not mean the same where the value goes (another file, another
 * template scope), writes `otherwise`, or refuses the fix when there is none.
 * `anyExpression`: not only a reference or a literal but any expression that means the
 * same there (one that reads no loop index).
 */
export interface WrittenAt {
  writtenAt: NodeRef;
  /** The property of the element at `writtenAt` whose value it is (`['location']`); none: that element itself. */
  path?: PropertyPath;
  otherwise?: ChangeValue;
  anyExpression?: boolean;
}

/**
 * A value Azure assigns when it deploys a resource (an address), read from that resource
 * during the deployment: `property` of its runtime properties (`['internalInboundIpAddresses',
 * 0]`). `apiVersion` is the version the value is read with where a language reads a
 * resource by its id (ARM's `reference()`); a language that reads through a declaration
 * of the resource (Bicep's symbol) uses the declaration's.
 */
export interface DeployedValue {
  deployed: ResourceRef;
  property: (string | number)[];
  apiVersion: string;
}

/** A change's value: JSON (ARM expressions in strings, which the edit layer writes in the file's language), with values written as they are elsewhere or read from a deployed resource. */
export type ChangeValue = JsonValue | WrittenAt | DeployedValue | ChangeValue[] | { [key: string]: ChangeValue };

/** Property names below an element (`['properties', 'nextHopType']`), as Azure spells them; matched case-insensitively. Empty: the element itself. */
export type PropertyPath = readonly string[];

/**
 * A resource of the analysed files. `at` is the resource or anything inside it (an inline
 * subnet names the VNet that declares it). `type` and `name` (its full name, when that
 * is a plain literal) name it where a language refers to resources by id; without them
 * it can be named only where a language refers to it by its declaration.
 */
export interface DeclaredResource {
  at: NodeRef;
  type?: string;
  name?: string;
}

/** A resource the same fix adds, by the key its `addResource` or `addChild` gave it. */
export interface AddedResource {
  added: string;
}

export type ResourceRef = DeclaredResource | AddedResource;

/** A resource a fix adds. */
export interface NewResource {
  /** The full type (`Microsoft.Network/privateDnsZones/A` for a child of a zone). */
  type: string;
  /** Absent for a resource that can only be read by its id, never declared (an ASE's `capacities/virtualip`). */
  apiVersion?: string;
  /** Its own name (a child's without its parent's). */
  name: string;
  /**
   * A word for the resource where a language names it besides its name: a Bicep symbol
   * is the parent's symbol followed by it (`zone` and `apps` → `zoneApps`), and the fix is
   * refused when that symbol is taken.
   */
  label?: string;
  /** Deployed elsewhere: declared only to read from it (nothing is written where resources are read by id). */
  existing?: boolean;
  location?: ChangeValue;
  dependsOn?: ResourceRef[];
  properties?: ChangeValue;
}

/** Set the property at `path` of the element `at` (the element itself when `path` is empty), creating the objects on the way. A value the text takes from a parameter or a variable is set where it is defined. */
export interface SetProperty {
  op: 'setProperty';
  at: NodeRef;
  path: PropertyPath;
  value: ChangeValue;
}

/** Remove the property at `path` of the element `at` (the element itself when `path` is empty); a parameter it was the only use of goes too. */
export interface RemoveProperty {
  op: 'removeProperty';
  at: NodeRef;
  path: PropertyPath;
}

/** Insert `value` into the array at `path` of the element `at` (created when missing): before the item `before` when it is one of the array's, else at the end. */
export interface InsertItem {
  op: 'insertItem';
  at: NodeRef;
  path: PropertyPath;
  value: ChangeValue;
  before?: NodeRef;
  /**
   * The item is one of a kind its neighbours in the array show (a security rule among
   * rules): the edit layer writes it as they are written — their property order, their
   * naming style for its `name` (kept unique), arrays on one line when theirs are — and
   * writes the properties at `optional` (`['properties', 'description']`) only when every
   * neighbour has them.
   */
  likeNeighbours?: { optional?: PropertyPath[] };
  /**
   * Strings of the item a person may want to choose (a rule's `name`): an editor that
   * takes snippets lets them type over each, in order, once the fix is applied.
   */
  placeholders?: PropertyPath[];
}

/** Add a resource to the file and template that declare the resource at `beside`, after their resources. */
export interface AddResource {
  op: 'addResource';
  key?: string;
  beside: NodeRef;
  resource: NewResource;
}

/** Add a child resource under `parent` (which it depends on), in the file and template that declare the parent. */
export interface AddChild {
  op: 'addChild';
  key?: string;
  parent: DeclaredResource;
  resource: NewResource;
}

/** Make the resource `from` wait for `on` (in the same file and template). */
export interface AddDependency {
  op: 'addDependency';
  from: ResourceRef;
  on: ResourceRef;
}

/**
 * Rename a resource the files declare (`at`: the resource): its own name — a child's
 * without its parent's — changes from `from` to `to` where the name is written, whether
 * the name is a literal, the tail of an interpolation or a string in an ARM expression.
 * Both are DNS-style labels (letters, digits, `*`, `@`, `.`, `-`, `_`). Refused when
 * `from` is not written exactly once at the end of a string of the name.
 */
export interface RenameResource {
  op: 'renameResource';
  at: NodeRef;
  from: string;
  to: string;
}

/**
 * One change of a fix, as meaning: the edit layer (edits/render.ts) places it in the
 * file's language, or refuses the whole fix when a part cannot be placed.
 */
export type Change = SetProperty | RemoveProperty | InsertItem | AddResource | AddChild | AddDependency | RenameResource;

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
  /**
   * Applied only when a person chooses it, never by fix-all (on save, `ase-lint --fix`):
   * it changes more than the network — what the deployment costs (a plan's tier).
   */
  chosenOnly?: true;
}

/** One text replacement in a file, in LSP coordinates. */
export interface RawEdit {
  uri: string;
  range: Range;
  newText: string;
  /** The same edit as an LSP snippet with placeholders (`${1:reason}`), for an editor that takes snippets. */
  snippet?: string;
}

export interface Finding {
  message: string;
  /** Only for rules that report at two levels (ASE401: under the recommendation vs under the minimum). */
  severity?: Severity;
  at: NodeRef;
  related?: Related[];
  fix?: Fix;
  /** What a short message leaves out, one item each (what ASE902 could not verify): the editor shows them in the finding's hover. */
  details?: string[];
}

/** A finding with the rule that produced it, ready for any front end. */
export interface ReportedFinding extends Finding {
  code: string;
  name: string;
  severity: Severity;
  /**
   * Where the parameters file the analysis used gives a value that causes the finding (a
   * `.bicepparam` line, an entry's `value`): the finding is shown there too (see
   * engine/parameterValues.ts).
   */
  parameterValues?: Related[];
}
