import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { confinementTo, readRegularFile, type Confinement } from '../diskHost';
import { WorkspaceGraph } from './graph';
import { templateReferences } from './references';

/** Files a workspace folder is searched for: ARM JSON and Bicep. */
const TEMPLATE_FILE = /\.(jsonc?|bicep)$/i;

/** A workspace larger than this is indexed up to it (the rest is analysed alone). */
export const MAX_WORKSPACE_FILES = 50_000;

/** Files above this size are not read for the index: a template of that size is generated, and deploys no local file. */
const MAX_INDEXED_BYTES = 8 * 1024 * 1024;

export interface WalkOptions {
  limit?: number;
  /** Also walk dot-directories (`.test`), except `.git`: the corpus keeps test deployments there. */
  dotDirectories?: boolean;
}

/**
 * The template files under `folder`: `.json`, `.jsonc` and `.bicep`, skipping
 * `node_modules` and dot-directories (`.git`, `.vscode`, …), not following links to
 * directories (a link cycle cannot loop), in a stable order, at most `limit`.
 */
export function workspaceFiles(folder: string, options: WalkOptions = {}): string[] {
  const limit = options.limit ?? MAX_WORKSPACE_FILES;
  const out: string[] = [];
  const stack = [folder];
  while (stack.length > 0 && out.length < limit) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    const subdirs: string[] = [];
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.isDirectory()) {
        const skipped = e.name === 'node_modules' || e.name === '.git' || (e.name.startsWith('.') && !options.dotDirectories);
        if (!skipped) subdirs.push(join(dir, e.name));
      } else if ((e.isFile() || e.isSymbolicLink()) && TEMPLATE_FILE.test(e.name)) {
        out.push(join(dir, e.name));
        if (out.length >= limit) break;
      }
    }
    stack.push(...subdirs.reverse());
  }
  return out;
}

/**
 * Reads one file for the index: its text (a regular file inside `folder`, as the disk
 * host would read it), or undefined.
 */
export function readForIndex(path: string, confinement: Confinement): string | undefined {
  const read = readRegularFile(path, confinement, MAX_INDEXED_BYTES);
  return typeof read === 'string' ? read : undefined;
}

/** The index of the files under `folders`, read from disk (the command line and scripts; the language server builds it in a worker, see lsp/). */
export function indexFolders(folders: readonly string[], options: WalkOptions = {}): WorkspaceGraph {
  const graph = new WorkspaceGraph();
  const confinement = confinementTo(folders, 'the workspace');
  for (const folder of folders) {
    for (const path of workspaceFiles(folder, options)) {
      const text = readForIndex(path, confinement);
      if (text === undefined) continue;
      const uri = pathToFileURL(path).href;
      graph.set(uri, templateReferences(uri, text).map((r) => r.uri));
    }
  }
  return graph;
}
