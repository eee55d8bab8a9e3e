import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findProjectConfig, parseProjectConfig, type ProjectConfig } from '../config/projectConfig';
import { displayPath, reason } from './templateFiles';

export type LoadedConfigs =
  | { ok: true; forFile(path: string): ProjectConfig | undefined }
  | { ok: false; errors: string[] };

/**
 * The project files for a run: the one `--config` names for every template, or else
 * each template's nearest `ase-lint.json` (up to the repository root). Each is read
 * once; any problem in one is reported with its place and stops the run.
 */
export function loadConfigs(explicit: string | undefined, files: readonly string[], cwd: string): LoadedConfigs {
  const byPath = new Map<string, ProjectConfig>();
  const errors: string[] = [];
  const load = (path: string, shown: string): ProjectConfig | undefined => {
    const hit = byPath.get(path);
    if (hit) return hit;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      errors.push(`cannot read config file '${shown}': ${reason(e)}`);
      return undefined;
    }
    const config = parseProjectConfig(pathToFileURL(path).href, text, displayPath(path, cwd));
    errors.push(...config.problems);
    byPath.set(path, config);
    return config;
  };
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    const config = load(path, explicit);
    if (errors.length > 0 || !config) return { ok: false, errors };
    return { ok: true, forFile: () => config };
  }
  const forDir = new Map<string, ProjectConfig | undefined>();
  for (const file of files) {
    const dir = dirname(file);
    if (forDir.has(dir)) continue;
    const found = findProjectConfig(file, existsSync);
    forDir.set(dir, found ? load(found, displayPath(found, cwd)) : undefined);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, forFile: (path) => forDir.get(dirname(path)) };
}
