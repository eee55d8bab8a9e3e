import { getNodeValue } from 'jsonc-parser';
import { readText } from '../../core/host';
import { nodeRange, stringValue } from '../../parse/bicep';
import { couldNotRead, type Notes } from '../../model/notes';
import type { Value } from '../../core/value';
import { parseArmDocument } from '../../parse/arm';
import { propertyValue } from '../../parse/jsonNode';
import { bindParameters } from '../arm/parameterFile';
import { parseBicepDocument } from '../../parse/bicep/document';
import { FileScope, NO_PARAMS, type ParamSource, type Workspace } from './fileScope';

export interface BicepParams {
  source: ParamSource;
  /** The file that supplied them, when one was found. */
  uri?: string;
}

/**
 * The parameter values of a Bicep template: from the file named explicitly (a
 * `.bicepparam` file, or an ARM `*.parameters.json`), else from `<name>.bicepparam`
 * beside the template when that file's `using` names the template. Values a
 * `.bicepparam` file computes are evaluated in its own scope and keep their ranges there.
 */
export function loadBicepParams(templateUri: string, ws: Workspace, explicitUri: string | undefined): BicepParams {
  if (explicitUri !== undefined) {
    const text = readText(ws.host, explicitUri);
    if (text === undefined) {
      ws.notes.add(`the parameters file ${explicitUri} ${couldNotRead(ws.host, explicitUri)}`);
      return { source: NO_PARAMS };
    }
    if (/\.jsonc?$/i.test(explicitUri)) return { source: jsonParams(text, ws.notes, explicitUri), uri: explicitUri };
    return { source: bicepParams(explicitUri, text, ws), uri: explicitUri };
  }
  const sibling = templateUri.replace(/\.bicep$/i, '.bicepparam');
  if (sibling === templateUri) return { source: NO_PARAMS };
  const text = readText(ws.host, sibling);
  if (text === undefined) return { source: NO_PARAMS };
  const doc = parseBicepDocument(sibling, text);
  const using = doc.file.declarations.find((d) => d.kind === 'using');
  const target = using && using.path.kind === 'string' ? stringValue(using.path) : undefined;
  let resolved: string | undefined;
  try {
    resolved = target !== undefined ? new URL(target, sibling).toString() : undefined;
  } catch {
    resolved = undefined;
  }
  if (resolved === undefined || resolved.toLowerCase() !== templateUri.toLowerCase()) return { source: NO_PARAMS };
  return { source: bicepParams(sibling, text, ws), uri: sibling };
}

function bicepParams(uri: string, text: string, ws: Workspace): ParamSource {
  const doc = parseBicepDocument(uri, text);
  if (!doc.file.isParamsFile) {
    ws.notes.add(`the parameters file ${uri} has no 'using' declaration`, { uri, range: nodeRange(doc.file, { start: 0, end: 0 }) });
  }
  const scope = new FileScope(ws, doc, NO_PARAMS, {}, true, [uri.toLowerCase()]);
  return (name, identity) => (scope.hasParam(name) ? scope.symbol(name, identity) : undefined);
}

/** An ARM parameters file for a Bicep template: its values as plain JSON, read as the ARM front end reads the file's entries. */
function jsonParams(text: string, notes: Notes, uri: string): ParamSource {
  const root = parseArmDocument(uri, text).root;
  const params = root?.type === 'object' ? propertyValue(root, 'parameters') : undefined;
  if (params?.type !== 'object') {
    notes.add(`the parameters file ${uri} has no parameters`);
    return NO_PARAMS;
  }
  const bindings = bindParameters(params, (_name, valueNode) => () => getNodeValue(valueNode) as Value);
  return (name) => bindings.get(name.toLowerCase())?.value(false);
}
