import type { BuildOptions, Host } from '../../core/host';
import { assembleModel, exhaustedModel } from '../../model/assemble';
import { nodeRef, type ArmDocument } from '../../parse/arm';
import { nodePath, propertyValue } from '../../parse/jsonNode';
import { TemplateFrame } from './armScope';
import type { BuildContext } from '../../model/buildContext';
import { Converter } from './convert';
import { ResourceCollector } from './declarations';
import { Deployments } from './deploymentOutputs';
import { resolveDependsOn } from './dependsOn';
import { Linker } from '../../model/links';
import { Notes } from '../../model/notes';
import { Origins } from './origin';
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
  const collector = new ResourceCollector({ converter, notes, host, uris: model.uris, sources: model.parameterSources, deployments });
  collector.template(doc, root, frame.base, true, true);
  const schema = propertyValue(root, '$schema');
  const schemaRef = schema ? nodeRef(doc, schema, nodePath(schema)) : undefined;
  if (converter.budget.exhausted) return exhaustedModel(model.uris, doc.uri, schemaRef);

  const ctx: BuildContext = { model, notes, origins, linker: new Linker(origins) };
  const declared = assembleModel(ctx, collector.declared);
  resolveDependsOn(origins, declared);
  model.unverified = notes.list;
  if (schemaRef) model.schemaRef = schemaRef;
  return model;
}
