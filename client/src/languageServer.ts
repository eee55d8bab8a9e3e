import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { documentStatusNotification, type ClientInitializationOptions, type DocumentStatusParams } from '../../server/src/query/protocol';
import type { LanguageStatus } from './languageStatus';

/** Languages whose documents go to the server; it analyses those that are ARM templates or Bicep. */
const languages = ['json', 'jsonc', 'bicep', 'bicep-params'];

/** The official Bicep extension: when it is installed, it provides Bicep's outline and definitions. */
export const bicepExtensionId = 'ms-azuretools.vscode-bicep';

/**
 * The language server of this window, as the `aseLint.enable` setting and the installed
 * extensions want it: started when enabled, stopped when not, restarted without our
 * Bicep outline and definitions when the official Bicep extension arrives (and with them
 * when it leaves), so the two never show each symbol twice.
 */
export class LanguageServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private bicepExtension = hasBicepExtension();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly status: LanguageStatus,
    private readonly linkToPreview: (d: vscode.Diagnostic) => vscode.Diagnostic,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('aseLint.enable')) void this.apply();
      }),
      vscode.extensions.onDidChange(() => {
        const now = hasBicepExtension();
        if (now === this.bicepExtension) return;
        this.bicepExtension = now;
        this.output.info(now ? 'The Bicep extension is installed: it provides the outline and definitions of Bicep files.' : 'The Bicep extension is gone: this extension provides the outline and definitions of Bicep files.');
        void this.restart();
      }),
      // Parameter files named in settings are only read once the workspace is trusted.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.restart()),
    );
  }

  /** The running client, or undefined while the extension is disabled or the server could not start. */
  get current(): LanguageClient | undefined {
    return this.client;
  }

  /** Starts or stops the server as `aseLint.enable` says. */
  async apply(): Promise<void> {
    const enabled = vscode.workspace.getConfiguration('aseLint').get<boolean>('enable', true);
    if (enabled && !this.client) await this.start();
    else if (!enabled && this.client) await this.stop();
    else if (!enabled) this.status.disabled();
  }

  async restart(): Promise<void> {
    if (!this.client) return this.apply();
    this.output.info('Restarting the language server.');
    await this.client.restart();
  }

  private async start(): Promise<void> {
    if (this.starting) return this.starting;
    this.starting = this.create().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async create(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const status = this.status;
    const clientOptions: LanguageClientOptions = {
      documentSelector: ['file', 'untitled'].flatMap((scheme) => languages.map((language) => ({ scheme, language }))),
      outputChannel: this.output,
      // Files can change outside the editor (a checkout, another tool): the server re-reads the
      // project file and bicepconfig.json, and keeps its index of which template deploys which.
      synchronize: {
        configurationSection: 'aseLint',
        // One watcher: ase-lint.json and bicepconfig.json are JSON files too.
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{bicep,json,jsonc}'),
      },
      // Read at every (re)start, so granting trust or installing the Bicep extension and restarting picks it up.
      initializationOptions: (): ClientInitializationOptions => ({ workspaceTrusted: vscode.workspace.isTrusted, bicepSyntaxFeatures: !this.bicepExtension }),
      // Seeing the documents go out and the diagnostics come back is what "analysing" means.
      middleware: {
        didOpen: (doc, next) => (status.sent(doc.uri), next(doc)),
        didChange: (e, next) => (status.sent(e.document.uri), next(e)),
        didClose: (doc, next) => (status.closed(doc.uri), next(doc)),
        handleDiagnostics: (uri, diagnostics, next) => (status.answered(uri), next(uri, diagnostics.map(this.linkToPreview))),
      },
    };
    // The id matches the `aseLint.trace.server` setting in package.json.
    const client = new LanguageClient('aseLint', 'ASE Network Lint', serverOptions, clientOptions);
    this.client = client;
    const own = [
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) status.setState({ kind: 'running' });
        else if (e.newState === State.Starting) status.setState({ kind: 'starting' });
        else status.setState({ kind: 'stopped', message: 'the language server is not running' });
      }),
      client.onNotification(documentStatusNotification, (p: DocumentStatusParams) => status.templateStatus(p.uri, p.isTemplate)),
    ];
    this.clientSubscriptions = own;
    try {
      await client.start();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      status.setState({ kind: 'stopped', message });
      this.output.error(`The ASE language server did not start: ${message}`);
    }
  }

  private clientSubscriptions: vscode.Disposable[] = [];

  /** Disabled by the setting: the server stops, its findings and status go. */
  private async stop(): Promise<void> {
    this.output.info('ASE Network Lint is disabled (aseLint.enable): the language server stops.');
    await this.shutdown();
    this.status.disabled();
  }

  /** Stops the server (the extension is deactivated, or disabled). */
  async shutdown(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const s of this.clientSubscriptions) s.dispose();
    this.clientSubscriptions = [];
    if (!client) return;
    try {
      await client.stop();
    } catch (e) {
      this.output.warn(`The language server did not stop cleanly: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    void this.shutdown();
  }
}

function hasBicepExtension(): boolean {
  return vscode.extensions.getExtension(bicepExtensionId) !== undefined;
}
