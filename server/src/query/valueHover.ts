import type { Position } from 'vscode-languageserver';
import type { Analysis } from '../engine/analyze';
import { linesOf } from '../engine/analyze';
import type { NodeRef, Range } from '../core/nodeRef';
import { rangeContains } from '../core/nodeRef';
import { isSymbolicValue, isUnknown, type Maybe } from '../core/value';
import { describeSymbolic, isSymbolic } from '../core/symbolic';
import type { AppServiceEnvironment, Located, NetworkModel, RuleField, SecurityRule } from '../model/types';
import { definitionOf } from '../edits/definitions';
import { fileName, SourceTexts } from '../edits/sourceTexts';
import { readText, type Host } from '../core/host';
import { sameFileUri } from '../engine/diskHost';
import { valuesOf, ValueRanges } from '../engine/parameterValues';
import { aseSummaryMarkdown } from './aseSummary';
import { mdCode, mdText } from './markdown';

/** One value of the model with where it is written and what it is, for the hovers below. */
interface ModelValue {
  value: Maybe<unknown>;
  at: NodeRef;
  /** "the prefix of subnet 'ase-subnet'". */
  what: string;
}

const fieldWords: Record<RuleField, string> = {
  priority: 'the priority',
  direction: 'the direction',
  access: 'the access',
  protocol: 'the protocol',
  source: 'the source',
  sourcePorts: 'the source ports',
  destination: 'the destination',
  destinationPorts: 'the destination ports',
};

/** The values the rules read that are written at a place of the text: prefixes, DNS servers, delegations, the parts of security rules. */
function modelValues(model: NetworkModel): ModelValue[] {
  const out: ModelValue[] = [];
  const located = (list: Maybe<Located<string>[]> | undefined, what: string) => {
    if (list && !isUnknown(list)) for (const l of list) out.push({ value: l.value, at: l.ref, what });
  };
  for (const s of model.subnets) {
    located(s.addressPrefixes, `the prefix of subnet ${named(s.subnetName)}`);
    located(s.delegations, `a delegation of subnet ${named(s.subnetName)}`);
  }
  for (const v of model.vnets) {
    located(v.addressPrefixes, `the address space of VNet ${named(v.name)}`);
    located(v.dnsServers, `a DNS server of VNet ${named(v.name)}`);
  }
  for (const n of model.nsgs) {
    if (isUnknown(n.securityRules)) continue;
    for (const r of n.securityRules) {
      for (const [field, at] of Object.entries(r.fieldRefs ?? {}) as [RuleField, NodeRef][]) {
        out.push({ value: ruleValue(r, field), at, what: `${fieldWords[field]} of security rule ${named(r.name)}` });
      }
    }
  }
  for (const a of model.ases) if (a.kindRef) out.push({ value: a.version, at: a.kindRef, what: `the version of ASE ${named(a.name)}` });
  return out;
}

function ruleValue(r: SecurityRule, field: RuleField): Maybe<unknown> {
  switch (field) {
    case 'source':
      return r.sourceAddressPrefixes;
    case 'destination':
      return r.destinationAddressPrefixes;
    case 'sourcePorts':
      return r.sourcePortRanges;
    case 'destinationPorts':
      return r.destinationPortRanges;
    default:
      return r[field];
  }
}

function named(name: Maybe<string> | undefined): string {
  if (name === undefined || isUnknown(name)) return '(unnamed)';
  return `'${isSymbolic(name) ? describeSymbolic(name) : name}'`;
}

function shown(value: Maybe<unknown>): string {
  if (isSymbolicValue(value)) return `known only at deployment (${mdText(value.reason, 200)})`;
  if (isUnknown(value)) return `unknown (${mdText(value.reason, 200)})`;
  if (Array.isArray(value)) return value.map((v) => shown(v)).join(', ');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return mdCode(isSymbolic(text) ? describeSymbolic(text) : text);
}

function texts(analysis: Analysis, host: Host, model: NetworkModel): SourceTexts {
  return new SourceTexts({
    documentOf: (uri) => {
      const text = sameFileUri(uri, analysis.uri) ? analysis.document.text : readText(host, uri);
      return text === undefined ? undefined : { uri, text };
    },
    root: model.uris[0],
    sources: model.parameterSources,
  });
}

/**
 * The hover on a value the template takes from elsewhere (a parameter, a variable, a
 * module argument): what it resolves to, and where that is given — the parameters file
 * and its line, a default. Undefined when the hovered text is a literal or no value the
 * rules read.
 */
export function resolvedValueMarkdown(analysis: Analysis, position: Position, host: Host): { markdown: string; range: Range } | undefined {
  const model = analysis.model;
  if (!model) return undefined;
  const all = modelValues(model).filter((v) => v.at.uri === analysis.uri && v.at.path && rangeContains(v.at.range, { start: position, end: position }));
  // A text a copy loop evaluates once per item has no one value: nothing is claimed for it.
  const byPlace = new Map<string, ModelValue[]>();
  for (const v of all) {
    const key = `${v.at.range.start.line}:${v.at.range.start.character}|${v.what}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), v]);
  }
  const here = [...byPlace.values()].filter((vs) => vs.every((v) => shown(v.value) === shown(vs[0].value))).map((vs) => vs[0]);
  if (here.length === 0) return undefined;
  const sources = texts(analysis, host, model);
  const lines: string[] = [];
  let range: Range | undefined;
  for (const v of here) {
    let defined;
    try {
      defined = definitionOf({ uri: v.at.uri, path: v.at.path! }, sources);
    } catch {
      defined = undefined;
    }
    // Written here as a literal: the text says it all.
    if (defined && !defined.describe && sameFileUri(defined.site.uri, v.at.uri)) continue;
    const from = defined?.describe ? `: from ${mdText(defined.describe)}${lineOf(defined.site, model, sources)}` : '';
    lines.push(`**Resolved value** ${shown(v.value)} — ${mdText(v.what)}${from}`);
    range ??= v.at.range;
  }
  if (lines.length === 0 || !range) return undefined;
  const file = model.parameterSources.parametersFile;
  if (file) lines.push('', `Parameter values from ${mdCode(fileName(file))}.`);
  return { markdown: lines.join('\n'), range };
}

/** `, line 3` when the definition is in the parameters file (the line its value is on). */
function lineOf(site: { uri: string; path: readonly (string | number)[] }, model: NetworkModel, sources: SourceTexts): string {
  const file = model.parameterSources.parametersFile;
  if (!file || !sameFileUri(site.uri, file)) return '';
  const range = new ValueRanges(file, sources).of({ uri: site.uri, path: [...site.path] });
  return range ? `, line ${range.start.line + 1}` : '';
}

/**
 * The hover on a value of a parameters file analysed through its template: the template
 * it gives values to, and each value of the template's model it decides, with its place.
 */
export function parameterValueMarkdown(analysis: Analysis, position: Position, host: Host): { markdown: string; range: Range } | undefined {
  const model = analysis.model;
  const file = model?.parameterSources.parametersFile;
  if (!model || !file || !sameFileUri(file, analysis.uri)) return undefined;
  const sources = texts(analysis, host, model);
  const ranges = new ValueRanges(file, sources);
  const uses: string[] = [];
  let range: Range | undefined;
  const seen = new Set<string>();
  for (const v of modelValues(model)) {
    if (!v.at.path || sameFileUri(v.at.uri, file)) continue;
    const given = valuesOf({ uri: v.at.uri, range: v.at.range, path: v.at.path }, file, sources, ranges).find((r) =>
      rangeContains(r.at.range, { start: position, end: position }),
    );
    if (!given) continue;
    const key = `${v.what}|${v.at.uri}|${v.at.range.start.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    range ??= given.at.range;
    uses.push(`- ${mdText(v.what)}: ${shown(v.value)} (${mdText(fileName(v.at.uri))}, line ${v.at.range.start.line + 1})`);
  }
  if (!range) return undefined;
  const template = fileName(model.uris[0]);
  return { markdown: [`**Given to** ${mdCode(template)} from ${mdCode(fileName(file))}, used as:`, '', ...uses].join('\n'), range };
}

/**
 * The hover on a module declaration (Bicep) or a deployment resource (ARM) that deploys
 * an ASE: that ASE's summary, as on the ASE itself.
 */
export function moduleMarkdown(analysis: Analysis, position: Position): { markdown: string; range: Range } | undefined {
  const model = analysis.model;
  if (!model) return undefined;
  const offset = linesOf(analysis.document).offsetAt(position);
  for (const [file, refs] of model.parameterSources.deployers) {
    const by = refs.find((r) => r.uri === analysis.uri && declarationAt(analysis, r, offset));
    if (!by) continue;
    const ases = asesIn(model, file);
    if (ases.length === 0) continue;
    const range = declarationRange(analysis, by) ?? by.range;
    return { markdown: ases.map((a) => aseSummaryMarkdown(analysis, a, range)).join('\n\n---\n\n'), range: by.range };
  }
  return undefined;
}

/** The ASEs a deployed file declares, or the files it deploys in turn. */
function asesIn(model: NetworkModel, file: string): AppServiceEnvironment[] {
  const files = new Set([file.toLowerCase()]);
  // Files deployed by those files, once each.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [deployed, refs] of model.parameterSources.deployers) {
      if (!files.has(deployed) && refs.some((r) => files.has(r.uri.toLowerCase()))) {
        files.add(deployed);
        grew = true;
      }
    }
  }
  return model.ases.filter((a) => files.has(a.ref.uri.toLowerCase()));
}

/** Whether `offset` is on the declaration `ref` names: a Bicep module's header (keyword, symbol, path), an ARM deployment's `name` or `type`. */
function declarationAt(analysis: Analysis, ref: NodeRef, offset: number): boolean {
  const doc = analysis.document;
  if (doc.language === 'bicep') {
    const decl = doc.file.declarations.find((d) => d.kind === 'module' && ref.path?.[0] === d.name.name);
    return !!decl && decl.kind === 'module' && decl.start <= offset && offset < decl.value.start;
  }
  const lines = linesOf(doc);
  return lines.offsetAt(ref.range.start) <= offset && offset <= lines.offsetAt(ref.range.end);
}

function declarationRange(analysis: Analysis, ref: NodeRef): Range | undefined {
  const doc = analysis.document;
  if (doc.language !== 'bicep') return undefined;
  const decl = doc.file.declarations.find((d) => d.kind === 'module' && ref.path?.[0] === d.name.name);
  return decl ? doc.file.lines.range(decl.start, decl.end - decl.start) : undefined;
}
