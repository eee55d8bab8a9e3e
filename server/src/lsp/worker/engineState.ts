import { homedir } from 'node:os';
import type { Diagnostic } from 'vscode-languageserver';
import { mergeLevels, type RuleLevels } from '../../engine/config/ruleLevels';
import { analyze, describeError, forgetReuseOf, linesOf, oversizedFinding, type Analysis, type AnalyzeOptions } from '../../engine/analyze';
import { AnalysisCache, type CachedAnalysis } from '../analysisCache';
import { codeActionsFor, fixAllAction } from '../codeActions';
import { fixAll } from '../../engine/fixAll';
import type { ReportedFinding } from '../../core/findings';
import { fixTitle, offerFix } from '../../engine/safeFixes';
import { toDiagnostic } from '../diagnostics';
import { findingsOnValues } from '../../engine/parameterValues';
import { createDiskHost, sameFileUri, type RecordingHost } from '../../engine/diskHost';
import { codeLenses } from '../../query/codeLens';
import { definitionAt } from '../../query/definition';
import { documentSymbols } from '../../query/documentSymbols';
import { explainAt } from '../../query/explain';
import { hoverAt } from '../../query/hover';
import { unverified } from '../../rules/unverified';
import { ProjectConfigs } from '../projectConfigs';
import type { AnalysisRun, DiagnosticsResult, DocumentRef, FromWorker, Job, JobResults, TextSync, ToWorker } from './messages';

/** Where Bicep's module cache is by default (`~/.bicep`). */
const home = homedir();

/**
 * The engine's side of the language server, run in the worker thread: the open
 * documents' texts, one cached analysis per document, and the features that need an
 * `Analysis`. Each message is handled to the end before the next: the protocol thread
 * sends one job at a time and keeps the queue, so the worker needs no scheduling.
 */
export class EngineState {
  private readonly texts = new Map<string, { version: number; text: string }>();
  private readonly cache = new AnalysisCache();
  private readonly configs = new ProjectConfigs((uri) => this.openText(uri));
  private readonly keys = new WeakMap<CachedAnalysis, string>();
  private analyses = 0;

  /**
   * `keyPrefix` makes analysis keys unique across restarts of the worker (its thread id);
   * `beforeAnalysis` sees each text about to be analysed (the tests' crash hook, see engineWorker.ts).
   */
  constructor(
    private readonly keyPrefix: string,
    private readonly beforeAnalysis: (text: string) => void = () => {},
  ) {}

  handle(message: ToWorker): FromWorker {
    this.apply(message.sync);
    if (!message.job) return { id: message.id };
    const ran: { run?: AnalysisRun } = {};
    try {
      const result = this.run(message.job, ran);
      return { id: message.id, ...(ran.run ? { ran: ran.run } : {}), result };
    } catch (e) {
      return { id: message.id, ...(ran.run ? { ran: ran.run } : {}), error: describeError(e) };
    }
  }

  /** New texts make the analyses that read them stale, as in the editor: unsaved text is what counts. */
  private apply(sync: TextSync): void {
    for (const d of sync.set) {
      this.texts.set(d.uri, { version: d.version, text: d.text });
      this.cache.invalidateReadersOf(d.uri);
    }
    for (const uri of sync.remove) {
      this.texts.delete(uri);
      this.cache.delete(uri);
      this.cache.invalidateReadersOf(uri);
      // Closed: what its analyses kept for a next version goes too (it would hold its trees).
      forgetReuseOf(uri);
    }
    for (const uri of sync.stale ?? []) this.cache.invalidateReadersOf(uri);
  }

  private run(job: Job, ran: { run?: AnalysisRun }): JobResults[Job['kind']] {
    const entry = this.analysisFor(job.doc, ran);
    const analysis = entry.analysis;
    switch (job.kind) {
      case 'diagnostics':
        return this.diagnostics(job.doc, entry);
      case 'hover':
        return analysis ? hoverAt(analysis, job.position, this.host(job.doc)) : null;
      case 'codeActions':
        return this.codeActions(job.params, job.doc, analysis, job.snippets === true);
      case 'explain':
        return explainAt(analysis, job.params, (f) => (analysis ? fixTitle(analysis, f, this.host(job.doc)) : undefined));
      case 'documentSymbols':
        return analysis ? documentSymbols(analysis.document) : null;
      case 'definition': {
        if (!analysis) return null;
        const host = this.host(job.doc);
        return definitionAt(analysis.document, linesOf(analysis.document).offsetAt(job.position), (uri) => host.readFile(uri));
      }
      case 'codeLens':
        return analysis ? codeLenses(analysis) : [];
      case 'fixAll':
        return analysis ? this.fixAll(job.doc, analysis) : null;
    }
  }

  /** The analysis of this version and settings generation: from the cache, or made now and cached. */
  private analysisFor(doc: DocumentRef, ran: { run?: AnalysisRun }): CachedAnalysis {
    const hit = this.cache.get(doc.uri, doc.version, doc.generation, doc.contextKey);
    if (hit) return hit;
    const text = this.texts.get(doc.uri)?.text ?? '';
    const host = this.host(doc);
    const failures: string[] = [];
    const notices: string[] = [];
    let entry: CachedAnalysis;
    // Severities: the rule's own, then the project's ase-lint.json, then the editor's settings.
    const config = this.configs.forDocument(doc.uri, doc.workspaceFolders, doc.generation, host, notices);
    const ruleLevels = mergeLevels(config?.rules, doc.editorRules);
    if (doc.oversized) return this.oversized(doc, ruleLevels, host, notices, ran);
    this.beforeAnalysis(text);
    const started = performance.now();
    try {
      const options: AnalyzeOptions = {
        ...doc.options,
        homeDirectory: home,
        ruleLevels,
        ...(config?.unusedSuppressions ? { unusedSuppressions: config.unusedSuppressions } : {}),
      };
      const analysis = analyze(doc.uri, text, host, options);
      failures.push(...analysis.failures);
      entry = { version: doc.version, generation: doc.generation, contextKey: doc.contextKey, analysis, reads: host.reads, size: text.length };
    } catch (e) {
      // Cached too: a template that crashes the engine must not crash it again on every hover.
      failures.push(`engine: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      entry = { version: doc.version, generation: doc.generation, contextKey: doc.contextKey, analysis: undefined, reads: host.reads };
    }
    const findings = entry.analysis?.findings ?? [];
    const notes = findings.filter((f) => f.code === unverified.code).length;
    const parametersUri = entry.analysis?.model?.parameterSources.parametersFile;
    ran.run = {
      uri: doc.uri,
      ms: performance.now() - started,
      failures,
      reads: [...host.reads],
      isTemplate: entry.analysis?.isTemplate ?? false,
      findings: findings.length - notes,
      notes,
      ...(parametersUri ? { parametersUri } : {}),
      ...(entry.analysis?.contexts ? { through: entry.analysis.contexts.map((c) => c.entry) } : {}),
      notices,
    };
    this.keys.set(entry, `${this.keyPrefix}:${++this.analyses}`);
    this.cache.set(doc.uri, entry);
    return entry;
  }

  /** A document above the size limit: not analysed; a template gets the note (at the level ASE902 is set to). */
  private oversized(doc: DocumentRef, levels: RuleLevels, host: RecordingHost, notices: string[], ran: { run?: AnalysisRun }): CachedAnalysis {
    const { bytes, limitMb, template } = doc.oversized!;
    const level = levels.get('ASE902');
    const findings =
      template && level !== 'off'
        ? [{ ...oversizedFinding(doc.uri, bytes, limitMb, `raise aseLint.maxFileSizeMB to ${Math.ceil(bytes / 2 ** 20)} or more to check it`), ...(level ? { severity: level } : {}) }]
        : [];
    const entry: CachedAnalysis = { version: doc.version, generation: doc.generation, analysis: undefined, reads: host.reads, findings };
    ran.run = { uri: doc.uri, ms: 0, failures: [], reads: [...host.reads], isTemplate: template, findings: 0, notes: findings.length, notices };
    this.keys.set(entry, `${this.keyPrefix}:${++this.analyses}`);
    this.cache.set(doc.uri, entry);
    return entry;
  }

  private diagnostics(doc: DocumentRef, entry: CachedAnalysis): DiagnosticsResult {
    const byFile = new Map<string, Diagnostic[]>([[doc.uri, []]]);
    const findings = entry.analysis?.findings ?? entry.findings ?? [];
    // A finding a value of the parameters file causes is shown on that value too.
    for (const f of [...findings, ...findingsOnValues(findings)]) {
      const list = byFile.get(f.at.uri) ?? [];
      list.push(toDiagnostic(f, doc.uri));
      byFile.set(f.at.uri, list);
    }
    return {
      version: doc.version,
      analysisKey: this.keys.get(entry) ?? '',
      byFile: [...byFile],
      isTemplate: entry.analysis?.isTemplate ?? false,
      ...(entry.analysis?.contexts ? { throughCallers: true } : {}),
    };
  }

  /** One list per diagnostic, so the protocol thread can merge the answers of several owners in the request's order. */
  private codeActions(params: Extract<Job, { kind: 'codeActions' }>['params'], owner: DocumentRef, analysis: Analysis | undefined, snippets: boolean) {
    const host = this.host(owner);
    const sources = {
      analysisOf: (uri: string) => (uri === owner.uri ? analysis : undefined),
      documentOf: (uri: string) => {
        const text = host.readFile(uri);
        return text === undefined ? undefined : { uri, text };
      },
      offerFix: (a: Analysis, f: ReportedFinding) => offerFix(a, f, host),
      snippets,
    };
    return params.context.diagnostics.map((d) => codeActionsFor({ ...params, context: { ...params.context, diagnostics: [d] } }, sources));
  }

  private fixAll(doc: DocumentRef, analysis: Analysis) {
    const host = this.host(doc);
    const result = fixAll(analysis, host);
    return (
      fixAllAction(result, (uri) => {
        const text = uri === analysis.uri ? analysis.document.text : host.readFile(uri);
        return text === undefined ? undefined : { uri, text };
      }) ?? null
    );
  }

  /**
   * The one place files are read from, for the analysis of `doc` and its quick fixes:
   * open documents' unsaved text first, then the disk.
   */
  private host(doc: DocumentRef): RecordingHost {
    // Nothing outside the workspace folders is read (a document opened from elsewhere adds its own folder; see diskHost.ts), unless the user's settings allow it.
    if (doc.readOutsideWorkspace) return createDiskHost((uri) => this.openText(uri));
    return createDiskHost((uri) => this.openText(uri), { roots: [...doc.workspaceFolders, doc.uri] });
  }

  private openText(uri: string): string | undefined {
    const exact = this.texts.get(uri);
    if (exact) return exact.text;
    for (const [u, t] of this.texts) if (sameFileUri(u, uri)) return t.text;
    return undefined;
  }
}
