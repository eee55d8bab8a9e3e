// One extension activation in a fresh process, the closest figure to VS Code's own that
// needs no VS Code: `require` of the client bundle (the extension host loads it the
// same way), then `activate` until the language client's start has resolved, which is
// when the server has answered `initialize` (it is forked from the bundle next to the
// client, as in VS Code). The `vscode` module is scripts/bench/vscodeStub.cjs.
// Usage: node activationChild.cjs EXTENSION_DIR; prints one JSON line.
'use strict';
const Module = require('node:module');
const { join } = require('node:path');

const stubPath = join(__dirname, 'vscodeStub.cjs');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stubPath : resolveFilename.call(this, request, ...rest);
};

async function main() {
  const extensionDir = process.argv[2];
  const vscode = require(stubPath);
  const started = performance.now();
  const extension = require(join(extensionDir, 'dist', 'client.js'));
  const loaded = performance.now();
  const context = {
    subscriptions: [],
    extensionPath: extensionDir,
    extensionUri: vscode.Uri.file(extensionDir),
    extensionMode: vscode.ExtensionMode.Production,
    asAbsolutePath: (p) => join(extensionDir, p),
  };
  await extension.activate(context);
  const activated = performance.now();
  const failures = vscode.benchmarkLog.filter((l) => l.level === 'error');
  await extension.deactivate();
  for (const d of context.subscriptions) d.dispose?.();
  process.stdout.write(`${JSON.stringify({ loadMs: loaded - started, activateMs: activated - loaded, failures })}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
