import type { DeploymentTarget } from '../../core/symbolic';
import type { ArmDocument } from '../../parse/arm';
import { propertyKey, propertyValue } from '../../parse/jsonNode';
import { TemplateFrame, type ParameterBinding } from '../arm/armScope';
import { Converter } from '../arm/convert';
import { ResourceCollector, type Declared } from '../arm/declarations';
import type { Maybe } from '../../core/value';
import { asBoolean, unknown, type Value, type ValueObject } from '../../core/value';
import type { ParamSource, Workspace } from './fileScope';

/**
 * An ARM JSON template deployed as a Bicep module (`module m './nsg.json' = {…}`): read
 * by the ARM front end — its parameters bound to the module's `params:` (values the
 * caller computes, with their identity twins), its resources declared by the same
 * collector as an ARM build (nested and linked templates included), its outputs
 * evaluated for `m.outputs.x`. Its values keep their places in the JSON file, so
 * findings land there.
 */
export class ArmModuleFile {
  readonly uri: string;
  /** The resource instances it declares, for the shared builders. */
  readonly declared: Declared[];
  private readonly frame: TemplateFrame;
  private readonly converter: Converter;
  private readonly outputsMemo = new Map<boolean, ValueObject>();

  constructor(
    ws: Workspace,
    readonly doc: ArmDocument,
    params: ParamSource,
    target: Partial<DeploymentTarget>,
    /** False when a module loop deploys it: its text then stands for several instances. */
    literal: boolean,
    condition: Maybe<true>,
  ) {
    this.uri = doc.uri;
    const root = doc.root!;
    const bindings = new Map<string, ParameterBinding>();
    for (const p of propertyValue(root, 'parameters')?.children ?? []) {
      const name = propertyKey(p);
      if (name === undefined || params(name, false) === undefined) continue;
      bindings.set(name.toLowerCase(), { value: (identity) => params(name, identity) ?? null });
    }
    this.converter = new Converter(ws.origins.json, ws.notes, ws.budget);
    this.frame = new TemplateFrame({ doc, template: root, bindings, literal, converter: this.converter, target });
    const collector = new ResourceCollector({ converter: this.converter, notes: ws.notes, host: ws.host, uris: ws.uris, sources: ws.sources });
    collector.template(doc, root, this.frame.base, literal, condition);
    // The collector numbers the resources whose names do not resolve from 1; the build's counter keeps such keys apart.
    for (const d of collector.declared) {
      if (d.key.startsWith('?unresolved/')) d.key = `?unresolved/${ws.nextUnresolved()}/${d.typeLower}`;
    }
    this.declared = collector.declared;
  }

  /** The template's outputs, evaluated in its frame (in the identity twin for `identity`). */
  outputs(identity: boolean): ValueObject {
    const had = this.outputsMemo.get(identity);
    if (had) return had;
    const out: ValueObject = {};
    this.outputsMemo.set(identity, out);
    const scope = identity ? this.frame.base.identity() : this.frame.base;
    for (const p of propertyValue(this.doc.root, 'outputs')?.children ?? []) {
      const name = propertyKey(p);
      const node = p.children?.[1];
      if (name === undefined || node?.type !== 'object') continue;
      const valueNode = propertyValue(node, 'value');
      let v: Value;
      const condition = propertyValue(node, 'condition');
      const kept = condition ? asBoolean(this.converter.value(condition, { doc: this.doc, scope, literal: false, evaluates: true }, { propertyCopy: false, record: false })) : true;
      if (kept === false) continue;
      if (kept !== true) v = unknown(`whether output '${name}' of ${this.doc.uri} is set could not be decided`);
      else if (propertyValue(node, 'copy')) v = unknown(`output '${name}' of ${this.doc.uri} is built by a copy loop, which is not evaluated`);
      else if (!valueNode) v = unknown(`output '${name}' of ${this.doc.uri} has no value`);
      else v = this.converter.value(valueNode, { doc: this.doc, scope, literal: false, evaluates: true }, { propertyCopy: true, record: !identity });
      out[name] = v;
    }
    return out;
  }
}
