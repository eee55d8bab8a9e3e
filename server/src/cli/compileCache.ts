// V8's code cache for the command line's bundle: see launch.ts.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { debuglog } from 'node:util';
import { Script } from 'node:vm';

const debug = debuglog('ase-lint-cache');

/** A run at least this long (seconds) may write a cache that grew; a shorter one pays nothing at exit. */
const LONG_RUN_SECONDS = 0.5;

const HASH_BYTES = 32;

/** The folder the cache is kept in, or undefined when there is none. */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: () => string = homedir): string | undefined {
  const named = env.ASE_LINT_COMPILE_CACHE;
  if (named !== undefined) return named === '' || /^(off|0|false|no)$/i.test(named) ? undefined : resolve(named);
  try {
    if (platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'ase-lint', 'Cache') : undefined;
    if (platform === 'darwin') return join(home(), 'Library', 'Caches', 'ase-lint');
    const xdg = env.XDG_CACHE_HOME;
    return join(xdg && isAbsolute(xdg) ? xdg : join(home(), '.cache'), 'ase-lint');
  } catch {
    // No home directory (a service account): no cache.
    return undefined;
  }
}

/** Whether a file or folder is the user's own and no one else can write it (always, where there are no POSIX owners). */
function isPrivate(stats: { uid: number; mode: number }): boolean {
  if (typeof process.getuid !== 'function') return true;
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}

/** The cache's folder, made if missing, when it is the user's own; else undefined. */
function ownFolder(folder: string): string | undefined {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stats = lstatSync(folder);
    if (!stats.isDirectory() || !isPrivate(stats)) {
      debug('not used: %s is not a folder only its owner can write', folder);
      return undefined;
    }
    return folder;
  } catch (e) {
    debug('not used: %s', (e as Error).message);
    return undefined;
  }
}

/** The cached bytecode for `hash`, when the file is the user's own and was made from the same bundle. */
function readCache(file: string, hash: Buffer): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    debug('none yet: %s', file);
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || !isPrivate(stats)) {
      debug('not used: %s is not a file only its owner can write', file);
      return undefined;
    }
    const data = readFileSync(fd);
    if (data.length <= HASH_BYTES || !data.subarray(0, HASH_BYTES).equals(hash)) {
      debug('stale: %s was made from another bundle, or the same one elsewhere', file);
      return undefined;
    }
    return data.subarray(HASH_BYTES);
  } catch (e) {
    debug('not read: %s', (e as Error).message);
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function writeCache(file: string, hash: Buffer, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([hash, data]), { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
    debug('written: %s (%d bytes)', file, data.length);
  } catch (e) {
    rmSync(temporary, { force: true });
    debug('not written: %s', (e as Error).message);
  }
}

/**
 * `wrapped` (the code of the file `filename`, whose text is `source`) compiled through the
 * cache kept in `folder`: with the bytecode cached for the same text, when there is one
 * and V8 takes it. When the process exits, the cache is written if it should be (see
 * launch.ts).
 */
export function compileThroughCache(source: string, wrapped: string, filename: string, folder: string | undefined = cacheFolder()): Script {
  const own = folder === undefined ? undefined : ownFolder(folder);
  const file = own === undefined ? undefined : join(own, `cli-${process.version}-${process.arch}.cache`);
  // The file's path too: the bytecode names the file it was compiled from, which stack traces print.
  const hash = createHash('sha256').update(filename).update('\0').update(source).digest();
  const cached = file === undefined ? undefined : readCache(file, hash);
  const script = new Script(wrapped, { filename, ...(cached ? { cachedData: cached } : {}) });
  const accepted = cached !== undefined && !script.cachedDataRejected;
  if (cached) debug(accepted ? 'accepted: %s' : 'rejected by V8: %s', file);
  if (file !== undefined) {
    process.once('exit', () => {
      if (accepted && process.uptime() < LONG_RUN_SECONDS) return;
      try {
        const data = script.createCachedData();
        if (!accepted || data.length > cached!.length) writeCache(file, hash, data);
      } catch (e) {
        debug('not written: %s', (e as Error).message);
      }
    });
  }
  return script;
}
