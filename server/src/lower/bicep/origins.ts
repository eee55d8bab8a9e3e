import type { BicepEnv, LiteralNode } from '../../eval/bicep/env';
import { identityOf } from '../../eval/bicep/env';
import { evaluateBicep } from '../../eval/bicep/evaluate';
import { findProperty, nodeRange, propertyName, type BicepFile, type Expression, type ObjectProperty, type Span } from '../../parse/bicep';
import type { RefSource } from '../../model/buildContext';
import type { NodePath, NodeRef } from '../../core/nodeRef';
import { Origins, stripPath } from '../arm/origin';

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
  private readonly map = new WeakMap<object, BicepOrigin>();
  /**
   * Values read from JSON files (an ARM template used as a module, a `loadJsonContent`
   * file) are recorded by the ARM front end's converter here and answered by it, so a
   * finding on them lands in that file.
   */
  readonly json = new Origins();

  record(value: object, origin: BicepOrigin): void {
    this.map.set(value, origin);
  }

  locate(value: unknown): BicepOrigin | undefined {
    return typeof value === 'object' && value !== null ? this.map.get(value) : undefined;
  }

  /** Gives `to` (a copy of `from`) the same origin, whichever front end recorded it. */
  copyOrigin(from: object, to: object): void {
    const at = this.locate(from);
    if (at) return this.record(to, at);
    const json = this.json.locate(from);
    if (json) this.json.record(to, json.node, json.ctx);
  }

  /** True when the JSON side recorded the value and this side did not. */
  private fromJson(value: unknown): boolean {
    return this.locate(value) === undefined && this.json.locate(value) !== undefined;
  }

  private property(holder: unknown): { at: BicepOrigin; find: (key: string) => ObjectProperty | undefined } | undefined {
    const at = this.locate(holder);
    if (!at || at.node.kind !== 'object') return undefined;
    const node = at.node;
    return { at, find: (key) => findProperty(node, key) };
  }

  private ref(at: BicepOrigin, span: Span, path: NodePath | undefined): NodeRef {
    const ref: NodeRef = { uri: at.uri, range: nodeRange(at.file, span) };
    if (path) ref.path = path;
    return ref;
  }

  private propRefOf(holder: unknown, key: string): NodeRef | undefined {
    const p = this.property(holder);
    const prop = p?.find(key);
    if (!p || !prop) return undefined;
    const name = propertyName(prop);
    return this.ref(p.at, prop.value, p.at.path && name !== undefined ? [...p.at.path, name] : undefined);
  }

  elementRef(value: unknown, fallback: NodeRef): NodeRef {
    if (this.fromJson(value)) return this.json.elementRef(value, fallback);
    const at = this.locate(value);
    if (!at) return stripPath(fallback);
    return elementRefOf(at);
  }

  propRef(holder: unknown, key: string, fallback: NodeRef): NodeRef {
    if (this.fromJson(holder)) return this.json.propRef(holder, key, fallback);
    return this.propRefOf(holder, key) ?? stripPath(fallback);
  }

  propRefIfPresent(holder: unknown, key: string): NodeRef | undefined {
    if (this.fromJson(holder)) return this.json.propRefIfPresent(holder, key);
    return this.propRefOf(holder, key);
  }

  keyRef(holder: unknown, key: string): NodeRef | undefined {
    if (this.fromJson(holder)) return this.json.keyRef(holder, key);
    const ref = this.propRefOf(holder, key);
    const p = this.property(holder);
    const prop = p?.find(key);
    if (!ref || !p || !prop) return undefined;
    ref.range = nodeRange(p.at.file, prop.key);
    return ref;
  }

  itemRef(holder: unknown, index: number, fallback: NodeRef): NodeRef {
    if (this.fromJson(holder)) return this.json.itemRef(holder, index, fallback);
    const at = this.locate(holder);
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
    if (this.fromJson(value)) return this.json.literalRef(value);
    const at = this.locate(value);
    if (!at || !at.path || at.node.kind === 'for') return undefined;
    return this.ref(at, at.node, at.path);
  }

  valueRef(value: unknown, fallback: NodeRef): NodeRef {
    if (this.fromJson(value)) return this.json.valueRef(value, fallback);
    const at = this.locate(value);
    return at ? this.ref(at, at.node, at.path) : stripPath(fallback);
  }

  identityString(holder: unknown, key: string): string | undefined {
    if (this.fromJson(holder)) return this.json.identityString(holder, key);
    const p = this.property(holder);
    const prop = p?.find(key);
    return p && prop ? identityValue(prop.value, p.at) : undefined;
  }

  identityItem(holder: unknown, index: number): string | undefined {
    if (this.fromJson(holder)) return this.json.identityItem(holder, index);
    const at = this.locate(holder);
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
