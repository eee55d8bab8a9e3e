import type { Node } from 'jsonc-parser';
import type { DeploymentTarget } from '../../core/symbolic';
import type { NodeRef } from '../../core/nodeRef';
import type { ArmDocument } from '../../parse/arm';
import { propertyKey, propertyValue } from '../../parse/jsonNode';
import { TemplateFrame, type ParameterBinding } from '../arm/armScope';
import type { CallerLink } from '../arm/callerLink';
import { Converter } from '../arm/convert';
import { ResourceCollector, type Declared } from '../arm/declarations';
import { Deployments, outputValues } from '../arm/deploymentOutputs';
import { Notes } from '../../model/notes';
import type { Maybe, ValueObject } from '../../core/value';
import type { ParamSource, Workspace } from './fileScope';

/**
 * An ARM JSON template deployed as a Bicep module (`module m './nsg.json' = {…}`): read
 * by the ARM front end — its parameters bound to the module's `params:` (values the
 * caller computes, with their identity twins), its resources declared by the same
 * collector as an ARM build (nested and linked templates included), its outputs
 * evaluated for `m.outputs.x`. Its values keep their places in the JSON file, so
 * findings land there — except for a registry module (`caller` given), whose file is
 * not the user's: its values are placed on the caller's text (see callerLink.ts).
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
    /** The template object: the document's root, or a template spec's `mainTemplate`. */
    private readonly template: Node,
    params: ParamSource,
    target: Partial<DeploymentTarget>,
    /** False when a module loop deploys it: its text then stands for several instances. */
    literal: boolean,
    condition: Maybe<true>,
    caller?: CallerLink,
  ) {
    this.uri = doc.uri;
    const root = template;
    const bindings = new Map<string, ParameterBinding>();
    for (const p of propertyValue(root, 'parameters')?.children ?? []) {
      const name = propertyKey(p);
      if (name === undefined || params(name, false) === undefined) continue;
      bindings.set(name.toLowerCase(), { value: (identity) => params(name, identity) ?? null });
    }
    const notes = caller ? new CallerNotes(ws.notes, caller) : ws.notes;
    this.converter = new Converter(ws.origins.json, notes, ws.budget);
    const deployments = new Deployments({ converter: this.converter, notes, host: ws.host });
    this.frame = new TemplateFrame({ doc, template: root, bindings, literal, converter: this.converter, target, deployments, ...(caller ? { caller, callerRoot: true } : {}) });
    const collector = new ResourceCollector({ converter: this.converter, notes, host: ws.host, uris: ws.uris, sources: ws.sources, deployments });
    collector.template(doc, root, this.frame.base, literal, condition);
    // The collector numbers the resources whose names do not resolve from 1; the build's counter keeps such keys apart.
    for (const d of collector.declared) {
      if (d.key.startsWith('?unresolved/')) d.key = `?unresolved/${ws.nextUnresolved()}/${d.typeLower}`;
      // A registry module's resource is placed where the caller writes what it stands for, else on the module declaration.
      if (caller) d.ref = ws.origins.json.elementRef(d.body, caller.declaredAt);
    }
    this.declared = collector.declared;
  }

  /** The template's outputs, evaluated in its frame (in the identity twin for `identity`). */
  outputs(identity: boolean): ValueObject {
    const had = this.outputsMemo.get(identity);
    if (had) return had;
    // Set before evaluating: an output that reads the module's outputs again finds them (empty) instead of looping.
    this.outputsMemo.set(identity, {});
    const scope = identity ? this.frame.base.identity() : this.frame.base;
    const out = outputValues(this.doc, this.template, scope, this.converter, !identity, false);
    this.outputsMemo.set(identity, out);
    return out;
  }
}

/** Notes about a registry module's text are placed on the module declaration: the module's file is not the user's. */
class CallerNotes extends Notes {
  constructor(
    private readonly inner: Notes,
    private readonly caller: CallerLink,
  ) {
    super(caller.declaredAt.uri);
  }

  override add(what: string, at?: NodeRef): void {
    this.inner.add(what, at && at.uri === this.caller.uri ? this.caller.declaredAt : at);
  }
}
