import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { root } from './ensureBuilt';

/**
 * A minimal LSP client over stdio for driving the built server. Diagnostics are
 * recorded as they arrive, and `diagnostics(uri, version)` resolves on the notification
 * for that version: tests wait on the server, never on a clock.
 */
export class TestClient {
  readonly connection: ProtocolConnection;
  readonly logs: string[] = [];
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly received: PublishDiagnosticsParams[] = [];
  private readonly history: PublishDiagnosticsParams[] = [];
  private readonly waiters: { match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private versions = new Map<string, number>();
  private stderr = '';

  private readonly workspaceFolders: string[];

  /**
   * `settings` answers workspace/configuration (the `aseLint` section); folders are file
   * URIs; `env` is added to the server's environment (test hooks); `serverScript` is the
   * bundle to run (the benchmark compares builds).
   */
  constructor(settings: unknown = {}, workspaceFolders: string[] = [], env: Record<string, string> = {}, serverScript = join(root, 'dist', 'server.js')) {
    this.workspaceFolders = workspaceFolders;
    this.process = spawn(process.execPath, [serverScript, '--stdio'], { cwd: root, env: { ...process.env, ...env } });
    this.process.stderr.on('data', (d) => (this.stderr += String(d)));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout),
      new StreamMessageWriter(this.process.stdin),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.history.push(p);
      const i = this.waiters.findIndex((w) => w.match(p));
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve(p);
      else this.received.push(p);
    });
    this.connection.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => settings));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.listen();
  }

  /** `initializationOptions` as a client sends them (see ClientInitializationOptions); resolves with the server's answer. */
  async initialize(initializationOptions?: object, workspaceCapabilities: object = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      ...(initializationOptions ? { initializationOptions } : {}),
      processId: process.pid,
      rootUri: this.workspaceFolders[0] ?? null,
      workspaceFolders: this.workspaceFolders.length ? this.workspaceFolders.map((uri, i) => ({ uri, name: `folder${i}` })) : null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, ...workspaceCapabilities },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
          definition: { linkSupport: true },
        },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Opens a document and resolves with its first diagnostics. */
  async open(uri: string, text: string, languageId = 'json'): Promise<PublishDiagnosticsParams> {
    this.versions.set(uri, 1);
    const published = this.diagnostics(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
    return published;
  }

  /** Replaces the whole text (full sync) and resolves with the diagnostics of the new version. */
  async change(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const published = this.diagnostics(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return published;
  }

  /**
   * Sends only the span that differs between `before` and `after` (incremental sync, as an
   * editor does for a keystroke) and resolves with the diagnostics of the new version.
   */
  async edit(uri: string, before: string, after: string): Promise<PublishDiagnosticsParams> {
    return this.changeRange(uri, rangeEdit(before, after));
  }

  /** Sends one range edit (incremental sync) and resolves with the diagnostics of the new version. */
  async changeRange(uri: string, change: { range: Range; text: string }): Promise<PublishDiagnosticsParams> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const published = this.diagnostics(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [change],
    });
    return published;
  }

  /** Closes a document and resolves with the (clearing) diagnostics that follow. */
  async close(uri: string): Promise<PublishDiagnosticsParams> {
    const cleared = this.next(uri, (p) => p.version === undefined);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return cleared;
  }

  /** The diagnostics published for exactly this version of the document (already received or still to come). */
  diagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.next(uri, (p) => p.version === version);
  }

  /** The next diagnostics for `uri` that `match` accepts (already received or still to come). */
  next(uri: string, match: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    const m = (p: PublishDiagnosticsParams) => p.uri === uri && match(p);
    const already = this.received.find(m);
    if (already) {
      this.received.splice(this.received.indexOf(already), 1);
      return Promise.resolve(already);
    }
    return new Promise((resolve) => this.waiters.push({ match: m, resolve }));
  }

  /** Versions for which diagnostics of `uri` were published so far, in order of arrival. */
  publishedVersions(uri: string): (number | undefined)[] {
    return this.history.filter((p) => p.uri === uri).map((p) => p.version);
  }

  get serverStderr(): string {
    return this.stderr;
  }

  /** Orderly shutdown; resolves with the server's exit code. */
  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  /** For cleanup after a failed test: no orderly shutdown possible. */
  kill(): void {
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

/** The one range edit that turns `before` into `after` (the span between their common start and end), as an editor sends it. */
export function rangeEdit(before: string, after: string): { range: Range; text: string } {
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shortest - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Positions as LSP counts them (\r\n, \r and \n all end a line).
  const lines = TextDocument.create('', 'plaintext', 0, before);
  return { range: { start: lines.positionAt(start), end: lines.positionAt(before.length - end) }, text: after.slice(start, after.length - end) };
}
