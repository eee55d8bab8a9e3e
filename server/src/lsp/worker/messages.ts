// What the protocol thread and the engine worker say to each other. Plain data only: an
// `Analysis` (WeakMaps, parser trees) never crosses; results are LSP-shaped JSON.
import type { CodeAction, CodeActionParams, CodeLens, Diagnostic, DocumentSymbol, Hover, LocationLink, Position } from 'vscode-languageserver';
import type { RuleLevels } from '../../engine/config/ruleLevels';
import type { AnalyzeOptions } from '../../engine/analyze';
import type { ExplainParams, ExplainResult } from '../../query/protocol';

/** `workerData` of the engine worker: server.ts runs the same bundle as either thread. */
export const engineWorkerData = { role: 'ase-lint-engine' } as const;

/** An open document's text, as the worker holds it: the source for its analysis and for others that read it. */
export interface DocumentText {
  uri: string;
  version: number;
  text: string;
}

/** The open documents that changed since the worker's last message: it keeps the latest text of each. */
export interface TextSync {
  set: DocumentText[];
  remove: string[];
  /** Files changed on disk: the analyses that read them are dropped. */
  stale?: string[];
}

/**
 * The document a job is about, as the protocol thread sees it when the job starts. The
 * worker's cached analysis is valid for exactly this version and settings generation.
 */
export interface DocumentRef {
  uri: string;
  version: number;
  generation: number;
  /** The analysis options the protocol thread decides (the parameters file); the worker adds the severities. */
  options: AnalyzeOptions;
  /** `aseLint.rules`: they override the project file, which the worker reads (see ProjectConfigs). */
  editorRules: RuleLevels;
  /** The workspace folders (file URIs), for what the disk host may read (see EngineState.host). */
  workspaceFolders: readonly string[];
  /** `aseLint.readOutsideWorkspace` in a trusted workspace: reads are not confined to the folders. */
  readOutsideWorkspace: boolean;
  /**
   * Names the entry points the document is analysed through (`options.workspace`): a
   * cached analysis made through others (or alone) is not this one.
   */
  contextKey: string;
  /**
   * The document is larger than `aseLint.maxFileSizeMB`: it is not analysed (its text is
   * not even sent), and a template gets one note saying how to raise the limit.
   */
  oversized?: { bytes: number; limitMb: number; template: boolean };
}

export type Job =
  | { kind: 'diagnostics'; doc: DocumentRef }
  | { kind: 'hover'; doc: DocumentRef; position: Position }
  /** `params.context.diagnostics` are those whose owner (the analysis that reported them) is `doc`. */
  | { kind: 'codeActions'; doc: DocumentRef; params: CodeActionParams; snippets?: boolean }
  | { kind: 'explain'; doc: DocumentRef; params: ExplainParams }
  | { kind: 'documentSymbols'; doc: DocumentRef }
  | { kind: 'definition'; doc: DocumentRef; position: Position }
  | { kind: 'codeLens'; doc: DocumentRef }
  /** Every safe fix of the document's template applied (`source.fixAll.aseLint`). */
  | { kind: 'fixAll'; doc: DocumentRef };

export type JobKind = Job['kind'];

/** The diagnostics of one analysis, grouped by the file they are reported in. */
export interface DiagnosticsResult {
  version: number;
  /** Names the analysis, so the same one is published once (an open and the start-up settings both ask). */
  analysisKey: string;
  byFile: [string, Diagnostic[]][];
  /** Whether the document is a deployment template (see `documentStatusNotification`); absent when it could not be analysed. */
  isTemplate?: boolean;
  /** Analysed through the entry points that deploy it: its own diagnostics hold what they report in it. */
  throughCallers?: boolean;
}

export interface JobResults {
  diagnostics: DiagnosticsResult;
  hover: Hover | null;
  /** The actions for each diagnostic of the request, in its order. */
  codeActions: CodeAction[][];
  explain: ExplainResult;
  documentSymbols: DocumentSymbol[] | null;
  definition: LocationLink[] | null;
  codeLens: CodeLens[];
  fixAll: CodeAction | null;
}

/** An analysis the job had to make (not from the cache): the protocol thread logs, times and indexes it. */
export interface AnalysisRun {
  uri: string;
  ms: number;
  failures: string[];
  /** False for JSON that is not a deployment template. */
  isTemplate: boolean;
  /** What it reported (ASE902's notes on what could not be verified are counted apart). */
  findings: number;
  notes: number;
  /** The parameters file that supplied values, when one was read. */
  parametersUri?: string;
  /** The entry points it was analysed through (a module), when it was. */
  through?: string[];
  /** Files the analysis read (parameters, nested templates): a change to one makes it stale. */
  reads: string[];
  /** Lines for the log (problems in the project file, a project file not read), each at most once per text. */
  notices: string[];
}

export interface ToWorker {
  id: number;
  sync: TextSync;
  /** Absent when the message only brings texts to drop (documents closed). */
  job?: Job;
}

export interface FromWorker {
  id: number;
  ran?: AnalysisRun;
  /** `JobResults[job.kind]`, unless the job threw. */
  result?: unknown;
  /** The job threw (a bug): logged, and the request gets its empty answer. */
  error?: string;
}
