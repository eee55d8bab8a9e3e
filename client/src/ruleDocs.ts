import * as vscode from 'vscode';

/** One documentation page shipped with the extension (`docs/rules/<name>.md`). */
export interface RuleDoc {
  code: string;
  name: string;
  uri: vscode.Uri;
}

/** Codes of the notes about suppressions: documented with the configuration, not as rules. */
const noteCodes = new Set(['unused-suppression', 'unknown-rule']);

/**
 * The rule pages inside the extension, found by reading their first line (`# ASE102
 * inbound-load-balancer`), so the client needs no copy of the catalogue. Opened as a
 * rendered Markdown preview: offline, themed, links between pages work.
 */
export class RuleDocs {
  private pages: Promise<RuleDoc[]> | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  list(): Promise<RuleDoc[]> {
    this.pages ??= this.read();
    return this.pages;
  }

  /** By code (any case) or name; the notes on suppressions lead to the configuration page. */
  async find(rule: string): Promise<RuleDoc | undefined> {
    const key = rule.trim().toLowerCase();
    if (noteCodes.has(key)) return { code: key, name: key, uri: vscode.Uri.joinPath(this.extensionUri, 'docs', 'configuration.md') };
    return (await this.list()).find((p) => p.code.toLowerCase() === key || p.name === key);
  }

  async open(page: RuleDoc): Promise<void> {
    try {
      await vscode.commands.executeCommand('markdown.showPreview', page.uri);
    } catch {
      // Without the built-in Markdown extension, the page as text is still the page.
      await vscode.window.showTextDocument(page.uri, { preview: true });
    }
  }

  private async read(): Promise<RuleDoc[]> {
    const dir = vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules');
    const out: RuleDoc[] = [];
    let entries: [string, vscode.FileType][] = [];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      return out;
    }
    for (const [file] of entries.filter(([f]) => f.endsWith('.md'))) {
      const uri = vscode.Uri.joinPath(dir, file);
      const text = new TextDecoder().decode((await vscode.workspace.fs.readFile(uri)).slice(0, 200));
      const m = /^# (ASE\d{3}) (\S+)/.exec(text);
      if (m) out.push({ code: m[1], name: m[2], uri });
    }
    return out.sort((a, b) => a.code.localeCompare(b.code));
  }
}

/** The link a diagnostic's code gets in VS Code: our command, which opens the page as a preview. */
export function documentationCommandUri(code: string): vscode.Uri {
  return vscode.Uri.parse(`command:aseLint.showRuleDocumentation?${encodeURIComponent(JSON.stringify([code]))}`);
}
