import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { filePathOf } from '../uris';
import { findProjectConfig, parseProjectConfig, type ProjectConfig } from '../config/projectConfig';

/**
 * The `ase-lint.json` that applies to each document, for the language server. Lookups
 * and parses are remembered until `invalidate` (the client reports a change to a
 * config file, or one open in the editor is edited). An open file's unsaved text is
 * what counts, as for templates.
 */
export class ProjectConfigs {
  private readonly byDirectory = new Map<string, string | null>();
  private readonly parsed = new Map<string, { text: string; config: ProjectConfig }>();

  constructor(
    private readonly openText: (uri: string) => string | undefined,
    private readonly log: (message: string) => void,
  ) {}

  invalidate(): void {
    this.byDirectory.clear();
    this.parsed.clear();
  }

  /** The configuration for a document (`file:` URIs only), or undefined when none applies. */
  forDocument(uri: string, workspaceFolders: readonly string[]): ProjectConfig | undefined {
    const path = filePathOf(uri);
    if (path === undefined) return undefined;
    const folders = workspaceFolders.flatMap((f) => filePathOf(f) ?? []);
    const dir = path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')));
    let configPath = this.byDirectory.get(dir);
    if (configPath === undefined) {
      configPath = findProjectConfig(path, (p) => this.exists(p), folders) ?? null;
      this.byDirectory.set(dir, configPath);
    }
    return configPath === null ? undefined : this.load(configPath);
  }

  private exists(path: string): boolean {
    return this.openText(pathToFileURL(path).href) !== undefined || existsSync(path);
  }

  private load(path: string): ProjectConfig | undefined {
    const uri = pathToFileURL(path).href;
    let text = this.openText(uri);
    if (text === undefined) {
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    }
    const hit = this.parsed.get(uri);
    if (hit && hit.text === text) return hit.config;
    const config = parseProjectConfig(uri, text);
    // Logged once per text: the editor's JSON schema shows the same problems in the file itself.
    for (const p of config.problems) this.log(`ase-lint: ${p} (ignored)`);
    this.parsed.set(uri, { text, config });
    return config;
  }
}
