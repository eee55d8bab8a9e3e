import type { Node } from 'jsonc-parser';
import { readText, type Host } from '../../core/host';
import { parseArmDocument, type ArmDocument } from '../../parse/arm';
import { propertyKey, propertyValue } from '../../parse/jsonNode';
import { inertScope, type ParameterBinding } from './armScope';
import type { Converter } from './convert';
import { couldNotRead, type Notes } from '../../model/notes';
import { unknown, type Value } from '../../core/value';

export interface LoadedParameters {
  bindings: Map<string, ParameterBinding>;
  /** The parameters file that supplied them, if one was found. */
  doc?: ArmDocument;
}

/**
 * The parameters file for a template: the one named explicitly, else the first of
 * `<name>.parameters.json`, `azuredeploy.parameters.json`, `main.parameters.json`
 * beside the template that can be read.
 */
function findParameterFile(templateUri: string, host: Host, explicitUri?: string): { uri: string; text: string } | 'unreadable' | undefined {
  if (explicitUri !== undefined) {
    const text = readText(host, explicitUri);
    return text === undefined ? 'unreadable' : { uri: explicitUri, text };
  }
  for (const uri of siblingCandidates(templateUri)) {
    const text = readText(host, uri);
    if (text !== undefined) return { uri, text };
  }
  return undefined;
}

/** Candidate parameter files beside a template, in the order they are tried. */
export function siblingCandidates(templateUri: string): string[] {
  const cut = Math.max(templateUri.lastIndexOf('/'), templateUri.lastIndexOf('\\'));
  const dir = templateUri.slice(0, cut + 1);
  const file = templateUri.slice(cut + 1);
  const stem = file.replace(/\.jsonc?$/i, '');
  const own = templateUri.toLowerCase();
  const names = [`${stem}.parameters.json`, 'azuredeploy.parameters.json', 'main.parameters.json'];
  const out: string[] = [];
  for (const name of names) {
    const uri = dir + name;
    if (uri.toLowerCase() !== own && !out.some((u) => u.toLowerCase() === uri.toLowerCase())) out.push(uri);
  }
  return out;
}


export function loadParameters(
  template: ArmDocument,
  host: Host,
  explicitUri: string | undefined,
  converter: Converter,
  notes: Notes,
): LoadedParameters {
  const bindings = new Map<string, ParameterBinding>();
  const found = findParameterFile(template.uri, host, explicitUri);
  if (found === 'unreadable') {
    notes.add(`the parameters file ${explicitUri} ${couldNotRead(host, explicitUri!)}`);
    return { bindings };
  }
  if (!found) {
    // A parameters file beside the template that exists but was refused is worth saying: its values are not used.
    for (const uri of siblingCandidates(template.uri)) {
      const why = host.whyNot?.(uri);
      if (why) notes.add(`the parameters file ${uri} beside the template was not read: ${why}`);
    }
    return { bindings };
  }
  const doc = parseArmDocument(found.uri, found.text);
  const params = doc.root?.type === 'object' ? propertyValue(doc.root, 'parameters') : undefined;
  const fromFile = bindParameters(params, (name, valueNode) => {
    let memo: Value | undefined;
    // Both twins of the template's frame read one value: watched as a value of its own (see reuse.ts).
    const key = `b:${name.toLowerCase()}`;
    const read = () => converter.value(valueNode, { doc, scope: inertScope, literal: true, evaluates: false }, { propertyCopy: false, record: true });
    return () => {
      const tracker = converter.tracker;
      if (memo !== undefined) {
        tracker?.read(key);
        return memo;
      }
      memo = tracker ? tracker.memoised(key, read) : read();
      return memo;
    };
  });
  return { bindings: fromFile, doc };
}

/**
 * The bindings of an ARM `parameters` object — a parameters file's, or a nested or linked
 * deployment's `properties.parameters` — by lower-cased name: an entry's `value` bound as
 * `bind` says, a Key Vault `reference` to UNKNOWN (its secret is in no file), anything
 * else to nothing (the parameter keeps its default).
 */
export function bindParameters(params: Node | undefined, bind: (name: string, value: Node) => ParameterBinding['value']): Map<string, ParameterBinding> {
  const out = new Map<string, ParameterBinding>();
  if (params?.type !== 'object') return out;
  for (const p of params.children ?? []) {
    const name = propertyKey(p);
    const entry = p.children?.[1];
    if (name === undefined || entry?.type !== 'object') continue;
    const valueNode = propertyValue(entry, 'value');
    if (valueNode) out.set(name.toLowerCase(), { value: bind(name, valueNode) });
    else if (propertyValue(entry, 'reference')) out.set(name.toLowerCase(), { value: () => unknown(`parameter '${name}' is a Key Vault reference`) });
  }
  return out;
}
