import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
  type Location,
  type LocationLink,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../../package.json';
import { documentStatusNotification, explainRequest, type ClientInitializationOptions, type DocumentStatusParams, type ExplainParams, type ExplainResult } from '../query/protocol';
import { analysisLine } from './analysisLog';
import { isBicepParamsUri, isBicepUri } from '../parse/bicep/document';
import { Debouncer } from './debouncer';
import { DiagnosticsStore } from './diagnosticsStore';
import { explainAt } from '../query/explain';
import { createFailureLog } from './failureLog';
import { guard } from './guard';
import { looksLikeTemplate } from '../parse/schema';
import { boundMessage } from '../core/excerpt';
import { ReadersIndex } from './readersIndex';
import { defaultSettings, parametersUriFor, parseSettings, templateUriFor, type Settings } from './settings';
import { configFileName } from '../engine/config/projectConfig';
import { cancelled, EngineClient } from './worker/engineClient';
import { fixAllKind } from './codeActions';
import type { DocumentRef } from './worker/messages';
import { WorkspaceIndex } from './workspaceIndex';
import type { WorkspaceContext } from '../engine/workspace/context';

/** Problems in the settings logged at each read; the rest are counted. */
const maxSettingsProblemsLogged = 20;

/** Open documents longer than this are not sent to the workspace index (files on disk above 8 MB are not read for it either). */
const maxIndexedChars = 8 * 1024 * 1024;

/** Quiet time after the last keystroke before a document is analysed again: it follows the document's analysis cost, within these bounds. */
const minChangeDelayMs = 10;
const maxChangeDelayMs = 150;

/**
 * Engine workers. Two, not one: a worker is busy for the whole analysis of a large
 * template (about a second for 10 MB), and a second one keeps the other documents'
 * diagnostics and hovers coming meanwhile; more would only multiply memory (each holds its
 * documents' analyses and every open text).
 */
const engineThreads = 2;

export interface ServerOptions {
  /** The script the engine workers run: the server's own bundle (see server.ts). */
  workerScript: string;
}

/**
 * Wires the LSP connection to the engine: document sync, settings, debounced diagnostics,
 * quick fixes, hovers and the explain request. Glue only: the analyses and everything that
 * needs one run in worker threads (worker/), so this thread always reads the next message.
 */
export function startServer(connection: Connection, options: ServerOptions): { shutdownReceived(): boolean } {
  const documents = new TextDocuments(TextDocument);
  const readers = new ReadersIndex();
  const debouncer = new Debouncer(minChangeDelayMs, maxChangeDelayMs);
  const store = new DiagnosticsStore((p) => void connection.sendDiagnostics(p));
  const log = (message: string) => connection.console.error(message);
  const info = (message: string) => connection.console.info(message);
  const logFailures = createFailureLog(log);
  /** Notices already logged in this settings generation: each worker tells its own. */
  const noticed = new Set<string>();
  const logNotices = (notices: readonly string[]) => {
    for (const n of notices) {
      if (noticed.has(n) || noticed.size >= 500) continue;
      noticed.add(n);
      log(boundMessage(n));
    }
  };
  /** Version each open document was last queued or run for, so the open event and its twin change event run once. */
  const queued = new Map<string, number>();
  /** The analysis whose diagnostics each document shows: each is published once. */
  const published = new Map<string, string>();

  // The server's state besides the documents: settings and what the client told us at start.
  let settings: Settings = defaultSettings;
  let generation = 0;
  let settingsReady: Promise<void> = Promise.resolve();
  let workspaceFolders: string[] = [];
  let pullConfiguration = false;
  let registerConfiguration = false;
  let workspaceTrusted = true;
  let folderEvents = false;
  let bicepSyntaxFeatures = true;
  let definitionLinks = false;
  let codeLensRefresh = false;
  /** The client applies snippet edits (LSP 3.18): a new rule's name and a suppression's reason become placeholders. */
  let snippetEdits = false;
  /** Per document: whether it is a template, as last told to the client, and the version last published. */
  const templateStatus = new Map<string, boolean>();
  const publishedVersion = new Map<string, number>();

  const isConfigFile = (uri: string) => uri.endsWith(`/${configFileName}`);
  const isBicepConfig = (uri: string) => uri.endsWith('/bicepconfig.json');
  const isBicepFile = (uri: string) => isBicepUri(uri) || isBicepParamsUri(uri);

  /** The UTF-8 size of each open document that may be above the size limit, per version (measured once: it takes a pass over the text). */
  const sizes = new Map<string, { version: number; bytes: number }>();
  function sizeOf(doc: TextDocument): number {
    const known = sizes.get(doc.uri);
    if (known?.version === doc.version) return known.bytes;
    const bytes = Buffer.byteLength(doc.getText(), 'utf8');
    sizes.set(doc.uri, { version: doc.version, bytes });
    return bytes;
  }

  /** The document's size when it is above `aseLint.maxFileSizeMB`: it is then not analysed. */
  function oversizedBytes(doc: TextDocument): number | undefined {
    const limit = settings.maxFileSizeMB * 2 ** 20;
    // A character is one to three bytes (a surrogate pair four for two): most documents are decided by their length alone.
    if (doc.getText().length * 3 <= limit) return undefined;
    const bytes = sizeOf(doc);
    return bytes > limit ? bytes : undefined;
  }

  /** The entry points a document is analysed through (it is a module of the workspace), as analysis options and as a key. */
  function workspaceContext(uri: string): { context?: WorkspaceContext; key: string } {
    const found = index.entriesFor(uri);
    if (!found) return { key: '' };
    const entries = found.entries.map((e) => {
      const params = workspaceTrusted ? parametersUriFor(e, settings, workspaceFolders) : undefined;
      return { uri: e, ...(params ? { parametersUri: params } : {}) };
    });
    const context: WorkspaceContext = { entries, ...(found.more > 0 ? { more: found.more } : {}) };
    return { context, key: JSON.stringify(context) };
  }

  /** The context each open document was last analysed in: when the index changes it, the document is analysed again. */
  const analysedContext = new Map<string, string>();

  /** What a job about `doc` needs besides its text, from the settings as they are when the job starts. */
  function describe(doc: TextDocument): DocumentRef {
    // Parameter files named in settings are only honoured in a trusted workspace (see package.json).
    const parametersUri = workspaceTrusted ? parametersUriFor(doc.uri, settings, workspaceFolders) : undefined;
    // A parameters file the settings give to a template is analysed through it (a `.bicepparam` file's `using` says so itself).
    const parametersOf = workspaceTrusted ? templateUriFor(doc.uri, settings, workspaceFolders) : undefined;
    const bytes = oversizedBytes(doc);
    const oversized = bytes === undefined ? undefined : { bytes, limitMb: settings.maxFileSizeMB, template: looksLikeTemplate(doc.uri, doc.getText().slice(0, 65536)) };
    const { context, key } = workspaceContext(doc.uri);
    analysedContext.set(doc.uri, key);
    return {
      uri: doc.uri,
      version: doc.version,
      generation,
      contextKey: key,
      options: { ...(parametersUri ? { parametersUri } : {}), ...(parametersOf ? { parametersOf } : {}), ...(context ? { workspace: context } : {}) },
      // The project file is read by the worker, like every file of the repository (see ProjectConfigs).
      editorRules: settings.rules,
      workspaceFolders,
      // Like the parameter files named in settings: a workspace's own settings must not open the disk to its templates.
      readOutsideWorkspace: workspaceTrusted && settings.readOutsideWorkspace,
      ...(oversized ? { oversized } : {}),
    };
  }

  /** Which file deploys which: built in a worker of its own (see workspaceIndex.ts). */
  const index = new WorkspaceIndex({
    script: options.workerScript,
    log,
    info,
    onChange: () => {
      // A document whose entry points changed (or became known) is analysed again through them.
      for (const doc of documents.all()) {
        const previous = analysedContext.get(doc.uri);
        if (previous !== undefined && previous !== workspaceContext(doc.uri).key) runSoon(doc.uri);
      }
    },
  });
  const isTemplateFile = (uri: string) => /\.(bicep|jsonc?)$/i.test(uri.split(/[?#]/)[0]) && !isConfigFile(uri);
  /** The index reads what a file deploys from its text; a generated template of many megabytes deploys no local file, and is not sent. */
  const indexText = (doc: TextDocument) => {
    if (isTemplateFile(doc.uri) && doc.getText().length <= maxIndexedChars) index.text(doc.uri, doc.getText());
  };

  const engine = new EngineClient({
    script: options.workerScript,
    threads: engineThreads,
    documents,
    describe,
    analysable: (doc) => oversizedBytes(doc) === undefined,
    log,
    onRun: (run, inputsChanged) => {
      info(analysisLine(run, workspaceFolders));
      debouncer.recordRun(run.uri, run.ms);
      logFailures(run.uri, run.failures);
      logNotices(run.notices);
      readers.record(run.uri, run.reads);
      // A file it read changed while it ran: the worker has dropped it; analyse again.
      if (inputsChanged && documents.get(run.uri)) runSoon(run.uri);
    },
  });

  /** Analyses and publishes, unless the document moved on meanwhile: stale results are never published. */
  function run(uri: string): void {
    engine.diagnostics(uri).then(
      (result) => {
        if (!result || documents.get(uri)?.version !== result.version) return;
        // Open and start-up settings can both ask for the same run; publish each analysis once.
        if (published.get(uri) === result.analysisKey) return;
        published.set(uri, result.analysisKey);
        // Before the diagnostics: a client reading them knows already what kind of document they are for.
        told(uri, result.version, result.isTemplate);
        store.replace(uri, result.version, new Map(result.byFile), result.throughCallers === true);
      },
      (e: unknown) => log(`ase-lint: diagnostics for ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    );
  }

  /**
   * With a publish: tells the client whether the document is a template (when that is
   * new), and when the same version was analysed again (its settings or a file it reads
   * changed), asks for the code lenses again: the client only asks by itself on an edit.
   */
  function told(uri: string, version: number, isTemplate: boolean | undefined): void {
    if (isTemplate !== undefined && templateStatus.get(uri) !== isTemplate) {
      templateStatus.set(uri, isTemplate);
      const params: DocumentStatusParams = { uri, version, isTemplate };
      void connection.sendNotification(documentStatusNotification, params);
    }
    const again = publishedVersion.get(uri) === version;
    publishedVersion.set(uri, version);
    if (again && codeLensRefresh) debouncer.schedule('refresh:codeLens', () => void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined));
  }

  function runSoon(uri: string): void {
    debouncer.schedule(uri, () => run(uri));
  }

  /** The user edited the document: after a pause the edit is analysed at once, within a burst once the burst ends (see Debouncer). */
  function runAfterEdit(uri: string): void {
    debouncer.schedule(uri, () => run(uri), { leading: true });
  }

  /** Templates that read `uri` (a parameters file, a nested template) see different text now. */
  function rerunReadersOf(uri: string): void {
    for (const reader of readers.readersOf(uri)) if (documents.get(reader)) runSoon(reader);
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
    noticed.clear();
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
      // A settings map of thousands of bad entries must not flood the log either.
      for (const p of settings.problems.slice(0, maxSettingsProblemsLogged)) log(`ase-lint: ${boundMessage(p)} (ignored)`);
      const more = settings.problems.length - maxSettingsProblemsLogged;
      if (more > 0) log(`ase-lint: and ${more} more problems in the aseLint settings (ignored)`);
    } catch (e) {
      log(`ase-lint: could not read settings: ${e instanceof Error ? e.message : String(e)}`);
    }
    settingsChanged();
  }

  /**
   * The client says the settings changed. Only the latest settings matter: a burst of
   * changes is read once, after it (the debouncer's quiet period), and one read waits for
   * the one before, so a slow client cannot make them overlap. Each read is linear in the
   * settings, so the protocol thread keeps answering requests meanwhile; documents opened
   * meanwhile wait for the new settings, as at start-up.
   */
  let latestPushed: unknown;
  let pendingRead: (() => void) | undefined;
  function settingsChangedByClient(pushed: unknown): void {
    latestPushed = pushed;
    if (!pendingRead) {
      const previous = settingsReady;
      settingsReady = new Promise<void>((resolve) => {
        pendingRead = () => void previous.then(() => loadSettings(latestPushed)).then(resolve, resolve);
      });
    }
    debouncer.schedule('settings:aseLint', () => {
      const read = pendingRead;
      pendingRead = undefined;
      read?.();
    });
  }

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    pullConfiguration = caps.workspace?.configuration === true;
    registerConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    folderEvents = caps.workspace?.workspaceFolders === true;
    workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const init = params.initializationOptions as { [K in keyof ClientInitializationOptions]?: unknown } | undefined;
    workspaceTrusted = init?.workspaceTrusted !== false;
    // Another extension (the official Bicep one) provides the outline and definitions: ours would double them.
    bicepSyntaxFeatures = init?.bicepSyntaxFeatures !== false;
    definitionLinks = caps.textDocument?.definition?.linkSupport === true;
    codeLensRefresh = caps.workspace?.codeLens?.refreshSupport === true;
    // Snippet edits travel in documentChanges: both must be supported.
    snippetEdits = caps.workspace?.workspaceEdit?.snippetEditSupport === true && caps.workspace?.workspaceEdit?.documentChanges === true;
    return {
      capabilities: {
        // Incremental: a keystroke in a large template sends the changed range, not the whole text again.
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        ...(bicepSyntaxFeatures ? { documentSymbolProvider: { label: 'ASE Network Lint' }, definitionProvider: true } : {}),
        ...(folderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'ase-lint', version },
    };
  });

  connection.onInitialized(
    guard('initialized', undefined, log, () => {
      info(`ASE Network Lint language server ${version} started: Node ${process.version}, ${engineThreads} engine workers`);
      engine.warmUp();
      index.folders(workspaceFolders);
      if (registerConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
      if (pullConfiguration) settingsReady = loadSettings();
      // Subscribing asks the client for folder events; only do so when it can send them.
      if (folderEvents) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard('workspace folders', undefined, log, (e) => {
            const removed = new Set(e.removed.map((f) => f.uri));
            workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
            index.folders(workspaceFolders);
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
      settingsChangedByClient(pushed);
    }),
  );

  documents.onDidOpen(
    guard('open', undefined, log, (e) => {
      const { uri, version: v } = e.document;
      queued.set(uri, v);
      if (isConfigFile(uri)) configChanged();
      indexText(e.document);
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
      // Unsaved edits count: a module added or removed changes who deploys what.
      indexText(e.document);
      rerunReadersOf(uri);
      runAfterEdit(uri);
    }),
  );

  documents.onDidClose(
    guard('close', undefined, log, (e) => {
      const uri = e.document.uri;
      debouncer.forget(uri);
      queued.delete(uri);
      published.delete(uri);
      templateStatus.delete(uri);
      publishedVersion.delete(uri);
      readers.forget(uri);
      sizes.delete(uri);
      analysedContext.delete(uri);
      if (isTemplateFile(uri)) index.closed(uri);
      engine.forget(uri);
      store.remove(uri);
      if (isConfigFile(uri)) configChanged();
      rerunReadersOf(uri);
    }),
  );

  // Requests go ahead of the queued background analyses in the worker that owns their
  // document (the request analyses the current version itself when it must); one the
  // client cancels before its turn is dropped.
  const cancelledError = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled before it started');

  connection.onHover(
    guard('hover', null, log, async (params, token) => {
      const hover = await engine.hover(params, token);
      return hover === cancelled ? cancelledError() : hover;
    }),
  );

  connection.onCodeAction(
    guard('code actions', [], log, async (params, token) => {
      const actions = await engine.codeActions(params, token, snippetEdits);
      return actions === cancelled ? cancelledError() : actions;
    }),
  );

  connection.onDocumentSymbol(
    guard('document symbols', null, log, async (params, token) => {
      // JSON has the editor's own outline; only Bicep goes to the engine.
      if (!isBicepFile(params.textDocument.uri)) return null;
      const symbols = await engine.syntax('documentSymbols', params.textDocument.uri, undefined, token);
      return symbols === cancelled ? cancelledError() : symbols;
    }),
  );

  connection.onDefinition(
    guard('definition', null, log, async (params, token) => {
      if (!isBicepFile(params.textDocument.uri)) return null;
      const links = await engine.syntax('definition', params.textDocument.uri, params.position, token);
      if (links === cancelled) return cancelledError();
      if (!links) return null;
      // Links carry the whole declaration and underline the whole name; older clients take plain locations.
      return definitionLinks ? links : links.map((l: LocationLink): Location => ({ uri: l.targetUri, range: l.targetSelectionRange }));
    }),
  );

  connection.onCodeLens(
    guard('code lens', [], log, async (params, token) => {
      const lenses = await engine.syntax('codeLens', params.textDocument.uri, undefined, token);
      return lenses === cancelled ? cancelledError() : (lenses ?? []);
    }),
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
    guard('explain', noExplanation, log, async (params: ExplainParams, token) => {
      const explained = await engine.explain(params, token);
      if (explained === cancelled) return cancelledError();
      // No analysis (the document is not open, or could not be analysed): the documented dependencies alone.
      return explained ?? explainAt(undefined, params);
    }),
  );

  // The client watches ase-lint.json and bicepconfig.json files, and templates (see client/src/languageServer.ts).
  connection.onDidChangeWatchedFiles(
    guard('watched files', undefined, log, (e) => {
      if (e.changes.some((c) => isConfigFile(c.uri) || isBicepConfig(c.uri))) configChanged();
      const templates = e.changes.filter((c) => isTemplateFile(c.uri) && !isBicepConfig(c.uri));
      if (templates.length === 0) return;
      index.files(
        templates.filter((c) => c.type !== FileChangeType.Deleted).map((c) => c.uri),
        templates.filter((c) => c.type === FileChangeType.Deleted).map((c) => c.uri),
      );
      // Analyses that read a file changed on disk (a module, an entry point) are stale.
      const uris = templates.map((c) => c.uri).filter((u) => !documents.get(u));
      engine.invalidate(uris);
      for (const u of uris) rerunReadersOf(u);
    }),
  );

  let shutdownReceived = false;
  connection.onShutdown(() => {
    shutdownReceived = true;
    debouncer.cancelAll();
    index.dispose();
    engine.dispose();
  });

  documents.listen(connection);
  connection.listen();
  return { shutdownReceived: () => shutdownReceived };
}
