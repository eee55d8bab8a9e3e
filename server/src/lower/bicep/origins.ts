import type { BicepEnv, LiteralNode } from '../../eval/bicep/env';
import { identityOf } from '../../eval/bicep/env';
import { evaluateBicep } from '../../eval/bicep/evaluate';
import { findProperty, nodeRange, propertyName, type BicepFile, type Expression, type ObjectProperty, type Span } from '../../parse/bicep';
import type { RefSource } from '../../model/buildContext';
import type { NodePath, NodeRef } from '../../core/nodeRef';
import { Origins, stripPath } from '../arm/origin';
import type { Frame } from './reuse';

/** Where a materialised Bicep object or array came from. */
export interface BicepOrigin {
  node: LiteralNode;
  /** Only when the value is literal text in the file (see NodePath). */
  path: NodePath | undefined;
  uri: string;
  file: BicepFile;
  /** The surroundings it was evaluated in, to re-evaluate a property in the identity twin. */
  env: BicepEnv;
}

/**
 * The Bicep answer to RefSource: every object and array the evaluator builds is recorded
 * with its syntax node, so the typed builders find the text behind a value exactly as
 * they do for ARM. Ranges: an element's `name` value, a property's value, a long
 * property's key; paths follow the Bicep convention of nodeRef.ts.
 */
export class BicepOrigins implements RefSource {
  /**
   * One record per object and array evaluated: a plain Map that lives as long as the one
   * build it serves (as the ARM front end's Origins: a WeakMap costs more per insertion and,
   * as an ephemeron table, makes each garbage collection slower).
   */
  private readonly map = new Map<object, BicepOrigin>();
  /**
   * Values read from JSON files (an ARM template used as a module, a `loadJsonContent`
   * file) are recorded by the ARM front end's converter here and answered by it, so a
   * finding on them lands in that file.
   */
  readonly json = new Origins();

  /** The evaluation under way that keeps what it builds for the next version (see reuse.ts). */
  sink: Frame | undefined;

  record(value: object, origin: BicepOrigin): void {
    this.map.set(value, origin);
    const sink = this.sink;
    if (sink === undefined) return;
    sink.collect(value, origin);
    // Built in other surroundings (another file, a nested resource's body): not given again.
    if (origin.env.symbols !== sink.symbols || origin.env.enclosing !== undefined) sink.volatile = true;
  }

  /**
   * A kept evaluation's values, with their origins in this version (made in this file's
   * surroundings: nothing in them makes the evaluation under way volatile).
   */
  recordKept(values: readonly object[], origins: BicepOrigin[]): void {
    const map = this.map;
    for (let i = 0; i < values.length; i++) map.set(values[i], origins[i]);
    this.sink?.collectKept(values, origins);
  }

  locate(value: unknown): BicepOrigin | undefined {
    return typeof value === 'object' && value !== null ? this.map.get(value) : undefined;
  }

  /** Gives `to` (a copy of `from`) the same origin, whichever front end recorded it. */
  copyOrigin(from: object, to: object): void {
    const at = this.locate(from);
    if (at) return this.record(to, at);
    const json = this.json.locate(from);
    if (!json) return;
    this.json.record(to, json.node, json.ctx);
    // Recorded on the JSON side, which the next version's reuse does not record again.
    if (this.sink) this.sink.volatile = true;
  }

  /** True when the JSON side recorded the value (and this side did not: `at` is this side's answer). */
  private fromJson(value: unknown, at: BicepOrigin | undefined): boolean {
    return at === undefined && this.json.locate(value) !== undefined;
  }

  /** The property `key` of the object literal `at` was built from. */
  private property(at: BicepOrigin | undefined, key: string): ObjectProperty | undefined {
    return at && at.node.kind === 'object' ? findProperty(at.node, key) : undefined;
  }

  private ref(at: BicepOrigin, span: Span, path: NodePath | undefined): NodeRef {
    const ref: NodeRef = { uri: at.uri, range: nodeRange(at.file, span) };
    if (path) ref.path = path;
    return ref;
  }

  private propRefOf(at: BicepOrigin | undefined, key: string): NodeRef | undefined {
    const prop = this.property(at, key);
    if (!at || !prop) return undefined;
    const name = propertyName(prop);
    return this.ref(at, prop.value, at.path && name !== undefined ? [...at.path, name] : undefined);
  }

  elementRef(value: unknown, fallback: NodeRef): NodeRef {
    const at = this.locate(value);
    if (this.fromJson(value, at)) return this.json.elementRef(value, fallback);
    if (!at) return stripPath(fallback);
    return elementRefOf(at);
  }

  propRef(holder: unknown, key: string, fallback: NodeRef): NodeRef {
    const at = this.locate(holder);
    if (this.fromJson(holder, at)) return this.json.propRef(holder, key, fallback);
    return this.propRefOf(at, key) ?? stripPath(fallback);
  }

  propRefIfPresent(holder: unknown, key: string): NodeRef | undefined {
    const at = this.locate(holder);
    if (this.fromJson(holder, at)) return this.json.propRefIfPresent(holder, key);
    return this.propRefOf(at, key);
  }

  keyRef(holder: unknown, key: string): NodeRef | undefined {
    const at = this.locate(holder);
    if (this.fromJson(holder, at)) return this.json.keyRef(holder, key);
    const ref = this.propRefOf(at, key);
    const prop = this.property(at, key);
    if (!ref || !at || !prop) return undefined;
    ref.range = nodeRange(at.file, prop.key);
    return ref;
  }

  itemRef(holder: unknown, index: number, fallback: NodeRef): NodeRef {
    const at = this.locate(holder);
    if (this.fromJson(holder, at)) return this.json.itemRef(holder, index, fallback);
    if (!at) return stripPath(fallback);
    if (at.node.kind === 'for') return this.ref(at, at.node.body, at.path);
    if (at.node.kind !== 'array') return stripPath(fallback);
    const items = at.node.items;
    let spreadBefore = false;
    for (let i = 0; i <= index && i < items.length && !spreadBefore; i++) spreadBefore = items[i].kind === 'spread';
    const item = items[index];
    if (!item || spreadBefore) return stripPath(fallback);
    return this.ref(at, item, at.path ? [...at.path, index] : undefined);
  }

  literalRef(value: unknown): NodeRef | undefined {
    const at = this.locate(value);
    if (this.fromJson(value, at)) return this.json.literalRef(value);
    if (!at || !at.path || at.node.kind === 'for') return undefined;
    return this.ref(at, at.node, at.path);
  }

  valueRef(value: unknown, fallback: NodeRef): NodeRef {
    const at = this.locate(value);
    if (this.fromJson(value, at)) return this.json.valueRef(value, fallback);
    return at ? this.ref(at, at.node, at.path) : stripPath(fallback);
  }

  identityString(holder: unknown, key: string): string | undefined {
    const at = this.locate(holder);
    if (this.fromJson(holder, at)) return this.json.identityString(holder, key);
    const prop = this.property(at, key);
    return at && prop ? identityValue(prop.value, at) : undefined;
  }

  identityItem(holder: unknown, index: number): string | undefined {
    const at = this.locate(holder);
    if (this.fromJson(holder, at)) return this.json.identityItem(holder, index);
    if (!at || at.node.kind !== 'array') return undefined;
    const item = at.node.items[index];
    return item && item.kind !== 'spread' ? identityValue(item, at) : undefined;
  }
}

function identityValue(e: Expression, at: BicepOrigin): string | undefined {
  const v = evaluateBicep(e, identityOf(at.env));
  return typeof v === 'string' ? v : undefined;
}

/** An element object's ref: range on its `name` value (else its first character), path of the object. */
export function elementRefOf(at: BicepOrigin): NodeRef {
  const node = at.node;
  const name = node.kind === 'object' ? findProperty(node, 'name') : undefined;
  const span: Span = name ? name.value : { start: node.start, end: Math.min(node.end, node.start + 1) };
  const ref: NodeRef = { uri: at.uri, range: nodeRange(at.file, span) };
  if (at.path) ref.path = at.path;
  return ref;
}
