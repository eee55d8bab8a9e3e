import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Host } from '../../server/src/core/host';

/** The Bicep module cache of the shared test material (Azure Verified Modules as Bicep restores them). */
export const CACHE = join(__dirname, '..', '..', '..', 'shared', 'bicep-cache');
export const CACHE_URI = pathToFileURL(CACHE).href;
/** Skip reason for tests that need the shared cache (a checkout without it). */
export const noCache: string | false = existsSync(join(CACHE, 'br')) ? false : `no Bicep cache at ${CACHE}`;

/** A bicepconfig.json that points the cache root at the shared cache. */
export function bicepConfig(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ cacheRootDirectory: CACHE, ...extra }, null, 2);
}

/** Reads `files` from memory and the shared cache from disk (nothing else). */
export function cacheHost(files: Record<string, string>): Host & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile(uri) {
      reads.push(uri);
      if (uri in files) return files[uri];
      if (!uri.startsWith(`${CACHE_URI}/`)) return undefined;
      try {
        return readFileSync(fileURLToPath(uri), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

export function lines(...l: string[]): string {
  return l.join('\n');
}

/** The zero-based range of the first occurrence of `needle` (after `after`, when given). */
export function rangeOf(text: string, needle: string, after = ''): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const from = after ? text.indexOf(after) : 0;
  if (from < 0) throw new Error(`'${after}' is not in the text`);
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`'${needle}' is not in the text`);
  const pos = (o: number) => {
    const before = text.slice(0, o);
    const line = before.split('\n').length - 1;
    return { line, character: o - (before.lastIndexOf('\n') + 1) };
  };
  return { start: pos(offset), end: pos(offset + needle.length) };
}
