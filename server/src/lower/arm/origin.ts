import type { Node } from 'jsonc-parser';
import { nodeRef, type ArmDocument } from '../../parse/arm';
import { findProperty, nodePath, propertyValue } from '../../parse/jsonNode';
import type { RefSource } from '../../model/buildContext';
import { evaluateIdentity } from './convert';
import type { NodeRef } from '../../core/nodeRef';
import type { FrontScope } from './scopeTypes';
import { parameterOfProperty, type CallerLink } from './callerLink';
import { containerAt } from '../../parse/armParts';

/** Where a value was materialised: which document, which scope, and whether it is literal text. */
export interface SourceContext {
  doc: ArmDocument;
  scope: FrontScope;
  /** False for copy-loop instances: their text exists once, the values many times. */
  literal: boolean;
  /** False for parameter files, whose strings are values, not expressions. */
  evaluates: boolean;
  /** In a template that reports through its caller: the caller's value this one stands for (see callerLink.ts). */
  source?: object;
}

export interface Located {
  node: Node;
  ctx: SourceContext;
}

/**
 * The record of a value of a document whose tree is never whole (parse/armParts.ts): the
 * place of its object or array, found again when asked for (holding the node would hold
 * its part of the tree).
 */
interface Placed {
  node: undefined;
  ctx: SourceContext;
  offset: number;
  type: Node['type'];
}

/**
 * Remembers which JSON node every materialised object or array came from and in which
 * context, so model code can point at the text behind a value and re-read it.
 *
 * One record per object or array of every resource body, so this is hot: a plain Map
 * that lives as long as the one build it serves. WeakMaps (one here and one on each
 * document, as before) cost twice the insertions and, as ephemeron tables, made every
 * garbage collection slower for as long as the document was kept.
 */
export class Origins implements RefSource {
  private readonly located = new Map<object, Located | Placed>();
  /**
   * Every value recorded, in order, while a build keeps what it lowers for the next
   * version of the document (see reuse.ts); undefined otherwise.
   */
  journal: object[] | undefined;

  record(value: object, node: Node, ctx: SourceContext): void {
    this.located.set(value, ctx.doc.inParts ? { node: undefined, ctx, offset: node.offset, type: node.type } : { node, ctx });
    if (this.journal) this.journal.push(value);
  }

  /** A record kept from an earlier build, already placed on this build's text. */
  restore(value: object, at: Located): void {
    this.located.set(value, at);
  }

  /** Where the value came from; the record itself, which callers only read. */
  locate(value: unknown): Located | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const at = this.located.get(value);
    if (at === undefined || at.node !== undefined) return at;
    const root = at.ctx.doc.root;
    const node = root ? containerAt(root, at.offset, at.type) : undefined;
    return node ? { node, ctx: at.ctx } : undefined;
  }

  /** The value node of `key` in the object `holder` came from, with its context. */
  property(holder: unknown, key: string): Located | undefined {
    const at = this.locate(holder);
    if (!at) return undefined;
    const prop = findProperty(at.node, key);
    if (!prop) return undefined;
    return { node: prop.children?.[1] ?? prop.children?.[0] ?? prop, ctx: at.ctx };
  }

  /** The node of element `index` of the array `holder` came from. */
  item(holder: unknown, index: number): Located | undefined {
    const at = this.locate(holder);
    if (!at || at.node.type !== 'array') return undefined;
    const node = at.node.children?.[index];
    return node ? { node, ctx: at.ctx } : undefined;
  }

  identityString(holder: unknown, key: string): string | undefined {
    return identityOf(this.property(holder, key));
  }

  identityItem(holder: unknown, index: number): string | undefined {
    return identityOf(this.item(holder, index));
  }

  // NodeRefs ------------------------------------------------------------------------

  /** A NodeRef for a located node: the path only when the element is literal text. */
  refOf(at: Located): NodeRef {
    return nodeRef(at.ctx.doc, at.node, at.ctx.literal ? nodePath(at.node) : undefined);
  }

  /**
   * An element (a resource, a rule, a route): underline its `name` value (else its
   * first token); the path locates the object itself.
   */
  elementRef(value: unknown, fallback: NodeRef): NodeRef {
    const at = this.locate(value);
    if (!at) return stripPath(fallback);
    const caller = at.ctx.scope.caller;
    if (caller) return this.callerElement(at, caller, 'element');
    return elementRefOf(at.ctx.doc, at.node, at.ctx.literal);
  }

  /** A property value: its range and path; `fallback` (without path) when it cannot be found. */
  propRef(holder: unknown, key: string, fallback: NodeRef): NodeRef {
    const outer = this.locate(holder);
    const caller = outer?.ctx.scope.caller;
    // Where the caller does not write the property itself, its element holds the place, but no edit goes there.
    if (outer && caller) return this.callerProperty(outer, caller, key, 'prop') ?? stripPath(this.callerElement(outer, caller, 'element'));
    const at = this.property(holder, key);
    return at ? this.refOf(at) : stripPath(fallback);
  }

  /** Like propRef, but undefined when the property is not written. */
  propRefIfPresent(holder: unknown, key: string): NodeRef | undefined {
    const outer = this.locate(holder);
    const caller = outer?.ctx.scope.caller;
    if (outer && caller) {
      if (!written(outer.node, key)) return undefined;
      return this.callerProperty(outer, caller, key, 'prop') ?? stripPath(this.callerElement(outer, caller, 'element'));
    }
    const at = this.property(holder, key);
    return at ? this.refOf(at) : undefined;
  }

  /**
   * A property whose value is long (an array, an object): the range is its key, short
   * enough to underline; the path is the value's, for edits that insert into it.
   * Undefined when the property is not written.
   */
  keyRef(holder: unknown, key: string): NodeRef | undefined {
    const outer = this.locate(holder);
    const caller = outer?.ctx.scope.caller;
    if (outer && caller) {
      if (!written(outer.node, key)) return undefined;
      return this.callerProperty(outer, caller, key, 'key') ?? stripPath(this.callerElement(outer, caller, 'element'));
    }
    const at = this.property(holder, key);
    if (!at) return undefined;
    const keyNode = at.node.parent?.type === 'property' ? at.node.parent.children?.[0] : undefined;
    if (!keyNode) return this.refOf(at);
    // The key's range only (the value's, which refOf works out, would be replaced).
    const range = at.ctx.doc.lines.range(keyNode.offset, keyNode.length);
    return at.ctx.literal ? { uri: at.ctx.doc.uri, range, path: nodePath(at.node) } : { uri: at.ctx.doc.uri, range };
  }

  itemRef(holder: unknown, index: number, fallback: NodeRef): NodeRef {
    const outer = this.locate(holder);
    const caller = outer?.ctx.scope.caller;
    if (outer && caller) {
      const source = sourceOf(outer);
      const item = Array.isArray(source) ? source[index] : undefined;
      const mapped = item !== null && typeof item === 'object' ? caller.refOf(item, 'value') : undefined;
      return mapped ?? stripPath(this.callerElement(outer, caller, 'value'));
    }
    const at = this.item(holder, index);
    return at ? this.refOf(at) : stripPath(fallback);
  }

  /** A NodeRef with a path for a value that is literal text (an array an edit can insert into), else undefined. */
  literalRef(value: unknown): NodeRef | undefined {
    const at = this.locate(value);
    if (!at) return undefined;
    const caller = at.ctx.scope.caller;
    if (caller) {
      const source = sourceOf(at);
      return source ? caller.refOf(source, 'literal') : undefined;
    }
    if (!at.ctx.literal) return undefined;
    return this.refOf(at);
  }

  /** The plain ref of an object value (range of the whole object), if it has an origin. */
  valueRef(value: unknown, fallback: NodeRef): NodeRef {
    const at = this.locate(value);
    if (!at) return stripPath(fallback);
    const caller = at.ctx.scope.caller;
    if (caller) return this.callerElement(at, caller, 'value');
    return this.refOf(at);
  }

  // A template that reports through its caller (a registry module) -------------------

  /** The caller's text of the value this one stands for, else the module declaration. */
  private callerElement(at: Located, caller: CallerLink, how: 'element' | 'value'): NodeRef {
    const source = sourceOf(at);
    return (source && caller.refOf(source, how)) ?? caller.declaredAt;
  }

  /**
   * The caller's text of a property: the same property of the value the holder stands
   * for, else — in the module's own template — the argument of the one parameter the
   * property is written from; undefined when neither is known.
   */
  private callerProperty(at: Located, caller: CallerLink, key: string, how: 'prop' | 'key'): NodeRef | undefined {
    const source = sourceOf(at);
    const own = source ? caller.propRefOf(source, key, how) : undefined;
    if (own) return own;
    if (!at.ctx.scope.callerRoot || at.node.type !== 'object') return undefined;
    const parameter = parameterOfProperty(at.node, key);
    return parameter === undefined ? undefined : caller.argumentRef(parameter, how);
  }
}

function sourceOf(at: Located): object | undefined {
  return at.ctx.source ?? at.ctx.scope.source;
}

/** Whether the template writes `key` in this object, directly or as a property-level copy. */
function written(node: Node, key: string): boolean {
  if (findProperty(node, key)) return true;
  const copies = propertyValue(node, 'copy');
  return copies?.type === 'array' && (copies.children ?? []).some((c) => {
    const name = propertyValue(c, 'name');
    return name?.type === 'string' && String(name.value).toLowerCase() === key.toLowerCase();
  });
}

function identityOf(at: Located | undefined): string | undefined {
  if (!at || at.node.type !== 'string') return undefined;
  const text = String(at.node.value);
  if (!at.ctx.evaluates) return text;
  const v = evaluateIdentity(text, at.ctx.scope.identity());
  return typeof v === 'string' ? v : undefined;
}

/** The ref of an element object: range on its `name` value (else its first token), path of the object. */
export function elementRefOf(doc: ArmDocument, node: Node, literal: boolean): NodeRef {
  const name = node.type === 'object' ? propertyValue(node, 'name') : undefined;
  const path = literal ? nodePath(node) : undefined;
  if (name) return nodeRef(doc, name, path);
  const range = doc.lines.range(node.offset, Math.min(1, node.length));
  return path ? { uri: doc.uri, range, path } : { uri: doc.uri, range };
}

export function stripPath(ref: NodeRef): NodeRef {
  return ref.path ? { uri: ref.uri, range: ref.range } : ref;
}
