/**
 * Findings where the user typed the value that causes them. A template's finding whose
 * value comes from the parameters file the analysis used (a `.bicepparam` line, an ARM
 * parameters file's `value`) is also shown on that value, with the template's place as
 * related information, as the Bicep tooling does for parameter files. The value is found
 * as a fix finds where to edit it (edits/definitions.ts): the text at the finding's place
 * is followed through parameters, variables and module arguments to where it is defined.
 */
import { parseTree, type Node } from 'jsonc-parser';
import { readText, type Host } from '../core/host';
import type { ReportedFinding } from '../core/findings';
import { LineIndex } from '../core/lineIndex';
import type { NodePath, NodeRef, Range, Related } from '../core/nodeRef';
import type { NetworkModel } from '../model/types';
import { DECIDING_RULE_PROPERTIES } from '../model/security';
import { definitionOf, type Site } from '../edits/definitions';
import { SourceTexts } from '../edits/sourceTexts';
import { isBicepParamsUri } from '../parse/bicep/document';
import { nodeRange, parseBicep } from '../parse/bicep';
import { findProperty } from '../parse/jsonNode';
import { sameFileUri } from './diskHost';

/** What the related information of a finding shown on a value says of the template's place. */
export const templatePlaceMessage = 'The template uses this value here';

/** What the template's finding says of the value in the parameters file. */
export const parameterValueMessage = 'The value that causes this, given in the parameters file';

/**
 * The findings with `parameterValues` set where the parameters file of `model` gives a
 * value that causes them. Findings without such a value are returned as they are; none
 * changes when the analysis used no parameters file.
 */
export function withParameterValues(findings: ReportedFinding[], model: NetworkModel, host: Host): ReportedFinding[] {
  const file = model.parameterSources.parametersFile;
  if (file === undefined || findings.length === 0) return findings;
  const texts = new SourceTexts({
    documentOf: (uri) => {
      const text = readText(host, uri);
      return text === undefined ? undefined : { uri, text };
    },
    root: model.uris[0],
    sources: model.parameterSources,
  });
  const ranges = new ValueRanges(file, texts);
  return findings.map((f) => {
    const values = valuesOf(f.at, file, texts, ranges);
    return values.length > 0 ? { ...f, parameterValues: values } : f;
  });
}

/** The places in the parameters file `file` that give the value at `at`, or the values of the element there that decide it. */
export function valuesOf(at: NodeRef, file: string, texts: SourceTexts, ranges: ValueRanges): Related[] {
  if (!at.path || !at.uri || sameFileUri(at.uri, file)) return [];
  const out: Related[] = [];
  const seen = new Set<string>();
  // An element (a security rule): a finding placed on it is caused by the properties that decide what it does, not by its name or description.
  const paths: NodePath[] = [at.path, ...DECIDING_RULE_PROPERTIES.map((p) => [...at.path!, 'properties', p])];
  for (const path of paths) {
    let defined;
    try {
      defined = definitionOf({ uri: at.uri, path }, texts);
    } catch {
      defined = undefined;
    }
    if (!defined || !sameFileUri(defined.site.uri, file)) continue;
    const range = ranges.of(defined.site);
    if (!range) continue;
    const key = `${range.start.line}:${range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ message: parameterValueMessage, at: { uri: file, range, path: defined.site.path } });
  }
  return out;
}

/** Where a value of the parameters file is written: a `.bicepparam` declaration's value, or an entry's `value` in JSON. */
export class ValueRanges {
  private bicep?: ReturnType<typeof parseBicep> | null;
  private json?: { root: Node; lines: LineIndex } | null;

  constructor(
    private readonly file: string,
    private readonly texts: SourceTexts,
  ) {}

  of(site: Site): Range | undefined {
    if (isBicepParamsUri(this.file)) {
      if (this.bicep === undefined) {
        const text = this.texts.text(this.file);
        this.bicep = text === undefined ? null : parseBicep(text);
      }
      const name = site.path[0];
      const decl = this.bicep?.declarations.find((d) => d.kind === 'param' && !d.name.missing && d.name.name === name);
      return decl?.kind === 'param' && decl.value && this.bicep ? nodeRange(this.bicep, decl.value) : undefined;
    }
    if (this.json === undefined) {
      const text = this.texts.text(this.file);
      const root = text === undefined ? undefined : parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
      this.json = root && text !== undefined ? { root, lines: new LineIndex(text) } : null;
    }
    if (!this.json) return undefined;
    let node: Node | undefined = this.json.root;
    for (const segment of site.path) {
      if (typeof segment !== 'string' || node?.type !== 'object') return undefined;
      node = findProperty(node, segment)?.children?.[1];
    }
    return node ? this.json.lines.range(node.offset, node.length) : undefined;
  }
}

/**
 * The finding as shown on one of its values: there, with the template's place first in
 * its related information. No fix: the template's finding offers it.
 */
export function onValue(f: ReportedFinding, value: Related): ReportedFinding {
  const { fix: _fix, parameterValues: _values, ...rest } = f;
  // The template's place is the way back; the ASE and its subnet, which the message names, add nothing here.
  const related: Related[] = [{ message: templatePlaceMessage, at: { uri: f.at.uri, range: f.at.range, ...(f.at.path ? { path: f.at.path } : {}) } }, ...(f.related ?? []).filter((r) => !r.context)];
  return { ...rest, at: value.at, related };
}

/** Every finding shown on a value of the parameters file, once per value (for the parameters file's diagnostics). */
export function findingsOnValues(findings: readonly ReportedFinding[], file?: string): ReportedFinding[] {
  const out: ReportedFinding[] = [];
  for (const f of findings) for (const v of f.parameterValues ?? []) if (file === undefined || sameFileUri(v.at.uri, file)) out.push(onValue(f, v));
  return out;
}
