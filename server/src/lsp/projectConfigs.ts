import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Host } from '../core/host';
import { findProjectConfig, parseProjectConfig, type ProjectConfig } from '../engine/config/projectConfig';
import { filePathOf } from '../core/uris';

/**
 * The `ase-lint.json` that applies to each document, for the language server's engine
 * workers. The file comes from the repository like any template, so it is read like
 * every other file: through the analysis's host (a regular file, within the size limit,
 * never outside the workspace), in the worker, never on the protocol thread. An open
 * file's unsaved text is what counts, as for templates. Lookups and parses are
 * remembered for one settings generation: the protocol thread starts a new one when a
 * project file changes, is opened or is edited.
 */
export class ProjectConfigs {
  private generation = -1;
  private readonly byDirectory = new Map<string, string | null>();
  private readonly parsed = new Map<string, { text: string; config: ProjectConfig }>();
  /** Files whose refusal was told in this generation. */
  private readonly told = new Set<string>();

  constructor(private readonly openText: (uri: string) => string | undefined) {}

  /**
   * The configuration for a document (`file:` URIs only), or undefined when none applies
   * or it cannot be read. What the log should say about it (problems in the file, a
   * refusal to read it) is added to `notices`, once per text.
   */
  forDocument(uri: string, workspaceFolders: readonly string[], generation: number, host: Host, notices: string[]): ProjectConfig | undefined {
    if (generation !== this.generation) {
      this.generation = generation;
      this.byDirectory.clear();
      this.parsed.clear();
      this.told.clear();
    }
    const path = filePathOf(uri);
    if (path === undefined) return undefined;
    const folders = workspaceFolders.flatMap((f) => filePathOf(f) ?? []);
    const dir = path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')));
    let configPath = this.byDirectory.get(dir);
    if (configPath === undefined) {
      configPath = findProjectConfig(path, (p) => this.exists(p), folders) ?? null;
      this.byDirectory.set(dir, configPath);
    }
    return configPath === null ? undefined : this.load(configPath, host, notices);
  }

  private exists(path: string): boolean {
    return this.openText(pathToFileURL(path).href) !== undefined || existsSync(path);
  }

  private load(path: string, host: Host, notices: string[]): ProjectConfig | undefined {
    const uri = pathToFileURL(path).href;
    const text = host.readFile(uri);
    if (text === undefined) {
      const why = host.whyNot?.(uri);
      if (why && !this.told.has(uri)) notices.push(`ase-lint: not reading ${path}: ${why}`);
      this.told.add(uri);
      return undefined;
    }
    const hit = this.parsed.get(uri);
    if (hit && hit.text === text) return hit.config;
    const config = parseProjectConfig(uri, text);
    // Once per text: the editor's JSON schema shows the same problems in the file itself.
    for (const p of config.problems) notices.push(`ase-lint: ${p} (ignored)`);
    this.parsed.set(uri, { text, config });
    return config;
  }
}
