import { readText, type Host } from '../../core/host';
import type { ReportedFinding } from '../../core/findings';
import type { NodeRef, Range, Related } from '../../core/nodeRef';
import type { NetworkModel, Unverified } from '../../model/types';
import { nodeRef } from '../../parse/arm';
import { nodeRange } from '../../parse/bicep';
import { propertyValue } from '../../parse/jsonNode';
import { sortFindings } from '../../rules/run';
import { allRules } from '../../rules/index';
import { unverified, unverifiedSummary } from '../../rules/unverified';
import type { AnalysedDocument, AnalyzeOptions, EntryRun } from '../analyze';
import { sameFileUri } from '../diskHost';

/** An entry point a module is analysed through, with the parameters file it is analysed with (its own, when given). */
export interface WorkspaceEntry {
  uri: string;
  parametersUri?: string;
}

/** The files of the workspace that deploy a file: see `analyzeThroughCallers`. */
export interface WorkspaceContext {
  /** The entry points (files no other file deploys) whose deployments reach the file. */
  entries: WorkspaceEntry[];
  /** How many more entry points reach it than are listed: they are not analysed. */
  more?: number;
}

export interface ThroughCallers {
  /** The file's findings, from every entry point that reaches it, each once. */
  found: ReportedFinding[];
  /** The first entry point's model (hovers, explain and fixes read it). */
  model: NetworkModel;
  contexts: { entry: string; model: NetworkModel }[];
  failures: string[];
  /** The host with the file's own text in it, as the entry points were analysed. */
  host: Host;
}

type RunEntry = (uri: string, text: string, host: Host, options: AnalyzeOptions) => Omit<EntryRun, 'model'> & { model?: NetworkModel };

/**
 * A module (a Bicep module, a linked or an ARM template another file deploys) analysed
 * through its callers: each entry point that reaches it is analysed with the module's
 * current text, and what lands in the module's file is kept — each finding once. A
 * finding that only some of the entry points give says which ("when deployed from
 * prod.bicep"), with the module declaration that deploys the file as related
 * information. The module's own note (ASE902) lists what stayed unresolved in it.
 * Undefined when no entry point reaches the file (it is then analysed alone).
 */
export function analyzeThroughCallers(document: AnalysedDocument, host: Host, options: AnalyzeOptions, run: RunEntry): ThroughCallers | undefined {
  const context = options.workspace;
  if (!context) return undefined;
  const uri = document.uri;
  const here: Host = {
    readFile: (u) => (sameFileUri(u, uri) ? document.text : host.readFile(u)),
    ...(host.whyNot ? { whyNot: (u: string) => host.whyNot!(u) } : {}),
    ...(host.readCacheFile ? { readCacheFile: (root: string, u: string) => host.readCacheFile!(root, u) } : {}),
  };
  const { workspace: _drop, parametersUri: _own, ...shared } = options;
  const runs: EntryRun[] = [];
  const failures: string[] = [];
  for (const entry of context.entries) {
    if (sameFileUri(entry.uri, uri)) continue;
    const text = readText(here, entry.uri);
    if (text === undefined) continue;
    const r = run(entry.uri, text, here, { ...shared, ...(entry.parametersUri ? { parametersUri: entry.parametersUri } : {}) });
    failures.push(...r.failures.map((f) => `through ${entry.uri}: ${f}`));
    if (!reaches(r, uri)) continue;
    runs.push(r as EntryRun);
  }
  if (runs.length === 0) return undefined;
  return { ...throughRuns(document, runs, options), failures, host: here };
}

/** The file's findings from entry points already analysed (each `run` must reach the file). */
export function throughRuns(document: AnalysedDocument, runs: EntryRun[], options: AnalyzeOptions): Pick<ThroughCallers, 'found' | 'model' | 'contexts'> {
  const found = [...compose(document, runs), ...note(document, runs, options)];
  return { found: sortFindings(found), model: runs[0].model, contexts: runs.map((r) => ({ entry: r.uri, model: r.model })) };
}

/** Whether an entry point's model spans the file. */
export function reaches(run: { model?: NetworkModel }, uri: string): boolean {
  return !!run.model && run.model.uris.some((u) => sameFileUri(u, uri));
}

/** The findings that land in the file, once each; those only some entry points give say which. */
function compose(document: AnalysedDocument, runs: EntryRun[]): ReportedFinding[] {
  const uri = document.uri;
  const byKey = new Map<string, { finding: ReportedFinding; runs: number[] }>();
  runs.forEach((r, i) => {
    for (const f of r.found) {
      // The entry point's note is about its own files (the file gets its own below); its hints on values stay.
      if ((f.code === unverified.code && f.details) || !sameFileUri(f.at.uri, uri)) continue;
      const related = f.related?.map((x) => (sameFileUri(x.at.uri, uri) ? { ...x, at: { ...x.at, uri } } : x));
      const finding: ReportedFinding = { ...f, at: { ...f.at, uri }, ...(related ? { related } : {}) };
      const key = `${f.code}|${rangeKey(f.at.range)}|${f.message}`;
      const had = byKey.get(key);
      if (had) {
        if (!had.runs.includes(i)) had.runs.push(i);
      } else byKey.set(key, { finding, runs: [i] });
    }
  });
  const labels = entryLabels(runs.map((r) => r.uri));
  const out: ReportedFinding[] = [];
  for (const { finding, runs: from } of byKey.values()) {
    if (from.length === runs.length) {
      out.push(finding);
      continue;
    }
    // Only some deployments of the file give it: say which, and where they deploy it.
    const names = from.map((i) => labels[i]);
    const deployers: Related[] = from.flatMap((i) => deployersOf(runs[i].model, uri).map((at) => ({ message: `${labels[i]} deploys this file here`, at })));
    out.push({
      ...finding,
      message: `${finding.message} (when deployed from ${names.join(' or ')})`,
      related: [...(finding.related ?? []), ...deployers],
    });
  }
  return out;
}

/** ASE902 for the file: what stayed unresolved in it, over every entry point. */
function note(document: AnalysedDocument, runs: EntryRun[], options: AnalyzeOptions): ReportedFinding[] {
  const level = options.ruleLevels?.get(unverified.code);
  if (level === 'off') return [];
  const uri = document.uri;
  const notes: Unverified[] = [];
  const seen = new Set<string>();
  for (const r of runs) {
    for (const n of r.model.unverified) {
      const inFile = n.at ? sameFileUri(n.at.uri, uri) : sameFileUri(n.uri, uri);
      if (!inFile || seen.has(n.what)) continue;
      seen.add(n.what);
      notes.push({ ...n, uri, ...(n.at ? { at: { ...n.at, uri } } : {}) });
    }
  }
  const more = options.workspace?.more ?? 0;
  if (more > 0) notes.push({ uri, what: `${more} more files deploy this one; it is checked as the first ${runs.length} deploy it` });
  if (notes.length === 0) return [];
  const anchor = anchorOf(document, runs[0].model);
  if (!anchor) return [];
  const model: NetworkModel = { ...runs[0].model, unverified: notes, schemaRef: anchor };
  return unverifiedSummary(model, allRules).map((f) => ({ ...f, code: unverified.code, name: unverified.name, severity: level ?? unverified.severity }));
}

/** Where the file's note goes: its `$schema` (ARM), else its first resource, else its first declaration. */
function anchorOf(document: AnalysedDocument, model: NetworkModel): NodeRef | undefined {
  const uri = document.uri;
  if (document.language === 'arm') {
    const schema = document.root?.type === 'object' ? propertyValue(document.root, '$schema') : undefined;
    return schema ? nodeRef(document, schema) : { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  }
  const resource = model.resources.find((r) => sameFileUri(r.ref.uri, uri));
  if (resource) return { ...resource.ref, uri };
  const first = document.file.declarations[0];
  return { uri, range: first ? nodeRange(document.file, first.keyword) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/** The module declarations (or deployments) that deploy `uri` in a model. */
function deployersOf(model: NetworkModel, uri: string): NodeRef[] {
  for (const [key, refs] of model.parameterSources.deployers) if (sameFileUri(key, uri) || key === uri.toLowerCase()) return refs.map((r) => ({ uri: r.uri, range: r.range }));
  return [];
}

/** Short names for entry points: the file name, with its folder when two share one. */
function entryLabels(uris: string[]): string[] {
  const parts = uris.map((u) => decodeURIComponent(u.split(/[?#]/)[0]).split('/').filter(Boolean));
  return parts.map((p) => {
    const name = p[p.length - 1] ?? '';
    const clash = parts.filter((q) => q[q.length - 1] === name).length > 1;
    return clash && p.length > 1 ? `${p[p.length - 2]}/${name}` : name;
  });
}

function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
