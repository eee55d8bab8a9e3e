// The stand-in's own language features: an outline whose entries say where they come
// from, and definitions that all lead to the top of the file. The coexistence tests tell
// them from ASE Network Lint's by that.
const vscode = require('vscode');

const declaration = /^(param|var|resource|module|output)\s+([A-Za-z_][A-Za-z0-9_]*)/;

function activate(context) {
  const selector = { language: 'bicep' };
  context.subscriptions.push(
    vscode.languages.registerDocumentSymbolProvider(selector, {
      provideDocumentSymbols(document) {
        const out = [];
        for (let line = 0; line < document.lineCount; line++) {
          const m = declaration.exec(document.lineAt(line).text);
          if (!m) continue;
          const range = document.lineAt(line).range;
          out.push(new vscode.DocumentSymbol(`stand-in ${m[2]}`, m[1], vscode.SymbolKind.Object, range, range));
        }
        return out;
      },
    }),
    vscode.languages.registerDefinitionProvider(selector, {
      provideDefinition(document) {
        return new vscode.Location(document.uri, new vscode.Position(0, 0));
      },
    }),
  );
}

module.exports = { activate };
