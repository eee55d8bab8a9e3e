import type { BuildOptions, Host } from '../core/host';
import { forgetArmParses, forgetArmParsesOf, keepArmParses, keepsArmParseOf, parseArmDocument, releaseTree, type ArmDocument } from '../parse/arm';
import { buildArmModel } from '../lower/arm/build';
import { buildBicepModel } from '../lower/bicep/build';
import {
  forgetBicepParseOf,
  forgetBicepParses,
  isBicepParamsUri,
  isBicepUri,
  keepBicepParses,
  keepsBicepParseOf,
  parseBicepDocument,
  parseBicepDocumentHeld,
  type BicepDocument,
} from '../parse/bicep/document';
import type { NetworkModel } from '../model/types';
import { runRules, sortFindings } from '../rules/run';
import { allRules } from '../rules/index';
import type { RuleLevel, RuleLevels } from './config/ruleLevels';
import { LineIndex } from '../core/lineIndex';
import { boundMessage } from '../core/excerpt';
import { forgetMadeSymbols } from '../core/symbolic';
import { applySuppressions, type SuppressedFinding } from './suppress/apply';
import { armDirectives, bicepDirectives, type Directive } from './suppress/directives';
import { parseArmInParts } from '../parse/armParts';
import type { Fix, ReportedFinding } from '../core/findings';
import type { NodeRef } from '../core/nodeRef';
import { analyzeThroughCallers, type WorkspaceContext } from './workspace/context';
import { ParsedCache } from '../lower/arm/templateCache';
import { forgetArmLowering, forgetArmLoweringOf, keepArmLowering, keepsArmLoweringOf } from '../lower/arm/reuse';
import { forgetKeptVerdicts, keepVerdicts } from '../net/nsg';
import { forgetParsedCidrs } from '../ip/cidr';
import { forgetClassifiedRuleTexts } from '../net/ruleMatch';
import { forgetParsedExpressions } from '../eval/expression';
import { forgetSplitTypes } from '../eval/functions/resources';
import { forgetResourceKeys } from '../eval/resourceId';
import { findingsOnValues, withParameterValues } from './parameterValues';
import { readText } from '../core/host';
import { sameFileUri } from './diskHost';
import { stringValue } from '../parse/bicep';
import { siblingCandidates } from '../lower/arm/parameterFile';
import { bicepLowerings, forgetBicepLowerings, keepBicepLowerings } from '../lower/bicep/reuse';


export interface AnalyzeOptions extends BuildOptions {
  /** Severities set by configuration, by rule code; a rule set to `off` is not run. */
  ruleLevels?: RuleLevels;
  /** Severity of the note on a suppression that suppresses nothing (default: hint). */
  unusedSuppressions?: RuleLevel;
  /**
   * The files of the workspace that deploy this one (it is a module or a linked
   * template): it is analysed through them, with the arguments they pass (see
   * engine/workspace/context.ts). Plain data, so the language server can send it.
   */
  workspace?: WorkspaceContext;
  /**
   * Let an ARM document's tree be collected once its model is built (`releaseTree`): for
   * a run that reports findings and goes on (the command line), not for the editor, whose
   * hovers and code actions read the tree of the analysis.
   */
  releaseSyntax?: boolean;
  /**
   * For a parameters file (a `.bicepparam` file or an ARM parameters file): the template
   * it gives values to, named by the settings. Without it, a `.bicepparam` file's `using`
   * names it, and `<name>.parameters.json` goes with `<name>.json` beside it when that
   * template would read it. The parameters file is then analysed through its template,
   * and reports the findings its values cause (see engine/parameterValues.ts).
   */
  parametersOf?: string;
}

/**
 * Documents larger than this (in MB of UTF-8) are not analysed by default: Azure takes a
 * template of at most 4 MB, the largest analysed in the benchmark is 10 MB, and a 50 MB
 * file would hold a worker for seconds and its messages would weigh as much. The limit
 * is a setting (`aseLint.maxFileSizeMB`) and a flag (`--max-file-size`).
 */
export const DEFAULT_MAX_FILE_MB = 16;

/** The one finding a template above the size limit gets instead of an analysis: information, saying how to raise the limit. */
export function oversizedFinding(uri: string, bytes: number, limitMb: number, howToRaise: string): ReportedFinding {
  const mb = (n: number) => `${Math.round((n / 2 ** 20) * 10) / 10} MB`;
  return {
    code: 'ASE902',
    name: 'unverified',
    severity: 'information',
    message: `This file is ${mb(bytes)}, more than the ${limitMb} MB the analyser checks, so it is not analysed and no rule reports on it; ${howToRaise}`,
    at: { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
  };
}

/** The analysed document, by language: features that only read ARM check `language` first. */
export type AnalysedDocument = (ArmDocument & { language: 'arm' }) | BicepDocument;

export interface Analysis {
  uri: string;
  /** False for JSON that is not a deployment template: nothing is reported for it. */
  isTemplate: boolean;
  document: AnalysedDocument;
  model?: NetworkModel;
  /** What is reported: the rules' findings that no suppression covers, with the notes on the document's own suppressions. */
  findings: ReportedFinding[];
  /** Findings a `// ase-lint-disable…` comment or Bicep pragma suppressed (SARIF reports them as suppressed). */
  suppressed: SuppressedFinding[];
  /** Internal failures (a rule that threw, a model part that could not be built): logged, never shown as findings. */
  failures: string[];
  /** The options it was made with (a fix is verified by analysing the fixed text with the same). */
  options: AnalyzeOptions;
  /**
   * A file analysed through the entry points that deploy it: each entry point and the
   * model built from it (`model` is the first's). Absent for a file analysed alone.
   */
  contexts?: { entry: string; model: NetworkModel }[];
}

/** One entry point analysed with its own parameters, up to the rules' findings (before suppressions). */
export interface EntryRun {
  uri: string;
  document: AnalysedDocument;
  model: NetworkModel;
  /** The rules' findings with the configured levels, in every file the model spans. */
  found: ReportedFinding[];
  failures: string[];
}

/**
 * Text → findings for one document: the whole pipeline in one call, with no I/O beyond
 * `host`. A document that files of the workspace deploy (`options.workspace`) is
 * analysed through them; alone when none of them reaches it.
 */
export function analyze(uri: string, text: string, host: Host, options: AnalyzeOptions = {}): Analysis {
  // The document's own next version (not a text tried): its last analysis is superseded, so a Bicep parse may move what that one's tree holds (parse/bicep/reuse.ts).
  const document = parseDocument(uri, text, !options.trial, false, !options.trial);
  if (!document.isTemplate) return analyzeParameters(document, host, options) ?? { uri, isTemplate: false, document, findings: [], suppressed: [], failures: [], options };
  if (options.workspace && options.workspace.entries.length > 0) {
    // The entry points' texts rarely change while the module is edited: parsed once per content.
    const through = analyzeThroughCallers(document, host, options, (u, t, h, o) => runEntry(u, t, h, o, entryDocuments.get(u, t)));
    if (through) return finish(document, through.found, through.model, through.host, options, through.failures, through.contexts);
  }
  const run = runEntry(uri, text, host, options, document);
  if (!run.model) return { uri, isTemplate: true, document, findings: [], suppressed: [], failures: run.failures, options };
  return finish(document, run.found, run.model, host, options, run.failures);
}

/** Entry points by content; a Bicep one held (a later version's parse of it never moves its declarations, see parse/bicep/reuse.ts). */
const entryDocuments = new ParsedCache<AnalysedDocument>((u, t) => (isBicepUri(u) || isBicepParamsUri(u) ? parseBicepDocumentHeld(u, t) : parseDocument(u, t)));

/**
 * Forgets what analyses keep for the next version of a document (NSG verdicts by the
 * content of their rules, parsed template expressions and address prefixes by their
 * text, address and port texts of security rules by their classification, the symbols of
 * deployment-time calls by their arguments, the parse of
 * each Bicep document and the evaluations of its declarations, the parse of each ARM
 * document and the lowering of its resources), so the next analysis starts from nothing:
 * a full analysis as the first of a session pays it. For the benchmark's full figures and
 * the tests that compare a re-analysis with one from scratch.
 */
export function forgetReuse(): void {
  forgetKeptVerdicts();
  forgetParsedExpressions();
  forgetBicepParses();
  forgetParsedCidrs();
  forgetBicepLowerings();
  forgetClassifiedRuleTexts();
  forgetArmLowering();
  forgetArmParses();
  forgetSplitTypes();
  forgetResourceKeys();
  forgetMadeSymbols();
}

/**
 * Lets go of what analyses of one document kept for its next version (the editor closed
 * it): its parse, the lowering of its resources and its Bicep evaluations, which would
 * otherwise stay until other documents pushed them out. What is kept by content (NSG
 * verdicts, expressions, prefixes, rule texts) stays: other documents share it, and it is
 * bounded on its own.
 */
export function forgetReuseOf(uri: string): void {
  forgetArmParsesOf(uri);
  forgetArmLoweringOf(uri);
  forgetBicepParseOf(uri);
  bicepLowerings.drop(uri);
}

/** What analyses keep for the next version of the document, by store (empty: nothing). */
export function reuseHeldFor(uri: string): string[] {
  const held: [string, boolean][] = [
    ['ARM parse', keepsArmParseOf(uri)],
    ['ARM lowering', keepsArmLoweringOf(uri)],
    ['Bicep parse', keepsBicepParseOf(uri)],
    ['Bicep evaluations', bicepLowerings.latest(uri) !== undefined],
  ];
  return held.filter(([, kept]) => kept).map(([store]) => store);
}

/**
 * Whether analyses keep anything for the next version of a document (on by default, for
 * the editor). A run that analyses each file once turns it off: keeping costs a full
 * analysis a few percent more CPU time.
 */
export function reuseBetweenVersions(on: boolean): void {
  keepVerdicts(on);
  keepBicepParses(on);
  keepBicepLowerings(on);
  keepArmLowering(on);
  keepArmParses(on);
}

/**
 * A parameters file analysed through the template it gives values to: the template is
 * analysed with this text as its parameters, and what its values cause is reported on
 * them. Undefined when the document is no parameters file of a template that reads it.
 */
function analyzeParameters(document: AnalysedDocument, host: Host, options: AnalyzeOptions): Analysis | undefined {
  const template = options.parametersOf ?? templateOfParameters(document, host);
  if (template === undefined || sameFileUri(template, document.uri)) return undefined;
  const here: Host = {
    readFile: (u) => (sameFileUri(u, document.uri) ? document.text : host.readFile(u)),
    ...(host.whyNot ? { whyNot: (u: string) => host.whyNot!(u) } : {}),
    ...(host.readCacheFile ? { readCacheFile: (root: string, u: string) => host.readCacheFile!(root, u) } : {}),
  };
  const text = readText(here, template);
  if (text === undefined) return undefined;
  const { parametersOf: _of, workspace: _workspace, parametersUri: _own, ...shared } = options;
  const through = analyze(template, text, here, { ...shared, parametersUri: document.uri });
  const model = through.model;
  const used = model?.parameterSources.parametersFile;
  if (!model || !used || !sameFileUri(used, document.uri)) return undefined;
  return {
    uri: document.uri,
    isTemplate: true,
    document,
    model,
    findings: sortFindings(parameterFileFindings(through, document.uri)),
    suppressed: [],
    failures: through.failures.map((f) => `through ${template}: ${f}`),
    options,
    contexts: [{ entry: template, model }],
  };
}

/** The template a parameters file belongs to, when the file says so (`using`) or its name pairs it with a template beside it that reads it. */
function templateOfParameters(document: AnalysedDocument, host: Host): string | undefined {
  if (document.language === 'bicep') {
    const using = document.file.declarations.find((d) => d.kind === 'using');
    const path = using?.kind === 'using' && using.path.kind === 'string' ? stringValue(using.path) : undefined;
    if (path === undefined) return undefined;
    try {
      return new URL(path, document.uri).toString();
    } catch {
      return undefined;
    }
  }
  const m = /^(.*\/)([^/]+)\.parameters\.jsonc?$/i.exec(document.uri.split(/[?#]/)[0]);
  if (!m) return undefined;
  const template = `${m[1]}${m[2]}.json`;
  // Only the file that template reads: the first of its candidates that exists.
  const first = siblingCandidates(template).find((u) => readText(host, u) !== undefined || sameFileUri(u, document.uri));
  return first !== undefined && sameFileUri(first, document.uri) && readText(host, template) !== undefined ? template : undefined;
}

/** Parse, build the model, run the rules: what `analyze` does before suppressions. The model is absent when it could not be built. */
export function runEntry(uri: string, text: string, host: Host, options: AnalyzeOptions, parsed?: AnalysedDocument): Omit<EntryRun, 'model'> & { model?: NetworkModel } {
  const document = parsed ?? parseDocument(uri, text);
  const failures: string[] = [];
  if (!document.isTemplate) return { uri, document, found: [], failures };
  let model: NetworkModel;
  try {
    model = document.language === 'bicep' ? buildBicepModel(document, host, options) : buildArmModel(document, host, options);
  } catch (e) {
    failures.push(`model: ${describeError(e)}`);
    return { uri, document, found: [], failures };
  }
  if (options.releaseSyntax && document.language === 'arm' && !document.inParts) {
    releaseTree(document);
    forgetArmLoweringOf(document.uri);
  }
  const levels = options.ruleLevels;
  const rules = levels ? allRules.filter((r) => levels.get(r.code) !== 'off') : allRules;
  let found = withinUserFiles(runRules(model, (rule, e) => failures.push(`${rule}: ${describeError(e)}`), rules), model);
  if (levels && levels.size > 0) found = found.map((f) => withLevel(f, levels.get(f.code)));
  return { uri, document, model, found, failures };
}

/** What a parameters file reports, from its template's analysis: the findings its values cause, shown on them. */
function parameterFileFindings(template: Analysis, uri: string): ReportedFinding[] {
  return findingsOnValues(template.findings, uri);
}

/** Suppressions, then excerpts of long messages: the findings as reported. */
export function finish(document: AnalysedDocument, found: ReportedFinding[], model: NetworkModel, host: Host, options: AnalyzeOptions, failures: string[], contexts?: Analysis['contexts']): Analysis {
  const result = suppress(document, found, model, host, options, failures);
  let findings = result.findings.map(bounded);
  try {
    findings = withParameterValues(findings, model, host);
  } catch (e) {
    failures.push(`parameter values: ${describeError(e)}`);
  }
  return {
    uri: document.uri,
    isTemplate: true,
    document,
    model,
    findings,
    suppressed: result.suppressed.map((x) => ({ ...x, finding: bounded(x.finding) })),
    failures,
    options,
    ...(contexts ? { contexts } : {}),
  };
}

/**
 * Nothing is reported in a registry module's file (Bicep's cache is not the user's) and
 * no fix edits it. The front end places what a module declares on the caller's text
 * already (lower/arm/callerLink.ts); anything left there goes to the module declaration
 * that deploys it, without its fix.
 */
function withinUserFiles(found: ReportedFinding[], model: NetworkModel): ReportedFinding[] {
  const external = new Set(model.externalFiles ?? []);
  if (external.size === 0) return found;
  const anchor = (uri: string): NodeRef | undefined => {
    const by = model.parameterSources.deployers.get(uri.toLowerCase())?.[0];
    return by ? { uri: by.uri, range: by.range } : undefined;
  };
  const out: ReportedFinding[] = [];
  for (const f of found) {
    const at = external.has(f.at.uri) ? anchor(f.at.uri) : f.at;
    if (!at) continue;
    const related = f.related?.flatMap((r) => {
      if (!external.has(r.at.uri)) return [r];
      const a = anchor(r.at.uri);
      return a ? [{ ...r, at: a }] : [];
    });
    const { fix, ...rest } = f;
    const keepFix = fix && !touches(fix, external);
    out.push({ ...rest, at, ...(related ? { related } : {}), ...(keepFix ? { fix } : {}) });
  }
  return out;
}

/** Whether a fix edits one of `uris` (a change's target, a value written as it is there, a text edit). */
function touches(fix: Fix, uris: ReadonlySet<string>): boolean {
  if (fix.textEdits?.some((e) => uris.has(e.uri))) return true;
  // Any place a change names (its element, where a resource goes, where a value is written) is a NodeRef.
  const names = (v: unknown): boolean => {
    if (Array.isArray(v)) return v.some(names);
    if (v === null || typeof v !== 'object') return false;
    const uri = (v as { uri?: unknown }).uri;
    if (typeof uri === 'string' && uris.has(uri)) return true;
    return Object.values(v).some(names);
  };
  return fix.changes.some(names);
}

/** Messages quote names and values from the template: each leaves the engine as an excerpt (see core/excerpt.ts). */
function bounded(f: ReportedFinding): ReportedFinding {
  const cut = boundMessage(f.message);
  const related = f.related?.map((r) => {
    const message = boundMessage(r.message);
    return message === r.message ? r : { ...r, message };
  });
  if (cut === f.message && related?.every((r, i) => r === f.related![i]) !== false) return f;
  return { ...f, message: cut, ...(related ? { related } : {}) };
}

function withLevel(f: ReportedFinding, level: RuleLevel | undefined): ReportedFinding {
  return level === undefined || level === 'off' ? f : { ...f, severity: level };
}

const ruleNames: ReadonlySet<string> = new Set(allRules.map((r) => r.name));

/** The directives of the analysed document or of another file findings land in (a module), read through the host. */
/** The document's line index (its parser keeps one): offsets ↔ positions. */
export function linesOf(document: AnalysedDocument): LineIndex {
  return document.language === 'arm' ? document.lines : document.file.lines;
}

export function directivesOf(document: AnalysedDocument, uri: string, host: Host): Directive[] | undefined {
  if (uri === document.uri) {
    if (document.language === 'bicep') return bicepDirectives(document.text, document.file, ruleNames);
    // Directives are comments: a text the parser read without one has none (no search through a large file).
    return document.comments === false ? [] : armDirectives(document.text, ruleNames, document.lines);
  }
  const text = host.readFile(uri);
  if (text === undefined) return undefined;
  if (!text.includes('ase-lint-') && !text.includes('#disable-')) return [];
  const other = parseDocument(uri, text);
  return other.language === 'bicep' ? bicepDirectives(text, other.file, ruleNames) : armDirectives(text, ruleNames, other.lines);
}

function suppress(
  document: AnalysedDocument,
  found: ReportedFinding[],
  model: NetworkModel,
  host: Host,
  options: AnalyzeOptions,
  failures: string[],
): { findings: ReportedFinding[]; suppressed: SuppressedFinding[] } {
  try {
    const lines = () => linesOf(document);
    const offRules = new Set([...(options.ruleLevels ?? [])].filter(([, l]) => l === 'off').map(([c]) => c));
    const result = applySuppressions({
      findings: found,
      uri: document.uri,
      text: document.text,
      lines,
      directivesOf: (uri) => directivesOf(document, uri, host),
      rules: allRules,
      model,
      unusedLevel: options.unusedSuppressions ?? 'hint',
      offRules,
    });
    const findings = result.notes.length > 0 ? sortFindings([...result.findings, ...result.notes]) : result.findings;
    return { findings, suppressed: result.suppressed };
  } catch (e) {
    // Suppression is a filter: when it fails, report everything rather than nothing.
    failures.push(`suppressions: ${describeError(e)}`);
    return { findings: found, suppressed: [] };
  }
}

/**
 * `.bicep` and `.bicepparam` files are Bicep (a `.bicepparam` file is never a template itself); anything else is read as ARM JSON.
 * `inParts`: an ARM tree that is never whole (parse/armParts.ts), for a run that reports findings and renders no fix.
 * `move`: a Bicep parse may move the declarations of the document's last parse in place (see parse/bicep/reuse.ts).
 */
export function parseDocument(uri: string, text: string, keep = true, inParts = false, move = false): AnalysedDocument {
  if (isBicepUri(uri) || isBicepParamsUri(uri)) return parseBicepDocument(uri, text, keep, move);
  const parts = inParts ? parseArmInParts(uri, text) : undefined;
  return Object.assign(parts ?? parseArmDocument(uri, text, keep), { language: 'arm' as const });
}

export function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
