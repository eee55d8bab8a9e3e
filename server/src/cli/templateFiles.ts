import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

/**
 * tinyglobby, loaded the first time a path is a pattern: loading it is a few per cent of a
 * start that is given none. `require`, not `import`: the bundle is CommonJS, and
 * tinyglobby's ESM build pulls in fdir's ESM build, which calls
 * createRequire(import.meta.url) — undefined once bundled.
 */
let globLibrary: typeof import('tinyglobby') | undefined;
function tinyglobby(): typeof import('tinyglobby') {
  return (globLibrary ??= require('tinyglobby') as typeof import('tinyglobby'));
}

export interface CandidateFile {
  /** What the user sees: the path as given or walked, relative to the working directory when under it. */
  display: string;
  absolute: string;
}

export interface CollectedFiles {
  files: CandidateFile[];
  /** Paths that could not be read, with the reason. */
  errors: string[];
  /** Files left out on purpose, with the reason (the run is still complete for what the user meant). */
  skipped: string[];
}

/** Templates: ARM JSON and Bicep (a `.bicepparam` file is read only as the parameters of its template). */
const templateExtension = /\.(jsonc?|bicep)$/i;

/**
 * The files to consider for the given paths. A file named explicitly is taken whatever
 * its extension; directories are walked for .json/.jsonc/.bicep, skipping node_modules and
 * dot-directories (.git, .vscode, …). Symbolic links to directories are not followed,
 * so a link cycle cannot loop. A path that does not exist but is a glob pattern
 * (`infra/*.json`, with `**` for any depth) is expanded, in sorted order, under the
 * same skipping rules; a path that exists is never read as a pattern, so a file named
 * `[x].json` still works.
 */
export function collectFiles(paths: readonly string[], cwd: string): CollectedFiles {
  const files: CandidateFile[] = [];
  const errors: string[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const add = (path: string) => {
    const absolute = resolve(cwd, path);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push({ display: displayPath(absolute, cwd), absolute });
  };
  /** The real path of the directory a walk started from: a linked file found in it must stay inside it. */
  let walkRoot = '';
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push(`cannot read directory '${displayPath(dir, cwd)}': ${reason(e)}`);
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(path);
      } else if (templateExtension.test(e.name) && e.isFile()) {
        add(path);
      } else if (templateExtension.test(e.name) && isFileLink(path)) {
        // A link found by walking is taken only when it stays in the walked tree; one
        // named on the command line is the user's explicit choice.
        const real = realPathOf(path);
        if (real && isInsideDir(real, walkRoot)) add(path);
        else skipped.push(`skipping '${displayPath(path, cwd)}': a symbolic link leading outside '${relative(cwd, walkRoot) === '' ? '.' : displayPath(walkRoot, cwd)}'`);
      }
    }
  };
  for (const p of paths) {
    const absolute = resolve(cwd, p);
    let stat;
    try {
      stat = statSync(absolute);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && tinyglobby().isDynamicPattern(patternOf(p))) {
        const matches = expandPattern(p, cwd);
        if (matches.length === 0) errors.push(`no files match '${p}'`);
        for (const m of matches) add(m);
      } else {
        errors.push(`cannot read '${p}': ${reason(e)}`);
      }
      continue;
    }
    if (stat.isDirectory()) {
      walkRoot = realPathOf(absolute) ?? absolute;
      walk(absolute);
    } else add(absolute);
  }
  return { files, errors, skipped };
}

function realPathOf(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

function isInsideDir(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Glob syntax uses `/`; on Windows a user types `\`, which would otherwise read as escapes. */
function patternOf(path: string): string {
  return process.platform === 'win32' ? path.replace(/\\/g, '/') : path;
}

function expandPattern(path: string, cwd: string): string[] {
  const pattern = patternOf(path);
  // Like the directory walk: dependencies and dot-directories are not the user's
  // templates, unless the pattern names them itself.
  const ignore = /(^|\/)node_modules(\/|$)/.test(pattern) ? [] : ['**/node_modules/**'];
  return tinyglobby().globSync(pattern, { cwd, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false, expandDirectories: false, ignore })
    .map((m) => resolve(m))
    .sort();
}

/** Relative to `cwd` when under it, absolute otherwise. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

function isFileLink(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}
