import type { BicepFile, Declaration, ResourceDeclaration } from '../../parse/bicep';
import type { Maybe, Value } from '../../core/value';
import type { BicepOrigin } from './origins';
import type { ResourceInstance } from './fileScope';
import type { TypedResource } from '../../model/assemble';

/**
 * Reuse of the lowering of Bicep declarations between versions of a document.
 *
 * The evaluation of a top-level declaration (a param's or var's value, plain or identity;
 * a resource's instances) is a function of its syntax tree and of what it reads through
 * its file's symbols: other declarations' values, the values given to parameters, which
 * declaration a function's name binds. The parse of a new version keeps the tree of every
 * declaration its edit cannot reach (parse/bicep/reuse.ts): the same objects, moved to
 * their new offsets when the edit changed the length. So the
 * analysis of a version keeps, for each declaration it evaluated, what the evaluation
 * read (in order, with each answer), the objects and arrays it built with their syntax,
 * and the budget it spent; the next version's analysis asks the same questions again in
 * the same order, and when every answer is the same (the same object, for objects) it
 * takes the kept results instead of evaluating: the evaluation would go the same way and
 * build values equal to them. Asking again computes (or takes) the declarations read, at
 * the point an evaluation from nothing would have; the first different answer stops it,
 * and the declaration is evaluated, its questions answered from what is now known.
 *
 * What an evaluation did besides reading symbols — load a module, an imported file or
 * loaded content, add a note, number an unresolved resource, read a nested resource,
 * evaluate inside a function call or in another file's surroundings, reach the limit of
 * the stack — cannot be given again that way: such a declaration is not kept (`volatile`)
 * and is evaluated in every version; those that read it compare its answer. Nested
 * resources are made again in every version (in work of their own), so reading one's
 * value makes the reader volatile; `parent::child.property`, like `symbol.property`, is
 * asked as one question, whose answer (an id: a string) compares alike.
 *
 * Bounds: the latest analysis of at most eight documents (what that analysis holds
 * anyway while the document is open); `forgetReuse()` forgets it all, and nothing is
 * kept or taken when reuse between versions is off (the command line without fixes).
 *
 * Kept results are given to the new analysis, never changed: the values are shared (no
 * stage after the lowering writes into them), and their origins are recorded again with
 * the new version's file and surroundings, so ranges follow the new text's lines.
 *
 * What the model made of a kept resource instance (its typed NSG, route table or VNet
 * recipe, model/assemble.ts) is kept too, by the instance's value, and taken again when
 * the edit added or removed no line break (lower/bicep/build.ts, KeptTyped).
 */

/** One question an evaluation asked its file, with the answer it got. */
export type Read =
  | { kind: 'symbol'; name: string; identity: boolean; value: Value | undefined }
  /** `name.property`: the property's value is the answer, whatever else the symbol's value holds. */
  | { kind: 'property'; name: string; property: string; identity: boolean; value: Value }
  /** `parent::name.property`: `parent` is the value the evaluation had (a kept resource's value is the same object in the next version). */
  | { kind: 'nestedProperty'; parent: Value; name: string; property: string; identity: boolean; value: Value }
  | { kind: 'param'; name: string; identity: boolean; value: Value | undefined }
  /** Which declaration and import a function name binds (the function's body is evaluated in the asking declaration's own work). */
  | { kind: 'function'; name: string; decl: Declaration | undefined; imported: object | undefined };

/** One evaluation as kept: what it asked, what it built, what it spent, what it gave. */
export interface Lowered<T> {
  reads: readonly Read[];
  /** The objects and arrays it built, each with its origin (`values[i]` came from `origins[i]`). */
  values: readonly object[];
  origins: readonly BicepOrigin[];
  /** Budget units spent by the evaluation itself, not by the declarations it read. */
  spent: number;
  result: T;
}

/** An evaluation under way: the file it belongs to collects into it (see FileScope). */
export class Frame {
  readonly reads: Read[] = [];
  values: object[] = [];
  origins: BicepOrigin[] = [];
  /** `values` is a kept evaluation's list, shared with it: copied before anything is added (see collect). */
  private shared = false;
  /** Spent by the evaluations of other declarations it read. */
  inner = 0;
  spent = 0;

  constructor(
    /** The file scope whose evaluation this is: an origin recorded in other surroundings makes it volatile. */
    readonly symbols: object,
    /** The budget already used when it began. */
    readonly start: number,
    /** Not to be kept (see the top of this file). */
    public volatile: boolean,
  ) {}

  /** A value built, with its origin. */
  collect(value: object, origin: BicepOrigin): void {
    if (this.shared) {
      this.values = this.values.slice();
      this.shared = false;
    }
    this.values.push(value);
    this.origins.push(origin);
  }

  /** A kept evaluation's values, with their origins in this version: its list is taken as it is when nothing was built before. */
  collectKept(values: readonly object[], origins: BicepOrigin[]): void {
    if (this.values.length === 0) {
      this.values = values as object[];
      this.origins = origins;
      this.shared = true;
      return;
    }
    for (let i = 0; i < values.length; i++) this.collect(values[i], origins[i]);
  }

  kept<T>(result: T): Lowered<T> {
    return { reads: this.reads, values: this.values, origins: this.origins, spent: this.spent, result };
  }
}

/** The evaluations of one analysis of a document, by declaration (the syntax node, kept by the next version's parse when the edit did not reach it). */
export class Lowering {
  readonly plain = new Map<Declaration, Lowered<Value>>();
  readonly identity = new Map<Declaration, Lowered<Value>>();
  readonly resources = new Map<ResourceDeclaration, Lowered<ResourceInstance[]>>();
  /** A loop resource's value (one per instance), so a reader compares the same array. */
  readonly loops = new Map<ResourceDeclaration, { plain?: Value[]; identity?: Value[] }>();
  /**
   * What the model made of the document's own NSGs, route tables and VNets (model/assemble.ts),
   * by the instance's value: a kept instance has the same value object in the next version
   * (see lower/bicep/build.ts, KeptTyped).
   */
  readonly typed = new Map<object, TypedResource>();
  /** The table of lists the security rules of its model share (model/security.ts), which the typed resources kept hold lists of. */
  lists = new Map<string, Maybe<string>[]>();

  constructor(
    /** Everything its evaluations depend on besides their syntax and what they read: where the document deploys, its parameters file. */
    readonly key: string,
    /** The version evaluated. */
    readonly file: BicepFile,
  ) {}
}

/** What one build of a document reuses from (`previous`) and keeps for the next (`next`). */
export interface LoweringReuse {
  previous: Lowering | undefined;
  next: Lowering;
}

/**
 * The last analysis's evaluations of each document: at most `maxDocuments` documents,
 * one analysis each (the latest; the least recently analysed document goes first), so
 * what is kept is what the latest analyses hold anyway, and goes with them.
 */
export class BicepLowerings {
  private readonly kept = new Map<string, Lowering>();
  enabled = true;

  constructor(private readonly maxDocuments = 8) {}

  /** The reuse for a build of the document `uri` whose evaluations depend on `key`; undefined when nothing is kept. */
  begin(uri: string, key: string, file: BicepFile): LoweringReuse | undefined {
    if (!this.enabled) return undefined;
    const had = this.kept.get(uri);
    return { previous: had && had.key === key ? had : undefined, next: new Lowering(key, file) };
  }

  /** Keeps a build's evaluations for the next version of `uri`. */
  commit(uri: string, lowering: Lowering): void {
    if (!this.enabled) return;
    this.kept.delete(uri);
    this.kept.set(uri, lowering);
    for (const key of this.kept.keys()) {
      if (this.kept.size <= this.maxDocuments) break;
      this.kept.delete(key);
    }
  }

  /** What the latest build of `uri` kept (for the tests). */
  latest(uri: string): Lowering | undefined {
    return this.kept.get(uri);
  }

  /** Forgets what was kept for `uri` (its build could not be kept: the budget ran out). */
  drop(uri: string): void {
    this.kept.delete(uri);
  }

  clear(): void {
    this.kept.clear();
  }
}

/** The one store the engine uses. */
export const bicepLowerings = new BicepLowerings();

/** Forgets every kept evaluation: the next build of every document evaluates from nothing. */
export function forgetBicepLowerings(): void {
  bicepLowerings.clear();
}

/** Whether builds keep their evaluations for the next version (off: nothing is kept or reused). */
export function keepBicepLowerings(on: boolean): void {
  bicepLowerings.enabled = on;
  if (!on) bicepLowerings.clear();
}
