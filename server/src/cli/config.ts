import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Host } from '../core/host';
import { findProjectConfig, parseProjectConfig, type ProjectConfig } from '../engine/config/projectConfig';
import { createDiskHost } from '../engine/diskHost';
import { displayPath } from './templateFiles';

export type LoadedConfigs =
  | { ok: true; forFile(path: string): ProjectConfig | undefined }
  | { ok: false; errors: string[] };

/**
 * The project files for a run: the one `--config` names for every template, or else
 * each template's nearest `ase-lint.json` (up to the repository root). Each is read
 * once, like every other file (see diskHost.ts): a regular file within the size limit
 * (a FIFO or /dev/zero would hang or exhaust the run), and, when found rather than
 * named, through `host`, which reads nothing outside the current directory and the paths
 * given. Any problem in one is reported with its place and stops the run.
 */
export function loadConfigs(explicit: string | undefined, files: readonly string[], cwd: string, host: Host): LoadedConfigs {
  const byPath = new Map<string, ProjectConfig>();
  const errors: string[] = [];
  const load = (path: string, shown: string, reader: Host): ProjectConfig | undefined => {
    const hit = byPath.get(path);
    if (hit) return hit;
    const uri = pathToFileURL(path).href;
    const text = reader.readFile(uri);
    if (text === undefined) {
      errors.push(`cannot read config file '${shown}': ${reader.whyNot?.(uri) ?? 'no such file or directory'}`);
      return undefined;
    }
    const config = parseProjectConfig(uri, text, displayPath(path, cwd));
    errors.push(...config.problems);
    byPath.set(path, config);
    return config;
  };
  if (explicit !== undefined) {
    // Named on the command line: the user's choice wherever it is, but still only a regular file.
    const path = resolve(cwd, explicit);
    const config = load(path, explicit, createDiskHost());
    if (errors.length > 0 || !config) return { ok: false, errors };
    return { ok: true, forFile: () => config };
  }
  const forDir = new Map<string, ProjectConfig | undefined>();
  for (const file of files) {
    const dir = dirname(file);
    if (forDir.has(dir)) continue;
    const found = findProjectConfig(file, existsSync);
    forDir.set(dir, found ? load(found, displayPath(found, cwd), host) : undefined);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, forFile: (path) => forDir.get(dirname(path)) };
}
