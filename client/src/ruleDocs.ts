import * as vscode from 'vscode';

/** One documentation page shipped with the extension (`docs/rules/<name>.md`). */
export interface RuleDoc {
  code: string;
  name: string;
  uri: vscode.Uri;
}

/** Codes of the notes about suppressions: documented with the configuration, not as rules. */
const noteCodes = new Set(['unused-suppression', 'unknown-rule']);

/** The scheme of the read-only copies of the rule pages that the preview shows. */
export const ruleDocScheme = 'ase-lint-rule';

/**
 * The rule pages inside the extension, found by reading their first line (`# ASE102
 * inbound-load-balancer`), so the client needs no copy of the catalogue. Opened as a
 * rendered Markdown preview (offline, themed) of a read-only copy named after the rule,
 * so its tab reads "Preview ASE102 inbound-load-balancer.md" and nobody edits the
 * installed extension by accident; links between pages lead to the other copies.
 */
export class RuleDocs implements vscode.Disposable {
  private pages: Promise<RuleDoc[]> | undefined;
  private readonly registration: vscode.Disposable;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(ruleDocScheme, { provideTextDocumentContent: (uri) => this.content(uri) });
  }

  dispose(): void {
    this.registration.dispose();
  }

  /** The read-only copy of a page: `ase-lint-rule:/ASE102 inbound-load-balancer.md`. */
  static titledUri(page: RuleDoc): vscode.Uri {
    return vscode.Uri.from({ scheme: ruleDocScheme, path: `/${page.code} ${page.name}.md` });
  }

  private async content(uri: vscode.Uri): Promise<string> {
    const code = /^\/?(ASE\d{3})\b/.exec(uri.path)?.[1];
    const page = code ? await this.find(code) : undefined;
    if (!page) return `# Not found\n\nASE Network Lint has no rule page for \`${uri.path.replace(/^\//, '')}\`.`;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(page.uri));
    const pages = await this.list();
    // Links to sibling pages go to their copies; links elsewhere (the configuration page) to the shipped file.
    return text.replace(/\]\(([^)\s]+\.md)(#[^)\s]*)?\)/g, (all, target: string, anchor: string | undefined) => {
      const sibling = pages.find((p) => `${p.name}.md` === target);
      if (sibling) return `](<${sibling.code} ${sibling.name}.md>${anchor ?? ''})`;
      if (/^[a-z]+:/i.test(target)) return all;
      return `](${vscode.Uri.joinPath(page.uri, '..', target).toString()}${anchor ?? ''})`;
    });
  }

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
      // The notes on suppressions have no rule page: their page is the configuration's, shown as shipped.
      const shown = /^ASE\d{3}$/.test(page.code) ? RuleDocs.titledUri(page) : page.uri;
      await vscode.commands.executeCommand('markdown.showPreview', shown);
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
