import type { Node } from 'jsonc-parser';
import type { BuildOptions } from '../../core/host';
import { changeBetween, type TextChange } from '../../core/textDiff';
import type { AnalysisBudget } from '../../eval/limits';
import type { DeclaredResource } from '../../model/buildContext';
import { typedRef, type TypedResource, type TypedReuse } from '../../model/assemble';
import type { ResourceBase } from '../../model/types';
import { samePlace } from '../../core/nodeRef';
import type { ArmDocument } from '../../parse/arm';
import { childIndexAt } from '../../parse/jsonNode';
import { ArmScope, inertScope, type TemplateFrame } from './armScope';
import type { Declared } from './declarations';
import { elementRefOf, type Located, type Origins, type SourceContext } from './origin';
import type { FrontScope } from './scopeTypes';

/**
 * Re-analysis of an ARM template keeps the lowering of the resources an edit did not
 * touch. Lowering a top-level resource element — converting its JSON, evaluating its
 * expressions, recording where each object came from — gives the same result whenever
 * what it reads is the same: the element's text, the template's text outside its
 * `resources` (parameters, variables, functions, schema), the parameters file, the
 * options, and the parameters and variables it reads (which depend on nothing else).
 * A lowering that reads anything other resources contribute (`reference()`, nested
 * deployments and what they deploy, a linked template) or whose result depends on
 * what was lowered before it (a note said once, the number of an unresolved key, a
 * cycle of variables) is tracked while it runs and not kept.
 *
 * What is kept per element, by its text: the declared resources, the values, and the
 * records of where each object came from (with the records of the parameter and
 * variable values it read). Placed in a new build, the records and declared resources
 * point at the new tree's nodes (the element's text is the same, so its nodes are the
 * same at the same distance from its start; outside `resources` the text is the same
 * too) and at the new build's frame, so ranges, paths and identity evaluations are
 * those of the new text. Values are shared, never changed: nothing after lowering
 * writes into them.
 *
 * The work budget: a replayed element is charged what its lowering spent, and the
 * parameters and variables it read what their evaluation spent, so a build with reuse
 * spends at least what a build from nothing would. When it runs out, the document is
 * built again from nothing, which decides.
 *
 * The typed form of a kept resource (model/assemble.ts: an NSG with its rules, a route
 * table with its routes, the recipe of a VNet with its inline subnets) is kept with it,
 * and taken again when its element is replayed where every place in it reads as
 * before: the element comes before the change, or after
 * it on a line of its own when the change adds or removes no line break (the same lines
 * and characters), the text after `resources` reads the same places too, and the
 * declaration's own ref (its path: the same index) is the same. Its values are the same
 * objects, so everything typing reads is the same. Typing that spends the budget
 * (identity evaluations) is not kept.
 *
 * Bounded: per document (at most MAX_DOCUMENTS, least recently used dropped) at most
 * MAX_CONTEXTS texts outside `resources` (the user's and, say, a verified fix that
 * edits a parameter), each keeping only the elements its last build had.
 */

const MAX_DOCUMENTS = 8;
const MAX_CONTEXTS = 2;

/** Thrown when something kept cannot be placed on the new text: the build starts again from nothing. */
export class ReuseFailed extends Error {}

/** The records of a parameter's or variable's value, as one evaluation made them. */
interface MemoRecords {
  values: object[];
  located: Located[];
  /** What its evaluation spent of the budget. */
  cost: number;
}

interface Kept {
  /** The element's node and place in the tree and text of the build the records point into. */
  unit: Node;
  offset: number;
  length: number;
  declared: Declared[];
  values: object[];
  located: Located[];
  memos: MemoRecords[];
  cost: number;
  /** What the model made of each declared resource, where it keeps it (model/assemble.ts: NSGs, route tables, VNets' recipes). */
  typed: (TypedResource | undefined)[];
}

/** What the last build of a document in one context kept. */
interface Context {
  before: string;
  after: string;
  parameters: string;
  options: string;
  /** The build the records point into. */
  doc: ArmDocument;
  paramsDoc: ArmDocument | undefined;
  frame: TemplateFrame;
  arrayStart: number;
  arrayEnd: number;
  /** In the order of the elements. */
  kept: Kept[];
}

interface Recorder {
  reads: Set<string>;
  impure: boolean;
  from: number;
  spent: number;
}

interface MemoInfo {
  reads: Set<string>;
  impure: boolean;
  values: object[];
  cost: number;
  records?: MemoRecords;
}

/**
 * Watches one build's lowering: which parameters and variables (of the analysed
 * template's frame and its identity twin, and of the parameters file) each resource
 * reads, what their evaluation recorded and spent, and whether anything read depends on
 * other resources.
 */
export class LoweringTracker {
  private readonly stack: Recorder[] = [];
  readonly infos = new Map<string, MemoInfo>();

  constructor(
    private readonly origins: Origins,
    private readonly budget: AnalysisBudget,
  ) {
    origins.journal = [];
  }

  begin(): Recorder {
    const r: Recorder = { reads: new Set(), impure: false, from: this.origins.journal!.length, spent: this.budget.used };
    this.stack.push(r);
    return r;
  }

  end(r: Recorder): { values: object[]; cost: number } {
    this.stack.pop();
    return { values: this.origins.journal!.slice(r.from), cost: this.budget.used - r.spent };
  }

  read(key: string): void {
    if (this.stack.length > 0) this.stack[this.stack.length - 1].reads.add(key);
  }

  /** What is being lowered depends on more than its text and its context. */
  impure(): void {
    for (const r of this.stack) r.impure = true;
  }

  /** A parameter's or variable's first evaluation. */
  memoised<T>(key: string, compute: () => T): T {
    this.read(key);
    const r = this.begin();
    let done = false;
    try {
      const v = compute();
      done = true;
      return v;
    } finally {
      const { values, cost } = this.end(r);
      this.infos.set(key, { reads: r.reads, impure: r.impure || !done, values, cost });
    }
  }
}

/** The per-build side of the reuse: replays kept elements, keeps the ones it lowers. */
export interface ResourceReuse {
  resource(unit: Node, declared: Declared[], lower: () => void): void;
}

/** Everything a build's reuse needs to know about the build. */
export interface BuildState {
  doc: ArmDocument;
  paramsDoc: ArmDocument | undefined;
  frame: TemplateFrame;
  origins: Origins;
  budget: AnalysisBudget;
}

class Build implements ResourceReuse, TypedReuse {
  readonly tracker: LoweringTracker;
  readonly next: Kept[] = [];
  replayed = 0;
  lowered = 0;
  /** Whether kept typed resources are taken (false: every resource typed afresh, and kept for the next version). */
  takesTyped = true;
  /** Typed resources taken from the kept build (their `dependsOn` is checked, never written: see dependsOn.ts). */
  readonly typedTaken = new Set<ResourceBase>();
  /** The typed form kept for a replayed declaration whose places read as before. */
  private readonly typedFor = new Map<DeclaredResource, TypedResource>();
  /** Where the typed form of a declaration of this build is kept for the next one. */
  private readonly slotOf = new Map<DeclaredResource, { kept: Kept; index: number }>();
  private typingFrom = 0;
  /**
   * Whether what a typed resource can point to after `resources` reads the same places as
   * in the kept build (see readsAlike): the text after it does, or holds none of the
   * template's parameters, variables and functions, whose places are the only ones outside
   * its element that typing a resource records.
   */
  private readonly afterAlike: boolean = false;
  private readonly used = new Set<Kept>();
  private readonly memosPlaced = new Map<MemoRecords, MemoRecords>();
  private readonly memosMade = new Map<string, MemoRecords>();
  private readonly contexts = new Map<SourceContext, SourceContext>();
  private readonly scopes = new Map<FrontScope, FrontScope>();
  private readonly oldDoc: ArmDocument | undefined;
  /** Where the kept build's text and this one differ. */
  private readonly change: TextChange | undefined;
  private readonly byOffset = new Map<number, Kept>();
  private byLength: Map<number, Kept[]> | undefined;
  private lastContext: [SourceContext, SourceContext] | undefined;
  private readonly outside: Cursor | undefined;
  private readonly inParameters: Cursor | undefined;

  constructor(
    readonly key: Omit<Context, 'doc' | 'paramsDoc' | 'frame' | 'kept'>,
    private readonly previous: Context | undefined,
    readonly state: BuildState,
  ) {
    this.tracker = new LoweringTracker(state.origins, state.budget);
    this.oldDoc = previous?.doc;
    if (previous) {
      this.change = changeBetween(previous.doc.text, state.doc.text);
      for (const k of previous.kept) this.byOffset.set(k.offset, k);
      if (state.doc.root) this.outside = new Cursor(state.doc.root);
      if (state.paramsDoc?.root) this.inParameters = new Cursor(state.paramsDoc.root);
      // Typed resources are taken only where what they can point to after `resources` reads the same places too.
      if (this.change && (!definesAfter(state.doc.root, key.arrayEnd) || this.readsAlike(previous.arrayEnd, key.arrayEnd))) this.afterAlike = true;
    }
  }

  /**
   * Whether the offset `old` of the kept build's text, after the change, and `now` of this
   * one stand at the same line and character, on a line that begins after the change:
   * then every offset after them does too.
   */
  private readsAlike(old: number, now: number): boolean {
    const change = this.change!;
    if (old < change.oldEnd || now - old !== change.newEnd - change.oldEnd) return false;
    const a = this.previous!.doc.lines.position(old);
    const b = this.state.doc.lines.position(now);
    return a.line === b.line && a.character === b.character && old - a.character >= change.oldEnd;
  }

  /** Whether every place in a kept element reads the same in this build, where `unit` stands. */
  private placesAlike(kept: Kept, unit: Node): boolean {
    const change = this.change;
    if (!change || !this.afterAlike) return false;
    if (unit.offset === kept.offset && kept.offset + kept.length <= change.start) return true;
    return this.readsAlike(kept.offset, unit.offset);
  }

  /**
   * What was kept for an element with this text: found by its place when the element
   * is before or after the change (its text is then the same as at that place in the
   * kept build's text), else by comparing texts of the same length (a resource moved,
   * an earlier version restored).
   */
  private find(unit: Node): Kept | undefined {
    const change = this.change;
    if (!change) return undefined;
    const { offset, length } = unit;
    let kept: Kept | undefined;
    if (offset + length <= change.start) kept = this.byOffset.get(offset);
    else if (offset >= change.newEnd) kept = this.byOffset.get(offset - change.newEnd + change.oldEnd);
    else {
      if (!this.byLength) {
        this.byLength = new Map();
        for (const k of this.previous!.kept) {
          const list = this.byLength.get(k.length);
          if (list) list.push(k);
          else this.byLength.set(k.length, [k]);
        }
      }
      const old = this.previous!.doc.text;
      const text = this.state.doc.text.slice(offset, offset + length);
      kept = this.byLength.get(length)?.find((k) => !this.used.has(k) && old.slice(k.offset, k.offset + length) === text);
    }
    return kept && kept.length === length ? kept : undefined;
  }

  resource(unit: Node, declared: Declared[], lower: () => void): void {
    const kept = this.find(unit);
    // An element written twice gets values of its own each time: the second is lowered.
    if (kept && !this.used.has(kept)) {
      this.used.add(kept);
      this.next.push(this.replay(kept, unit, declared));
      this.replayed++;
      return;
    }
    this.lowered++;
    const from = declared.length;
    const r = this.tracker.begin();
    let done = false;
    try {
      lower();
      done = true;
    } finally {
      const { values, cost } = this.tracker.end(r);
      if (done && !r.impure) {
        const made = this.keep(unit, declared.slice(from), values, cost, r.reads);
        if (made) {
          this.next.push(made);
          made.declared.forEach((d, index) => this.slotOf.set(d, { kept: made, index }));
        }
      }
    }
  }

  /** What a lowering gave, as kept: undefined when it read anything it is not keyed by. */
  private keep(unit: Node, declared: Declared[], values: object[], cost: number, reads: Set<string>): Kept | undefined {
    const memos: MemoRecords[] = [];
    const seen = new Set<string>();
    const pending = [...reads];
    while (pending.length > 0) {
      const key = pending.pop()!;
      if (seen.has(key)) continue;
      seen.add(key);
      const info = this.tracker.infos.get(key);
      if (!info || info.impure) return undefined;
      const records = this.memoRecords(key, info);
      if (!records) return undefined;
      memos.push(records);
      for (const k of info.reads) pending.push(k);
    }
    const located = this.locateAll(values);
    if (!located) return undefined;
    return { unit, offset: unit.offset, length: unit.length, declared, values, located, memos, cost, typed: [] };
  }

  private memoRecords(key: string, info: MemoInfo): MemoRecords | undefined {
    if (info.records) return info.records;
    let made = this.memosMade.get(key);
    if (!made) {
      const located = this.locateAll(info.values);
      if (!located) return undefined;
      made = { values: info.values, located, cost: info.cost };
      this.memosMade.set(key, made);
    }
    return (info.records = made);
  }

  /** The records of values, each in this build's document or its parameters file and in its frame, else undefined. */
  private locateAll(values: object[]): Located[] | undefined {
    const out: Located[] = new Array(values.length);
    const { doc, paramsDoc, frame, origins } = this.state;
    // Records come in runs of one context: each is checked once.
    let checked: SourceContext | undefined;
    for (let i = 0; i < values.length; i++) {
      const at = origins.locate(values[i]);
      if (!at) return undefined;
      const ctx = at.ctx;
      if (ctx !== checked) {
        if ((ctx.doc !== doc && ctx.doc !== paramsDoc) || ctx.source !== undefined) return undefined;
        const scope = ctx.scope;
        if (scope !== inertScope && !(scope instanceof ArmScope && scope.frame.identityBase() === frame)) return undefined;
        checked = ctx;
      }
      out[i] = at;
    }
    return out;
  }

  /** Places a kept element on this build's text and frame; what is kept next time is this placement. */
  private replay(kept: Kept, unit: Node, declared: Declared[]): Kept {
    const prev = this.previous!;
    const { origins, budget } = this.state;
    // A parse that kept the element's nodes (parse/arm.ts): they are this build's already.
    const inside = unit === kept.unit ? new Same(unit) : new Cursor(unit);
    const located = this.place(kept.values, kept.located, inside, kept.offset);
    budget.spend(kept.cost);
    const memos: MemoRecords[] = [];
    for (const m of kept.memos) {
      let placed = this.memosPlaced.get(m);
      if (!placed) {
        placed = { values: m.values, located: this.place(m.values, m.located, undefined, 0), cost: m.cost };
        this.memosPlaced.set(m, placed);
        budget.spend(m.cost);
      }
      memos.push(placed);
    }
    const byOld = new Map<Declared, Declared>();
    const out: Declared[] = [];
    const typed = this.placesAlike(kept, unit) ? kept.typed : undefined;
    for (const [i, d] of kept.declared.entries()) {
      const node = this.mapNode(d.node, prev.doc, inside, kept.offset);
      const scope = this.mapScope(d.scope);
      const parent = d.parent ? byOld.get(d.parent) : undefined;
      if (d.parent && !parent) throw new ReuseFailed('a kept resource lost its parent');
      // The fields of the kept one, in its order (a top-level resource has its `parent` too, undefined).
      const placed: Declared = { ...d, doc: this.state.doc, node, scope, ref: elementRefOf(this.state.doc, node, d.literal), parent };
      byOld.set(d, placed);
      out.push(placed);
      declared.push(placed);
      const t = typed?.[i];
      if (t && samePlace(typedRef(t), placed.ref)) this.typedFor.set(placed, t);
    }
    for (let i = 0; i < kept.values.length; i++) origins.restore(kept.values[i], located[i]);
    for (const m of memos) for (let i = 0; i < m.values.length; i++) origins.restore(m.values[i], m.located[i]);
    const made: Kept = { unit, offset: unit.offset, length: unit.length, declared: out, values: kept.values, located, memos, cost: kept.cost, typed: [] };
    out.forEach((d, index) => this.slotOf.set(d, { kept: made, index }));
    return made;
  }

  // The typed resources (TypedReuse, see model/assemble.ts) ---------------------------

  takeTyped(d: DeclaredResource): TypedResource | undefined {
    const t = this.takesTyped ? this.typedFor.get(d) : undefined;
    if (!t) return undefined;
    if (t.base) this.typedTaken.add(t.base);
    this.slotTyped(d, t);
    return t;
  }

  beginTyping(): void {
    this.typingFrom = this.state.budget.used;
  }

  keepTyped(d: DeclaredResource, typed: TypedResource): void {
    // What spent the budget is typed afresh: a build that reuses it spends what one from nothing would.
    if (this.state.budget.used === this.typingFrom) this.slotTyped(d, typed);
  }

  private slotTyped(d: DeclaredResource, typed: TypedResource): void {
    const slot = this.slotOf.get(d);
    if (slot) slot.kept.typed[slot.index] = typed;
  }

  private place(values: object[], located: Located[], inside: Placer | undefined, offset: number): Located[] {
    const out: Located[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const at = located[i];
      const node = this.mapNode(at.node, at.ctx.doc, inside, offset);
      out[i] = { node, ctx: this.mapContext(at.ctx) };
    }
    return out;
  }

  /** The node of this build's tree that stands where `node` stood in the kept build's. */
  private mapNode(node: Node, oldDoc: ArmDocument, inside: Placer | undefined, keptOffset: number): Node {
    const prev = this.previous!;
    let found: Node | undefined;
    if (oldDoc === this.oldDoc) {
      const o = node.offset;
      if (inside && o >= keptOffset && o < keptOffset + inside.root.length) found = inside.find(o - keptOffset + inside.root.offset, node);
      else if (o + node.length <= prev.arrayStart) found = this.outside?.find(o, node);
      else if (o >= prev.arrayEnd) found = this.outside?.find(o - prev.arrayEnd + this.key.arrayEnd, node);
    } else if (oldDoc === prev.paramsDoc) {
      found = this.inParameters?.find(node.offset, node);
    }
    if (!found) throw new ReuseFailed('a kept record has no node in the new text');
    return found;
  }

  private mapContext(ctx: SourceContext): SourceContext {
    // Records come in runs of one context.
    const last = this.lastContext;
    if (last && last[0] === ctx) return last[1];
    let out = this.contexts.get(ctx);
    if (!out) {
      const prev = this.previous!;
      const doc = ctx.doc === prev.doc ? this.state.doc : ctx.doc === prev.paramsDoc ? this.state.paramsDoc : undefined;
      if (!doc) throw new ReuseFailed('a kept record is in another document');
      out = { ...ctx, doc, scope: this.mapScope(ctx.scope) };
      this.contexts.set(ctx, out);
    }
    this.lastContext = [ctx, out];
    return out;
  }

  private mapScope(scope: FrontScope): FrontScope {
    if (scope === inertScope) return scope;
    let out = this.scopes.get(scope);
    if (!out) {
      if (!(scope instanceof ArmScope) || scope.frame.identityBase() !== this.previous!.frame) throw new ReuseFailed('a kept scope is not the template frame');
      out = scope.inFrame(scope.frame.isIdentity ? this.state.frame.identity() : this.state.frame);
      this.scopes.set(scope, out);
    }
    return out;
  }
}

/** Where a kept element's nodes are in this build's tree. */
interface Placer {
  readonly root: Node;
  /** The node at `offset` in this tree that stands for `node` of the kept build's. */
  find(offset: number, node: Node): Node | undefined;
}

/** The element's nodes are this build's (the parse kept them): each stands for itself. */
class Same implements Placer {
  constructor(readonly root: Node) {}

  find(_offset: number, node: Node): Node {
    return node;
  }
}

/**
 * Finds nodes under `root` by offset, length and type (objects, arrays and properties
 * never share all three with a node inside them, so the answer is unique). Records come
 * mostly in the order of the text, so each search starts from the path to the last node
 * found, climbing only as far as needed.
 */
class Cursor implements Placer {
  private readonly path: Node[];

  constructor(readonly root: Node) {
    this.path = [root];
  }

  find(offset: number, like: Node): Node | undefined {
    const { length, type } = like;
    const path = this.path;
    while (path.length > 1) {
      const top = path[path.length - 1];
      if (offset >= top.offset && offset + length <= top.offset + top.length) break;
      path.pop();
    }
    let n = path[path.length - 1];
    for (;;) {
      if (n.offset === offset && n.length === length && n.type === type) return n;
      const children = n.children;
      if (!children || children.length === 0) return undefined;
      const c = children[childIndexAt(children, offset)];
      if (c.offset > offset || offset + length > c.offset + c.length) return undefined;
      path.push(c);
      n = c;
    }
  }
}

let enabled = true;
const documents = new Map<string, Context[]>();

/** Whether builds keep what they lower for the next version (the editor: yes; a run over files once: no). */
export function keepArmLowering(on: boolean): void {
  enabled = on;
  if (!on) documents.clear();
}

/** Forgets what one document's builds kept (its tree is let go: what was kept would hold it). */
export function forgetArmLoweringOf(uri: string): void {
  documents.delete(uri);
}

/** The sections of a template whose values a resource's lowering reads, and so whose places its typed form can hold. */
const READ_SECTIONS: ReadonlySet<string> = new Set(['parameters', 'variables', 'functions']);

/**
 * Whether the template writes parameters, variables or functions after its `resources`
 * array (JSON leaves the order of its sections free): an edit inside the array that adds a
 * line then moves their places, and with them places typed resources before the edit hold.
 */
function definesAfter(root: Node | undefined, arrayEnd: number): boolean {
  for (const p of root?.children ?? []) {
    const k = p.children?.[0]?.value;
    if (p.offset >= arrayEnd && typeof k === 'string' && READ_SECTIONS.has(k.toLowerCase())) return true;
  }
  return false;
}

/** Whether builds of the document kept anything for its next version. */
export function keepsArmLoweringOf(uri: string): boolean {
  return documents.has(uri);
}

export function forgetArmLowering(): void {
  documents.clear();
  lastBuild = undefined;
}

/** The key of a build: undefined when it has no `resources` to keep. */
export function reuseKey(doc: ArmDocument, paramsDoc: ArmDocument | undefined, options: BuildOptions): Build['key'] | undefined {
  if (!enabled) return undefined;
  const root = doc.root;
  if (root?.type !== 'object') return undefined;
  let array: Node | undefined;
  for (const p of root.children ?? []) {
    const k = p.children?.[0];
    if (k?.value === 'resources') array = p.children?.[1];
  }
  if (!array || (array.type !== 'array' && array.type !== 'object')) return undefined;
  const arrayStart = array.offset;
  const arrayEnd = array.offset + array.length;
  return {
    before: doc.text.slice(0, arrayStart),
    after: doc.text.slice(arrayEnd),
    parameters: paramsDoc ? `${paramsDoc.uri}\n${paramsDoc.text}` : '',
    options: JSON.stringify([options.parametersUri ?? null, options.homeDirectory ?? null]),
    arrayStart,
    arrayEnd,
  };
}

/** A build's reuse: replays what the document's last build in the same context kept. */
export function beginReuse(key: Build['key'], state: BuildState): Build {
  const list = documents.get(state.doc.uri);
  const previous = list?.find((c) => c.before === key.before && c.after === key.after && c.parameters === key.parameters && c.options === key.options);
  const build = new Build(key, previous, state);
  state.origins.journal = [];
  return build;
}

/** The build succeeded within its budget: what it lowered and replayed is what its document keeps in its context. */
export function commitReuse(build: Build): void {
  const { doc, paramsDoc, frame } = build.state;
  const context: Context = { ...build.key, doc, paramsDoc, frame, kept: build.next };
  const uri = doc.uri;
  const list = (documents.get(uri) ?? []).filter(
    (c) => !(c.before === context.before && c.after === context.after && c.parameters === context.parameters && c.options === context.options),
  );
  list.unshift(context);
  if (list.length > MAX_CONTEXTS) list.length = MAX_CONTEXTS;
  documents.delete(uri);
  documents.set(uri, list);
  for (const u of documents.keys()) {
    if (documents.size <= MAX_DOCUMENTS) break;
    documents.delete(u);
  }
}

export function endReuse(build: Build): void {
  build.state.origins.journal = undefined;
  lastBuild = { replayed: build.replayed, lowered: build.lowered, kept: build.next.length, retried: false };
}

/** The build replayed what was kept and was then made again from nothing (it ran out of budget or failed). */
export function reportRetry(): void {
  if (lastBuild) lastBuild.retried = true;
}

let lastBuild: ReuseReport | undefined;

/** What the last build with reuse did with the top-level resources: replayed, lowered, kept for the next version. */
export interface ReuseReport {
  replayed: number;
  lowered: number;
  kept: number;
  retried: boolean;
}

/** Every value the documents keep (for the test that proves nothing writes into them). */
export function* keptValues(): Iterable<object> {
  for (const list of documents.values()) {
    for (const c of list) {
      for (const k of c.kept) {
        yield* k.values;
        for (const d of k.declared) yield d.body;
        for (const m of k.memos) yield* m.values;
      }
    }
  }
}

/** Every typed resource the documents keep (for the test that proves nothing writes into them). */
export function* keptTyped(): Iterable<TypedResource> {
  for (const list of documents.values()) for (const c of list) for (const k of c.kept) for (const t of k.typed) if (t) yield t;
}

/** The last build's report (for the tests and the benchmark). */
export function lastReuseReport(): ReuseReport | undefined {
  return lastBuild;
}

export type { Build as ReuseBuild };
