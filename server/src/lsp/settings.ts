import { levelsFromObject, type RuleLevel } from '../engine/config/ruleLevels';
import { DEFAULT_MAX_FILE_MB } from '../engine/analyze';
import { excerpt } from '../core/excerpt';
import { allRules } from '../rules/index';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { filePathOf, safeDecode } from '../core/uris';

/** The `aseLint.*` settings the server uses. */
export interface Settings {
  /** Template path relative to its workspace folder → parameters file path (relative to the same folder, or absolute). */
  parameterFiles: ReadonlyMap<string, string>;
  /** The same keys in lower case, for file systems that ignore case: each lookup is one map hit, however many entries there are. */
  parameterFilesByLowerCase: ReadonlyMap<string, string>;
  /** `aseLint.rules`: severities by rule code; they override the project's `ase-lint.json`. */
  rules: Map<string, RuleLevel>;
  /** `aseLint.readOutsideWorkspace`: files outside the workspace folders may be read (only honoured in a trusted workspace). */
  readOutsideWorkspace: boolean;
  /** `aseLint.maxFileSizeMB`: larger documents get one information diagnostic instead of an analysis. */
  maxFileSizeMB: number;
  /** Entries that were ignored, for the log. */
  problems: string[];
}

export const defaultSettings: Settings = {
  parameterFiles: new Map(),
  parameterFilesByLowerCase: new Map(),
  rules: new Map(),
  readOutsideWorkspace: false,
  maxFileSizeMB: DEFAULT_MAX_FILE_MB,
  problems: [],
};

/** Accepts whatever the client sent (`aseLint` section); anything malformed is ignored, not fatal. One pass over it: a map of 20,000 entries costs milliseconds. */
export function parseSettings(raw: unknown): Settings {
  const section = isRecord(raw) ? raw : {};
  const files = isRecord(section.parameterFiles) ? section.parameterFiles : {};
  const parameterFiles = new Map<string, string>();
  const parameterFilesByLowerCase = new Map<string, string>();
  for (const [k, v] of Object.entries(files)) {
    if (typeof v !== 'string' || !v.trim()) continue;
    const key = normalizeKey(k);
    parameterFiles.set(key, v);
    // The first spelling wins among keys that differ only in case, as the linear search did.
    const lower = key.toLowerCase();
    if (!parameterFilesByLowerCase.has(lower)) parameterFilesByLowerCase.set(lower, v);
  }
  const { levels, problems } = levelsFromObject(section.rules, allRules, 'aseLint.rules');
  // Only an explicit true: anything else keeps reads inside the workspace.
  const readOutsideWorkspace = section.readOutsideWorkspace === true;
  let maxFileSizeMB = DEFAULT_MAX_FILE_MB;
  if (section.maxFileSizeMB !== undefined) {
    if (typeof section.maxFileSizeMB === 'number' && section.maxFileSizeMB > 0) maxFileSizeMB = section.maxFileSizeMB;
    else problems.push(`aseLint.maxFileSizeMB expects a number of megabytes above 0, got ${excerpt(JSON.stringify(section.maxFileSizeMB) ?? 'nothing')}`);
  }
  return { parameterFiles, parameterFilesByLowerCase, rules: levels, readOutsideWorkspace, maxFileSizeMB, problems };
}

/** The parameters file the settings name for `templateUri`, as a file URI; undefined when none applies. */
export function parametersUriFor(templateUri: string, settings: Settings, workspaceFolders: readonly string[]): string | undefined {
  if (!templateUri.startsWith('file:')) return undefined;
  // The innermost folder wins when folders nest.
  const folders = [...workspaceFolders].sort((a, b) => b.length - a.length);
  for (const folder of folders) {
    const base = folder.endsWith('/') ? folder : `${folder}/`;
    if (!templateUri.startsWith(base)) continue;
    // A malformed escape in the URI (a file named `bad%zz.json`) keeps its raw text: the document is still analysed.
    const relative = normalizeKey(safeDecode(templateUri.slice(base.length)));
    // Windows and macOS file systems ignore case: a key differing only in case still means the file.
    const target = settings.parameterFiles.get(relative) ?? settings.parameterFilesByLowerCase.get(relative.toLowerCase());
    if (target === undefined) continue;
    const folderPath = filePathOf(base);
    if (folderPath === undefined) return undefined;
    try {
      return pathToFileURL(isAbsolute(target) ? target : resolve(folderPath, target)).href;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Users write `./infra\\ase.json` as readily as `infra/ase.json`. */
function normalizeKey(key: string): string {
  return key.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The template the settings give `parametersUri` to (the first entry of `aseLint.parameterFiles`
 * that names it, innermost folder first); undefined when none does.
 */
export function templateUriFor(parametersUri: string, settings: Settings, workspaceFolders: readonly string[]): string | undefined {
  if (!parametersUri.startsWith('file:') || settings.parameterFiles.size === 0) return undefined;
  const folders = [...workspaceFolders].sort((a, b) => b.length - a.length);
  for (const folder of folders) {
    const base = folder.endsWith('/') ? folder : `${folder}/`;
    for (const template of settings.parameterFiles.keys()) {
      const templateUri = `${base}${template.split('/').map(encodeURIComponent).join('/')}`;
      const given = parametersUriFor(templateUri, settings, [folder]);
      if (given !== undefined && sameUri(given, parametersUri)) return templateUri;
    }
  }
  return undefined;
}

function sameUri(a: string, b: string): boolean {
  return a === b || safeDecode(a).toLowerCase() === safeDecode(b).toLowerCase();
}
