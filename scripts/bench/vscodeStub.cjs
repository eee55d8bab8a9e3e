// A stand-in for the `vscode` module, just enough for dist/client.js to activate outside
// VS Code: an empty window and workspace, settings at their defaults, every registration
// accepted and disposable. It records what the extension writes to its output channel,
// so the benchmark can tell a start that failed from one that succeeded.
'use strict';
const { pathToFileURL, fileURLToPath } = require('node:url');

const log = [];

class Disposable {
  constructor(dispose) {
    this._dispose = dispose;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d?.dispose?.()));
  }
  dispose() {
    this._dispose?.();
    this._dispose = undefined;
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg) => {
      const bound = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.add(bound);
      return new Disposable(() => this.listeners.delete(bound));
    };
  }
  fire(e) {
    for (const l of [...this.listeners]) l(e);
  }
  dispose() {
    this.listeners.clear();
  }
}

/** An event nobody fires: subscribing returns something to dispose. */
const never = () => new Disposable();

class Uri {
  constructor(scheme, path) {
    this.scheme = scheme;
    this.path = path;
    this.fsPath = scheme === 'file' ? fileURLToPath(`file://${path}`) : path;
  }
  static file(p) {
    return new Uri('file', pathToFileURL(p).pathname);
  }
  static parse(text) {
    const url = new URL(text);
    return new Uri(url.protocol.slice(0, -1), decodeURIComponent(url.pathname));
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, [base.path.replace(/\/$/, ''), ...parts].join('/'));
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path);
  }
  toString() {
    return `${this.scheme}://${this.path}`;
  }
  toJSON() {
    return { scheme: this.scheme, path: this.path };
  }
}

class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this._emitter = emitter;
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
  }
  cancel() {
    this.token.isCancellationRequested = true;
    this._emitter.fire();
  }
  dispose() {}
}

class CancellationError extends Error {}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}

class Range {
  constructor(a, b, c, d) {
    [this.start, this.end] = typeof a === 'number' ? [new Position(a, b), new Position(c, d)] : [a, b];
  }
}

/** Classes the language client extends when its bundle loads; never instantiated here. */
const extensible = Object.fromEntries(
  ['CallHierarchyItem', 'CodeAction', 'CodeLens', 'CompletionItem', 'Diagnostic', 'DocumentLink', 'InlayHint', 'SymbolInformation', 'TypeHierarchyItem'].map((name) => [
    name,
    { [name]: class {} }[name],
  ]),
);

class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}

/** An object whose every method does nothing (a status bar item, a diagnostic collection, …). */
function inert(fields = {}) {
  return new Proxy(fields, {
    get(target, key) {
      if (key in target) return target[key];
      if (key === 'then' || typeof key === 'symbol') return undefined;
      return () => undefined;
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  });
}

function outputChannel(name) {
  const write = (level) => (message) => log.push({ channel: name, level, message: String(message) });
  return inert({
    name,
    logLevel: 2,
    onDidChangeLogLevel: never,
    append: write('append'),
    appendLine: write('info'),
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  });
}

const configuration = inert({
  get: (_key, defaultValue) => defaultValue,
  has: () => false,
  inspect: () => undefined,
  update: async () => undefined,
});

const registration = () => new Disposable();

/**
 * A namespace of the API whose `register…` functions (providers, commands, content
 * providers) are accepted and never called, and whose `onDid…`/`onWill…` events never
 * fire: what the extension adds to VS Code over time needs no change here.
 */
function lenient(target) {
  return new Proxy(target, {
    get: (t, key) => {
      if (key in t) return t[key];
      if (typeof key !== 'string') return undefined;
      if (key.startsWith('register')) return registration;
      if (/^on(Did|Will)[A-Z]/.test(key)) return never;
      return undefined;
    },
  });
}

const api = {
  // Read as it is by `__importStar` (no copy of its keys), so the enumerations below resolve.
  __esModule: true,
  version: '1.91.0',
  Disposable,
  EventEmitter,
  Uri,
  CancellationTokenSource,
  CancellationError,
  Position,
  Range,
  ThemeColor,
  ...extensible,
  StatusBarAlignment: { Left: 1, Right: 2 },
  LanguageStatusSeverity: { Information: 0, Warning: 1, Error: 2 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  TabInputText: class {},
  TabInputTextDiff: class {},
  TabInputNotebook: class {},
  TabInputCustom: class {},
  env: { language: 'en', appName: 'benchmark', machineId: 'benchmark', uiKind: 1, openExternal: async () => false },
  window: lenient({
    activeTextEditor: undefined,
    visibleTextEditors: [],
    tabGroups: { all: [], onDidChangeTabs: never, onDidChangeTabGroups: never },
    createOutputChannel: outputChannel,
    createStatusBarItem: () => inert({}),
    createWebviewPanel: () => {
      throw new Error('no webviews outside VS Code');
    },
    onDidChangeActiveTextEditor: never,
    onDidChangeVisibleTextEditors: never,
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async (message) => (log.push({ channel: 'window', level: 'error', message }), undefined),
    withProgress: async (_options, task) => task({ report() {} }, new CancellationTokenSource().token),
  }),
  workspace: lenient({
    isTrusted: true,
    workspaceFolders: undefined,
    textDocuments: [],
    notebookDocuments: [],
    getConfiguration: () => configuration,
    createFileSystemWatcher: () => inert({ onDidCreate: never, onDidChange: never, onDidDelete: never }),
    onDidGrantWorkspaceTrust: never,
    onDidChangeConfiguration: never,
    onDidOpenTextDocument: never,
    onDidCloseTextDocument: never,
    onDidChangeTextDocument: never,
    onDidSaveTextDocument: never,
    onWillSaveTextDocument: never,
    onDidChangeWorkspaceFolders: never,
    onDidOpenNotebookDocument: never,
    onDidCloseNotebookDocument: never,
    onDidChangeNotebookDocument: never,
    onDidSaveNotebookDocument: never,
    applyEdit: async () => false,
  }),
  languages: lenient(
    {
      match: () => 0,
      createDiagnosticCollection: () => inert({ forEach: () => undefined, get: () => undefined, has: () => false }),
      createLanguageStatusItem: (id, selector) => inert({ id, selector }),
      onDidChangeDiagnostics: never,
      getDiagnostics: () => [],
    },
  ),
  commands: {
    registerCommand: registration,
    executeCommand: async () => undefined,
  },
  extensions: { all: [], getExtension: () => undefined, onDidChange: never },
  /** Not part of VS Code's API: what the extension logged, for the benchmark to check. */
  benchmarkLog: log,
};

/**
 * Code action kinds are values with `append` (the client builds the kinds it has no
 * table entry for, as `source.fixAll.aseLint`, part by part from `Empty`).
 */
class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
}
for (const [name, value] of Object.entries({
  Empty: '',
  QuickFix: 'quickfix',
  Refactor: 'refactor',
  RefactorExtract: 'refactor.extract',
  RefactorInline: 'refactor.inline',
  RefactorMove: 'refactor.move',
  RefactorRewrite: 'refactor.rewrite',
  Source: 'source',
  SourceOrganizeImports: 'source.organizeImports',
  SourceFixAll: 'source.fixAll',
  Notebook: 'notebook',
})) {
  CodeActionKind[name] = new CodeActionKind(value);
}
api.CodeActionKind = CodeActionKind;

/**
 * The many enumerations the language client reads while it sets up (CodeActionKind,
 * SymbolKind, …): each member is a distinct value, which is all a converter table needs.
 */
const enums = new Map();
function enumeration(name) {
  if (!enums.has(name)) enums.set(name, new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? `${name}.${key}` : undefined) }));
  return enums.get(name);
}

module.exports = new Proxy(api, {
  get: (target, key) => (key in target ? target[key] : typeof key === 'string' && /^[A-Z]/.test(key) ? enumeration(key) : undefined),
});
