import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../package.json';
import { analyze } from './engine';
import { explainRequest, type ExplainParams, type ExplainResult } from './protocol';
import { AnalysisCache, type CachedAnalysis } from './features/analysisCache';
import { codeActionsFor } from './features/codeActions';
import { Debouncer } from './features/debouncer';
import { toDiagnostic } from './features/diagnostics';
import { DiagnosticsStore } from './features/diagnosticsStore';
import { createDiskHost, sameFileUri } from './features/diskHost';
import { explainAt } from './features/explain';
import { createFailureLog } from './features/failureLog';
import { guard } from './features/guard';
import { hoverAt } from './features/hover';
import { defaultSettings, parametersUriFor, parseSettings, type Settings } from './features/settings';
import { ProjectConfigs } from './features/projectConfigs';
import { configFileName } from './config/projectConfig';
import { mergeLevels } from './config/ruleLevels';

/** Quiet time after the last keystroke before a document is analysed again: it follows the document's analysis cost, within these bounds. */
const minChangeDelayMs = 10;
const maxChangeDelayMs = 150;

/**
 * Wires the LSP connection to the engine: document sync, debounced diagnostics, quick
 * fixes, hovers and the explain request. Glue only; the work happens in features/.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  const debouncer = new Debouncer(minChangeDelayMs, maxChangeDelayMs);
  const store = new DiagnosticsStore((p) => void connection.sendDiagnostics(p));
  const log = (message: string) => connection.console.error(message);
  const logFailures = createFailureLog(log);
  /** Version each open document was last queued or run for, so the open event and its twin change event run once. */
  const queued = new Map<string, number>();
  const published = new Map<string, CachedAnalysis>();

  // The server's state besides the documents: settings and what the client told us at start.
  let settings: Settings = defaultSettings;
  let generation = 0;
  let settingsReady: Promise<void> = Promise.resolve();
  let workspaceFolders: string[] = [];
  let pullConfiguration = false;
  let registerConfiguration = false;
  let workspaceTrusted = true;
  let folderEvents = false;

  const openText = (uri: string): string | undefined =>
    (documents.get(uri) ?? documents.all().find((d) => sameFileUri(d.uri, uri)))?.getText();
  const configs = new ProjectConfigs(openText, log);
  const isConfigFile = (uri: string) => uri.endsWith(`/${configFileName}`);

  /** The analysis of the document's current version: from the cache, or made now and cached. */
  function analysisFor(doc: TextDocument): CachedAnalysis {
    const hit = cache.get(doc.uri, doc.version, generation);
    if (hit) return hit;
    const host = createDiskHost(openText);
    // Parameter files named in settings are only honoured in a trusted workspace (see package.json).
    const parametersUri = workspaceTrusted ? parametersUriFor(doc.uri, settings, workspaceFolders) : undefined;
    let entry: CachedAnalysis;
    const started = performance.now();
    try {
      // Severities: the rule's own, then the project's ase-lint.json, then the editor's settings.
      const config = configs.forDocument(doc.uri, workspaceFolders);
      const ruleLevels = mergeLevels(config?.rules, settings.rules);
      const analysis = analyze(doc.uri, doc.getText(), host, {
        ...(parametersUri ? { parametersUri } : {}),
        ruleLevels,
        ...(config?.unusedSuppressions ? { unusedSuppressions: config.unusedSuppressions } : {}),
      });
      logFailures(doc.uri, analysis.failures);
      entry = { version: doc.version, generation, analysis, reads: host.reads };
    } catch (e) {
      // Cached too: a template that crashes the engine must not crash it again on every hover.
      logFailures(doc.uri, [`engine: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`]);
      entry = { version: doc.version, generation, analysis: undefined, reads: host.reads };
    }
    debouncer.recordRun(doc.uri, performance.now() - started);
    cache.set(doc.uri, entry);
    return entry;
  }

  /** Analyses and publishes, unless the document moved on meanwhile: stale results are never published. */
  function run(uri: string): void {
    try {
      const doc = documents.get(uri);
      if (!doc) return;
      const entry = analysisFor(doc);
      if (documents.get(uri)?.version !== entry.version) return;
      // Open and start-up settings can both ask for the same run; publish each analysis once.
      if (published.get(uri) === entry) return;
      published.set(uri, entry);
      const byFile = new Map<string, Diagnostic[]>([[uri, []]]);
      for (const f of entry.analysis?.findings ?? []) {
        const list = byFile.get(f.at.uri) ?? [];
        list.push(toDiagnostic(f, uri));
        byFile.set(f.at.uri, list);
      }
      store.replace(uri, entry.version, byFile);
    } catch (e) {
      log(`ase-lint: diagnostics for ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  function runSoon(uri: string): void {
    debouncer.schedule(uri, () => run(uri));
  }

  /** Templates that read `uri` (a parameters file, a nested template) see different text now. */
  function rerunReadersOf(uri: string): void {
    for (const reader of cache.invalidateReadersOf(uri)) if (documents.get(reader)) runSoon(reader);
  }

  function rerunAll(): void {
    for (const doc of documents.all()) {
      queued.set(doc.uri, doc.version);
      run(doc.uri);
    }
  }

  /** New settings or folders: every cached analysis is stale. */
  function settingsChanged(): void {
    generation++;
    configs.invalidate();
    rerunAll();
  }

  /** A project file was created, changed or deleted: once the typing stops, everything is re-analysed with it. */
  function configChanged(): void {
    debouncer.schedule(`config:${configFileName}`, settingsChanged);
  }

  async function loadSettings(pushed?: unknown): Promise<void> {
    try {
      const section = pullConfiguration ? await connection.workspace.getConfiguration({ section: 'aseLint' }) : pushed;
      settings = parseSettings(section);
      for (const p of settings.problems) log(`ase-lint: ${p} (ignored)`);
    } catch (e) {
      log(`ase-lint: could not read settings: ${e instanceof Error ? e.message : String(e)}`);
    }
    settingsChanged();
  }

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    pullConfiguration = caps.workspace?.configuration === true;
    registerConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    folderEvents = caps.workspace?.workspaceFolders === true;
    workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const init = params.initializationOptions as { workspaceTrusted?: unknown } | undefined;
    workspaceTrusted = init?.workspaceTrusted !== false;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Full },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        ...(folderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'ase-lint', version },
    };
  });

  connection.onInitialized(
    guard('initialized', undefined, log, () => {
      if (registerConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
      if (pullConfiguration) settingsReady = loadSettings();
      // Subscribing asks the client for folder events; only do so when it can send them.
      if (folderEvents) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard('workspace folders', undefined, log, (e) => {
            const removed = new Set(e.removed.map((f) => f.uri));
            workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
            settingsChanged();
          }),
        );
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guard('configuration', undefined, log, (change) => {
      // Clients that cannot be asked push the settings with the notification.
      const pushed = (change.settings as { aseLint?: unknown } | null | undefined)?.aseLint;
      settingsReady = loadSettings(pushed);
    }),
  );

  documents.onDidOpen(
    guard('open', undefined, log, (e) => {
      const { uri, version: v } = e.document;
      queued.set(uri, v);
      if (isConfigFile(uri)) configChanged();
      rerunReadersOf(uri);
      // Immediate on open, once the settings are known (they may still be arriving at start-up).
      void settingsReady.then(() => run(uri));
    }),
  );

  documents.onDidChangeContent(
    guard('change', undefined, log, (e) => {
      const { uri, version: v } = e.document;
      if (queued.get(uri) === v) return; // the change event that accompanies an open
      queued.set(uri, v);
      if (isConfigFile(uri)) configChanged();
      rerunReadersOf(uri);
      runSoon(uri);
    }),
  );

  documents.onDidClose(
    guard('close', undefined, log, (e) => {
      const uri = e.document.uri;
      debouncer.forget(uri);
      queued.delete(uri);
      published.delete(uri);
      cache.delete(uri);
      store.remove(uri);
      if (isConfigFile(uri)) configChanged();
      rerunReadersOf(uri);
    }),
  );

  connection.onHover(
    guard('hover', null, log, (params) => {
      const doc = documents.get(params.textDocument.uri);
      // The cached analysis of this version; only inside the debounce window is it made now, and the pending run reuses it.
      const analysis = doc && analysisFor(doc).analysis;
      return analysis ? hoverAt(analysis, params.position) : null;
    }),
  );

  connection.onCodeAction(
    guard('code actions', [], log, (params) =>
      codeActionsFor(params, {
        analysisOf: (uri) => {
          const doc = documents.get(uri);
          return doc ? analysisFor(doc).analysis : undefined;
        },
        documentOf: (uri) => {
          const text = createDiskHost(openText).readFile(uri);
          return text === undefined ? undefined : { uri, text };
        },
      }),
    ),
  );

  const noExplanation: ExplainResult = {
    subject: 'nothing',
    rows: [],
    markdown: 'Nothing could be explained here.',
    ases: [],
    focus: [],
    specific: false,
    choices: [],
  };
  connection.onRequest(
    explainRequest,
    guard('explain', noExplanation, log, (params: ExplainParams) => {
      const doc = documents.get(params.uri);
      return explainAt(doc && analysisFor(doc).analysis, params);
    }),
  );

  // The client watches ase-lint.json files (see client/src/extension.ts).
  connection.onDidChangeWatchedFiles(
    guard('watched files', undefined, log, (e) => {
      if (e.changes.some((c) => isConfigFile(c.uri))) configChanged();
    }),
  );

  connection.onShutdown(() => debouncer.cancelAll());

  documents.listen(connection);
  connection.listen();
}
