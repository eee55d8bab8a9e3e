import type { BuildOptions, Host } from '../../core/host';
import { assembleModel, exhaustedModel } from '../../model/assemble';
import { nodeRef, type ArmDocument } from '../../parse/arm';
import { nodePath, propertyValue } from '../../parse/jsonNode';
import { TemplateFrame } from './armScope';
import type { BuildContext } from '../../model/buildContext';
import { Converter } from './convert';
import { ResourceCollector } from './declarations';
import { Deployments } from './deploymentOutputs';
import { KeptTypedDiffers, resolveDependsOn } from './dependsOn';
import { Linker } from '../../model/links';
import { Notes } from '../../model/notes';
import { Origins } from './origin';
import { beginReuse, commitReuse, endReuse, reportRetry, reuseKey } from './reuse';
import { loadParameters } from './parameterFile';
import { emptyModel, type NetworkModel } from '../../model/types';

/**
 * Builds the network model of an ARM template: resources declared in it (and in the
 * nested and linked templates it deploys), evaluated with its parameters (from a
 * parameters file or defaults) and variables, typed, merged and linked by resource key.
 * One pass over the resources; lookups are map hits. Never throws for odd input: what
 * cannot be read becomes UNKNOWN and, where it matters, a note in `unverified`.
 */
export function buildArmModel(doc: ArmDocument, host: Host, options: BuildOptions): NetworkModel {
  let built = build(doc, host, options, true, true);
  // A kept typed resource no longer fits (its dependsOn names another resource now): the same
  // build, with every resource typed afresh, which the next version then takes.
  if (built === RETYPE) built = build(doc, host, options, true, false);
  if (built !== RETRY && built !== RETYPE) return built;
  // A build that replayed kept lowering and then ran out of budget or failed is decided by one from nothing.
  reportRetry();
  return build(doc, host, options, false, false) as NetworkModel;
}

const RETRY = Symbol('retry');
const RETYPE = Symbol('retype');

function build(doc: ArmDocument, host: Host, options: BuildOptions, reuse: boolean, takeTyped: boolean): NetworkModel | typeof RETRY | typeof RETYPE {
  const model = emptyModel([doc.uri]);
  const root = doc.root;
  if (!root || root.type !== 'object') return model;
  const notes = new Notes(doc.uri);
  const origins = new Origins();
  const converter = new Converter(origins, notes);
  const params = loadParameters(doc, host, options.parametersUri, converter, notes);
  if (params.doc) {
    model.uris.push(params.doc.uri);
    model.parameterSources.parametersFile = params.doc.uri;
  }

  const deployments = new Deployments({ converter, notes, host });
  const frame = new TemplateFrame({
    doc,
    template: root,
    bindings: params.bindings,
    literal: true,
    converter,
    target: { level: doc.deploymentScope ?? 'resourceGroup' },
    analysed: true,
    deployments,
  });
  const key = reuse ? reuseKey(doc, params.doc, options) : undefined;
  const reusing = key ? beginReuse(key, { doc, paramsDoc: params.doc, frame, origins, budget: converter.budget }) : undefined;
  if (reusing && !takeTyped) reusing.takesTyped = false;
  const replayed = () => (reusing?.replayed ?? 0) > 0;
  const collector = new ResourceCollector({ converter, notes, host, uris: model.uris, sources: model.parameterSources, deployments, ...(reusing ? { reuse: reusing } : {}) });
  converter.tracker = reusing?.tracker;
  try {
    collector.template(doc, root, frame.base, true, true);
  } catch (e) {
    if (replayed()) return RETRY;
    throw e;
  } finally {
    if (reusing) endReuse(reusing);
    converter.tracker = undefined;
  }
  const schema = propertyValue(root, '$schema');
  const schemaRef = schema ? nodeRef(doc, schema, nodePath(schema)) : undefined;
  if (converter.budget.exhausted) return replayed() ? RETRY : exhaustedModel(model.uris, doc.uri, schemaRef);

  const ctx: BuildContext = { model, notes, origins, linker: new Linker(origins) };
  try {
    const declared = assembleModel(ctx, collector.declared, reusing);
    resolveDependsOn(origins, declared, reusing?.typedTaken);
  } catch (e) {
    if (e instanceof KeptTypedDiffers) return RETYPE;
    if (replayed()) return RETRY;
    throw e;
  }
  // Evaluations while the model is assembled spend from the same budget.
  if (converter.budget.exhausted && replayed()) return RETRY;
  model.unverified = notes.list;
  if (schemaRef) model.schemaRef = schemaRef;
  if (reusing && !converter.budget.exhausted) commitReuse(reusing);
  return model;
}
