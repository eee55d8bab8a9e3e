import type {
  ArrayLiteral,
  ArrayType,
  AssertDeclaration,
  BicepFile,
  BicepNode,
  Binary,
  BooleanLiteral,
  Call,
  Declaration,
  Decorator,
  ErrorDeclaration,
  ErrorNode,
  ForLoop,
  FuncDeclaration,
  FuncParameter,
  Identifier,
  IfCondition,
  IndexAccess,
  Lambda,
  MemberAccess,
  MetadataDeclaration,
  ModuleDeclaration,
  NonNullableType,
  NonNullAssertion,
  NullableType,
  NullLiteral,
  NumberLiteral,
  ObjectLiteral,
  ObjectProperty,
  ObjectType,
  ObjectTypeProperty,
  OutputDeclaration,
  ParamDeclaration,
  ParameterizedType,
  Parenthesized,
  ParenthesizedType,
  ResourceAccess,
  ResourceDeclaration,
  ResourceType,
  Span,
  Spread,
  StringLiteral,
  TargetScopeDeclaration,
  Ternary,
  TestDeclaration,
  TupleType,
  TupleTypeItem,
  TypeDeclaration,
  TypeIndex,
  TypeMember,
  TypeReference,
  Unary,
  UnionType,
  VarDeclaration,
} from './ast';
import { bicepFile, parseBicepTraced, parseDeclarations, type TracedParse } from './parse';
import { ParserState, type Boundary } from './parserState';
import { changeBetween } from '../../core/textDiff';

/**
 * Parses a new version of a text by reusing the parse of the previous one: only the
 * top-level declarations the changed span can reach are parsed again. Those before it
 * are kept as they are; those after it are kept too, where the change kept the length
 * (a character replaced, a word swapped for one as long) as they are, else moved: each
 * offset in them shifted by the change in length, in place. A copy with moved offsets
 * would cost as much as parsing them again (measured on the 1 MB benchmark templates:
 * copying the second half of many-small took 15 ms, parsing it 11 ms; shifting its
 * offsets in place 1.3 ms, see moveNode), and keeping the same objects lets the evaluations kept for them be taken
 * again (lower/bicep/reuse.ts). Moving changes the previous version's tree, so it is
 * done only when the caller gives the previous version up (`move`: the analysis of the
 * document's own next version, which supersedes the last one; never a text tried, such
 * as a fix verified or a fix-all step, nor a file read for another document's analysis)
 * and never to a declaration someone keeps beyond the next version (`pinned`: a parse
 * cached by content); otherwise the declarations after a length-changing edit are
 * parsed again. The result is the tree a parse from nothing gives: the same nodes,
 * offsets, diagnostics, comments and pragmas, in the same order.
 *
 * Why this is exact: the parser's state where a declaration starts (`Boundary`) is all
 * a declaration's parse carries over from what came before, and the scanner counts how
 * far the text has been read, looking ahead included (one token ahead, a look past a run
 * of decorators, which may run far when their parentheses are unclosed). So the
 * declarations parsed before the text was read up to the change are kept, and parsing
 * from the change stops at a declaration that starts after the change, in the state the
 * previous parse had there (its offsets moved by the change in length), on a line the
 * change did not touch: from there on both parses read the same text in the same state,
 * each offset moved alike.
 */
export function reparseBicep(previous: TracedParse, text: string, move?: { pinned: (d: Declaration) => boolean }): TracedParse {
  const old = previous.file.text;
  if (old === text) return previous;
  const declarations = previous.file.declarations;
  const bounds = previous.boundaries;
  const n = declarations.length;
  // The changed span: [prefix, oldEnd) in the old text, [prefix, newEnd) in the new one.
  const change = changeBetween(old, text);
  const { start: prefix, oldEnd, newEnd } = change;
  const delta = text.length - old.length;

  // Declarations kept before the change (their parse read nothing the change touched), and the clean boundary the parse resumes at.
  let kept = 0;
  while (kept + 1 < n && bounds[kept + 1].reach <= prefix) kept++;
  while (kept > 0 && !bounds[kept].clean) kept--;
  if (kept === 0) return parseBicepTraced(text);
  const resumeAt = bounds[kept];
  const resumeFrom = resumeAt.start;
  const p = new ParserState(text, { boundary: resumeAt, prevEnd: declarations[kept - 1].end });

  // Declarations of the old text from `movable` on may be moved (none after a pinned one).
  let movable = n;
  if (delta === 0) movable = 0;
  else if (move) while (movable > 0 && declarations[movable - 1].start >= oldEnd && !move.pinned(declarations[movable - 1])) movable--;

  // Parse on until a declaration of the old text after the change starts in the same state.
  let first = -1;
  const stop = (b: Boundary): boolean => {
    if (b.start < newEnd || b.lineStart < newEnd || !b.clean) return false;
    const i = declarationAt(declarations, b.start - delta);
    if (i < movable) return false;
    const was = bounds[i];
    if (!was.clean || was.lineStart + delta !== b.lineStart || !sameRun(was, b, delta)) return false;
    first = i;
    return true;
  };
  const middle: Declaration[] = [];
  const middleBounds: Boundary[] = [];
  const resync = parseDeclarations(p, middle, middleBounds, stop);
  // Where the new parse stops and the old one is taken again (nowhere without a resync), in the new text and in the old one.
  const to = resync ? resync.start : Infinity;
  const oldTo = to - delta;

  const file = previous.file;
  const outDeclarations = declarations.slice(0, kept).concat(middle);
  const outBounds = bounds.slice(0, kept).concat(middleBounds);
  if (resync) {
    for (let i = first; i < n; i++) {
      const d = declarations[i];
      if (delta !== 0) moveNode(d, delta);
      outDeclarations.push(d);
      outBounds.push(keptBoundary(bounds[i], oldTo, delta, resync));
    }
  }
  const diagnostics = joined(file.diagnostics, p.diagnostics.sort((a, b) => a.start - b.start), resumeFrom, to, delta);
  const comments = joined(file.comments, p.comments, resumeFrom, to, delta);
  const pragmas = joined(file.pragmas, p.pragmas, resumeFrom, to, delta);
  return { file: bicepFile(text, outDeclarations, diagnostics, comments, pragmas, { file, change }), boundaries: outBounds };
}

/** The fields of syntax nodes that hold offsets into the text (-1: a missing brace, paren or colon). */
const OFFSETS = new Set(['start', 'end', 'open', 'close', 'colon']);

/**
 * Shifts every offset in a syntax node and the nodes under it by `delta`, in place, by
 * kind: one function per kind, so each reads and writes objects of one or two shapes
 * (one function for all kinds, seeing every shape, took twice as long; a walk over each
 * node's keys four times). A node of a kind not listed here is walked by its keys. No
 * node appears twice in a tree, and only offsets are numbers under these names (a number
 * literal's value is `value`): test/parse/bicep/reuse.test.ts checks both, and that this
 * moves what a walk over the keys moves.
 */
export function moveNode(node: BicepNode, d: number): void {
  switch (node.kind) {
    case 'identifier': return moveIdentifier(node, d);
    case 'string': return moveString(node, d);
    case 'number': return moveNumber(node, d);
    case 'boolean': return moveBoolean(node, d);
    case 'null': return moveNull(node, d);
    case 'error': return moveError(node, d);
    case 'object': return moveObject(node, d);
    case 'array': return moveArray(node, d);
    case 'property': return moveProperty(node, d);
    case 'spread': return moveSpread(node, d);
    case 'member': return moveMember(node, d);
    case 'index': return moveIndex(node, d);
    case 'resourceAccess': return moveResourceAccess(node, d);
    case 'nonNull': return moveNonNull(node, d);
    case 'call': return moveCall(node, d);
    case 'unary': return moveUnary(node, d);
    case 'binary': return moveBinary(node, d);
    case 'ternary': return moveTernary(node, d);
    case 'paren': return moveParen(node, d);
    case 'lambda': return moveLambda(node, d);
    case 'for': return moveFor(node, d);
    case 'if': return moveIf(node, d);
    case 'decorator': return moveDecorator(node, d);
    case 'typeRef': return moveTypeRef(node, d);
    case 'typeMember': return moveTypeMember(node, d);
    case 'typeIndex': return moveTypeIndex(node, d);
    case 'arrayType': return moveArrayType(node, d);
    case 'parameterizedType': return moveParameterizedType(node, d);
    case 'resourceType': return moveResourceType(node, d);
    case 'objectType': return moveObjectType(node, d);
    case 'typeProperty': return moveTypeProperty(node, d);
    case 'tupleType': return moveTupleType(node, d);
    case 'tupleItem': return moveTupleItem(node, d);
    case 'unionType': return moveUnionType(node, d);
    case 'nullableType':
    case 'nonNullableType':
      return moveNullability(node, d);
    case 'parenType': return moveParenType(node, d);
    case 'funcParam': return moveFuncParam(node, d);
    case 'param':
    case 'var':
    case 'output':
      return moveTypedDeclaration(node, d);
    case 'metadata':
    case 'type':
    case 'assert':
      return moveNamedDeclaration(node, d);
    case 'targetScope': return moveTargetScope(node, d);
    case 'func': return moveFunc(node, d);
    case 'resource': return moveResource(node, d);
    case 'module':
    case 'test':
      return moveModule(node, d);
    case 'errorDeclaration': return moveErrorDeclaration(node, d);
    default:
      // Rarer kinds (imports, extensions, `using`, `extends`, imported symbols): by their keys.
      return moveByKeys(node, d);
  }
}

function moveAll(nodes: readonly BicepNode[], d: number): void {
  for (let i = 0; i < nodes.length; i++) moveNode(nodes[i], d);
}

function moveIdentifier(n: Identifier, d: number): void {
  n.start += d;
  n.end += d;
}

function moveString(n: StringLiteral, d: number): void {
  n.start += d;
  n.end += d;
  if (n.expressions.length > 0) moveAll(n.expressions, d);
}

function moveNumber(n: NumberLiteral, d: number): void {
  n.start += d;
  n.end += d;
}

function moveBoolean(n: BooleanLiteral, d: number): void {
  n.start += d;
  n.end += d;
}

function moveNull(n: NullLiteral, d: number): void {
  n.start += d;
  n.end += d;
}

function moveError(n: ErrorNode, d: number): void {
  n.start += d;
  n.end += d;
}

function moveObject(n: ObjectLiteral, d: number): void {
  n.start += d;
  n.end += d;
  if (n.open >= 0) n.open += d;
  if (n.close >= 0) n.close += d;
  moveAll(n.items, d);
}

function moveArray(n: ArrayLiteral, d: number): void {
  n.start += d;
  n.end += d;
  if (n.open >= 0) n.open += d;
  if (n.close >= 0) n.close += d;
  moveAll(n.items, d);
}

function moveProperty(n: ObjectProperty, d: number): void {
  n.start += d;
  n.end += d;
  if (n.colon >= 0) n.colon += d;
  moveNode(n.key, d);
  moveNode(n.value, d);
}

function moveSpread(n: Spread, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.expression, d);
}

function moveMember(n: MemberAccess, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.object, d);
  moveIdentifier(n.name, d);
}

function moveIndex(n: IndexAccess, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.object, d);
  moveNode(n.index, d);
}

function moveResourceAccess(n: ResourceAccess, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.object, d);
  moveIdentifier(n.name, d);
}

function moveNonNull(n: NonNullAssertion, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.expression, d);
}

function moveCall(n: Call, d: number): void {
  n.start += d;
  n.end += d;
  if (n.open >= 0) n.open += d;
  if (n.close >= 0) n.close += d;
  if (n.object) moveNode(n.object, d);
  moveIdentifier(n.name, d);
  moveAll(n.args, d);
}

function moveUnary(n: Unary, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.operand, d);
}

function moveBinary(n: Binary, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.left, d);
  moveNode(n.right, d);
}

function moveTernary(n: Ternary, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.condition, d);
  moveNode(n.whenTrue, d);
  moveNode(n.whenFalse, d);
}

function moveParen(n: Parenthesized, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.expression, d);
}

function moveLambda(n: Lambda, d: number): void {
  n.start += d;
  n.end += d;
  moveAll(n.params, d);
  moveNode(n.body, d);
}

function moveFor(n: ForLoop, d: number): void {
  n.start += d;
  n.end += d;
  if (n.open >= 0) n.open += d;
  if (n.close >= 0) n.close += d;
  moveIdentifier(n.item, d);
  if (n.index) moveIdentifier(n.index, d);
  moveNode(n.iterable, d);
  moveNode(n.body, d);
}

function moveIf(n: IfCondition, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.condition, d);
  moveNode(n.body, d);
}

function moveDecorator(n: Decorator, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.expression, d);
}

function moveTypeRef(n: TypeReference, d: number): void {
  n.start += d;
  n.end += d;
  moveIdentifier(n.name, d);
}

function moveTypeMember(n: TypeMember, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.object, d);
  moveIdentifier(n.name, d);
}

function moveTypeIndex(n: TypeIndex, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.object, d);
  if (n.index) moveNode(n.index, d);
}

function moveArrayType(n: ArrayType, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.element, d);
}

function moveParameterizedType(n: ParameterizedType, d: number): void {
  n.start += d;
  n.end += d;
  if (n.object) moveNode(n.object, d);
  moveIdentifier(n.name, d);
  moveAll(n.args, d);
}

function moveResourceType(n: ResourceType, d: number): void {
  n.start += d;
  n.end += d;
  if (n.type) moveNode(n.type, d);
}

function moveObjectType(n: ObjectType, d: number): void {
  n.start += d;
  n.end += d;
  if (n.open >= 0) n.open += d;
  if (n.close >= 0) n.close += d;
  moveAll(n.properties, d);
}

function moveTypeProperty(n: ObjectTypeProperty, d: number): void {
  n.start += d;
  n.end += d;
  moveAll(n.decorators, d);
  moveNode(n.key, d);
  moveNode(n.value, d);
}

function moveTupleType(n: TupleType, d: number): void {
  n.start += d;
  n.end += d;
  if (n.open >= 0) n.open += d;
  if (n.close >= 0) n.close += d;
  moveAll(n.items, d);
}

function moveTupleItem(n: TupleTypeItem, d: number): void {
  n.start += d;
  n.end += d;
  moveAll(n.decorators, d);
  moveNode(n.value, d);
}

function moveUnionType(n: UnionType, d: number): void {
  n.start += d;
  n.end += d;
  moveAll(n.members, d);
}

function moveNullability(n: NullableType | NonNullableType, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.base, d);
}

function moveParenType(n: ParenthesizedType, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.type, d);
}

function moveFuncParam(n: FuncParameter, d: number): void {
  n.start += d;
  n.end += d;
  moveNode(n.name, d);
  moveNode(n.type, d);
}

/** A declaration's own offsets, decorators and keyword. */
function moveHead(n: Declaration, d: number): void {
  n.start += d;
  n.end += d;
  if (n.decorators.length > 0) moveAll(n.decorators, d);
  n.keyword.start += d;
  n.keyword.end += d;
}

function moveTypedDeclaration(n: ParamDeclaration | VarDeclaration | OutputDeclaration, d: number): void {
  moveHead(n, d);
  moveNode(n.name, d);
  if (n.type) moveNode(n.type, d);
  if (n.value) moveNode(n.value, d);
}

function moveNamedDeclaration(n: MetadataDeclaration | TypeDeclaration | AssertDeclaration, d: number): void {
  moveHead(n, d);
  moveNode(n.name, d);
  moveNode(n.value, d);
}

function moveTargetScope(n: TargetScopeDeclaration, d: number): void {
  moveHead(n, d);
  moveNode(n.value, d);
}

function moveFunc(n: FuncDeclaration, d: number): void {
  moveHead(n, d);
  moveNode(n.name, d);
  moveAll(n.params, d);
  moveNode(n.returnType, d);
  moveNode(n.body, d);
}

function moveResource(n: ResourceDeclaration, d: number): void {
  moveHead(n, d);
  moveNode(n.name, d);
  moveNode(n.type, d);
  if (n.existing) {
    n.existing.start += d;
    n.existing.end += d;
  }
  moveNode(n.value, d);
}

function moveModule(n: ModuleDeclaration | TestDeclaration, d: number): void {
  moveHead(n, d);
  moveNode(n.name, d);
  moveNode(n.path, d);
  moveNode(n.value, d);
}

function moveErrorDeclaration(n: ErrorDeclaration, d: number): void {
  moveHead(n, d);
}

/** The same, for any node: every number under an offset's name, every object under it. */
export function moveByKeys(node: object, d: number): void {
  const o = node as Record<string, unknown>;
  for (const key in o) {
    const v = o[key];
    if (typeof v === 'number') {
      if (v >= 0 && OFFSETS.has(key)) o[key] = v + d;
    } else if (typeof v === 'object' && v !== null) {
      if (Array.isArray(v)) {
        for (const item of v) if (typeof item === 'object' && item !== null) moveByKeys(item, d);
      } else moveByKeys(v, d);
    }
  }
}

/** The index of the declaration that starts at `start`, or -1. */
function declarationAt(declarations: readonly Declaration[], start: number): number {
  let lo = 0;
  let hi = declarations.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = declarations[mid].start;
    if (s === start) return mid;
    if (s < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Whether the remembered run of decorator lines answers alike from here on in both parses (`was` in the old text, `now` in the new one). */
function sameRun(was: Boundary, now: Boundary, delta: number): boolean {
  // A run that ends before the declaration is never asked about again.
  const wasOver = was.runEnd <= was.start;
  const nowOver = now.runEnd <= now.start;
  if (wasOver || nowOver) return wasOver && nowOver;
  // Only tokens from the declaration on ask it again: the same end and answer (moved with the text) answer them alike.
  return was.runStart + delta === now.runStart && was.runEnd + delta === now.runEnd && was.runResult === now.runResult;
}

/**
 * Items in text order: the old ones before `resumeFrom`, the new ones in
 * [resumeFrom, to), the old ones from `to` on (in the new text: moved by `delta`).
 */
function joined<T extends Span>(old: readonly T[], middle: readonly T[], resumeFrom: number, to: number, delta: number): readonly T[] {
  const out: T[] = [];
  let i = 0;
  while (i < old.length && old[i].start < resumeFrom) out.push(old[i++]);
  for (const item of middle) if (item.start >= resumeFrom && item.start < to) out.push(item);
  const oldTo = to - delta;
  while (i < old.length && old[i].start < oldTo) i++;
  // Copies, not moved in place: the previous version's list shares them, and they are few.
  for (; i < old.length; i++) out.push(delta === 0 ? old[i] : movedCopy(old[i], delta));
  return out;
}

/** A comment, pragma or diagnostic at its new place (a pragma's codes too). */
function movedCopy<T extends Span>(item: T, delta: number): T {
  const out = { ...item, start: item.start + delta, end: item.end + delta };
  const codes = (item as { codes?: readonly Span[] }).codes;
  if (codes) (out as { codes?: readonly Span[] }).codes = codes.map((c) => ({ ...c, start: c.start + delta, end: c.end + delta }));
  return out;
}

/**
 * An old boundary after the change, at its place in the new text: a run of decorators it
 * remembers from before `oldTo` (where the old parse is taken again) is the one the new
 * parse had there, and what the new parse had read by then counts too (an upper bound of
 * what a parse from nothing would have read there).
 */
function keptBoundary(b: Boundary, oldTo: number, delta: number, resync: Boundary): Boundary {
  const ownRun = b.runStart >= oldTo;
  const reach = Math.max(b.reach + delta, resync.reach);
  if (delta === 0 && reach === b.reach && (ownRun || (b.runStart === resync.runStart && b.runEnd === resync.runEnd && b.runResult === resync.runResult))) return b;
  return {
    start: b.start + delta,
    lineStart: b.lineStart + delta,
    clean: b.clean,
    reach,
    runStart: ownRun ? b.runStart + delta : resync.runStart,
    runEnd: ownRun ? b.runEnd + delta : resync.runEnd,
    runResult: ownRun ? b.runResult : resync.runResult,
  };
}

/** Keeps the last parse of each document for the next version (see reparseBicep). */
export class BicepParses {
  private readonly kept = new Map<string, TracedParse>();
  private chars = 0;

  constructor(
    /** Documents kept at most: the ones being edited. */
    private readonly maxDocuments = 8,
    /** Characters of text kept at most, over all documents. */
    private readonly maxChars = 32 * 2 ** 20,
  ) {}

  enabled = true;

  /** Declarations someone keeps beyond the next version (see pin): never moved. */
  private pins = new WeakSet<Declaration>();
  private readonly move = { pinned: (d: Declaration): boolean => this.pins.has(d) };

  /**
   * `keep` false: the parse takes what the kept parse has and keeps nothing; true: it
   * takes the kept parse's place, and with `move` may move the declarations it takes
   * from it (see reparseBicep): the previous version's tree then no longer fits its
   * text. A parse that keeps nothing moves nothing.
   */
  parse(uri: string, text: string, keep = true, move = false): BicepFile {
    if (!this.enabled) return parseBicepTraced(text).file;
    const previous = this.kept.get(uri);
    const parsed = previous ? reparseBicep(previous, text, keep && move ? this.move : undefined) : parseBicepTraced(text);
    if (keep) this.remember(uri, parsed);
    return parsed.file;
  }

  /** Keeps the declarations of `file` where they are: a later version of its document parses them again rather than move them. */
  pin(file: BicepFile): void {
    for (const d of file.declarations) this.pins.add(d);
  }

  clear(): void {
    this.pins = new WeakSet();
    this.kept.clear();
    this.chars = 0;
  }

  /** Forgets the parse kept of one document (it was closed). */
  forget(uri: string): void {
    const had = this.kept.get(uri);
    if (!had) return;
    this.kept.delete(uri);
    this.chars -= had.file.text.length;
  }

  has(uri: string): boolean {
    return this.kept.has(uri);
  }

  private remember(uri: string, parsed: TracedParse): void {
    const had = this.kept.get(uri);
    if (had) {
      this.kept.delete(uri);
      this.chars -= had.file.text.length;
    }
    if (parsed.file.text.length > this.maxChars) return;
    this.kept.set(uri, parsed);
    this.chars += parsed.file.text.length;
    // The least recently parsed go first.
    for (const [key, value] of this.kept) {
      if (this.kept.size <= this.maxDocuments && this.chars <= this.maxChars) break;
      this.kept.delete(key);
      this.chars -= value.file.text.length;
    }
  }
}
