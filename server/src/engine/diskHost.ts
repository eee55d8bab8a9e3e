import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { platform } from 'node:process';
import type { Host } from '../core/host';
import { excerpt } from '../core/excerpt';
import { filePathOf } from '../core/uris';

/** A Host that also remembers which URIs it was asked for, so dependants can be re-run when one changes. */
export interface RecordingHost extends Host {
  readonly reads: ReadonlySet<string>;
  /**
   * Why `readFile(uri)` answered undefined, when it is more than the file not existing:
   * 'it is a directory, not a regular file', 'it leads through a symbolic link to …,
   * outside …', 'permission denied'. Undefined when the file was read, does not exist or
   * was never asked for. Worded to follow "… could not be read: ".
   */
  whyNot(uri: string): string | undefined;
}

export interface DiskHostOptions {
  /**
   * The folders a read may lead into, as file URIs or paths; a file stands for its folder.
   * The server passes the workspace folders and the analysed document, the CLI the current
   * directory and the paths on its command line. Without roots, reads are not confined
   * (only the regular-file and size checks apply).
   */
  roots?: readonly string[];
  /** How the roots are named in a refusal; the default suits the editor. */
  rootsName?: string;
  /** How to read outside the roots after all (the setting or flag), said with a refusal. */
  outsideHint?: string;
  /** Told once per file the host would not or could not read, with the reason (not for a file that does not exist). */
  onRefused?(uri: string, reason: string): void;
}

/**
 * A referenced file larger than this is refused before a byte of it is read. Azure accepts
 * a template or parameters file of at most 4 MB (compressed, so a few tens of MB of raw
 * JSON at the very most); anything bigger is not a template but a log, an image or a
 * sparse file, and reading it would hold the whole buffer and its string in memory.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const caseInsensitive = platform === 'win32' || platform === 'darwin';
const missing = 'no such file or directory';

/**
 * Reads `file:` URIs from disk. `overlay` answers first: in the editor, the unsaved text of
 * an open document is what the user means, not what is on disk. Reads are synchronous
 * because `analyze` is; a file that is missing, unreadable or refused is simply absent,
 * and `whyNot` says which.
 *
 * What is refused (the engine never executes what it reads and never reaches the network;
 * these keep it from reading what the templates do not mean):
 * - anything but a regular file: a directory, a FIFO, a socket, a device such as
 *   /dev/zero (which would read forever) or /dev/stdin (which would block). The kind is
 *   checked before the file is opened, and again on the open descriptor, which is opened
 *   non-blocking so that even a FIFO swapped in meanwhile cannot hang the server;
 * - a file larger than MAX_FILE_BYTES (checked before reading, and the read stops there);
 * - with `roots`: anything outside them. A template comes from whoever wrote the
 *   repository: `loadTextContent('../../.ssh/id_rsa')`, a module at `/proc/self/environ`
 *   or a link in the workspace that leads to ~/.ssh must not put another file's text into
 *   messages, hovers and CI logs. Both the path as written and its real path (symbolic
 *   links resolved) must be inside a root. Reading beyond them (a monorepo whose modules
 *   live next to the workspace) takes an explicit choice: the server's
 *   `aseLint.readOutsideWorkspace`, the CLI's `--read-outside-workspace`, which create
 *   the host without roots.
 */
export function createDiskHost(overlay?: (uri: string) => string | undefined, options: DiskHostOptions = {}): RecordingHost {
  const reads = new Set<string>();
  const refusals = new Map<string, string>();
  const roots = options.roots ? confinedRoots(options.roots) : undefined;
  const rootsName = options.rootsName ?? "the workspace folders and the template's folder";
  const hint = options.outsideHint ?? 'aseLint.readOutsideWorkspace allows reading it';
  return {
    reads,
    readFile(uri: string): string | undefined {
      reads.add(uri);
      const open = overlay?.(uri);
      if (open !== undefined) {
        refusals.delete(uri);
        return open;
      }
      const path = filePathOf(uri);
      // An untitled document's neighbours, a remote URI: nothing on this disk, like a missing file.
      if (path === undefined) return refuse(uri, missing);
      const read = readRegularFile(path, roots && { roots, name: rootsName, hint });
      if (typeof read === 'string') {
        refusals.delete(uri);
        return read;
      }
      return refuse(uri, read.reason);
    },
    whyNot(uri: string): string | undefined {
      return refusals.get(uri);
    },
    readCacheFile(cacheRoot: string, uri: string): string | undefined {
      reads.add(uri);
      const path = filePathOf(uri);
      if (path === undefined) return refuse(uri, missing);
      const read = readCachedModule(cacheRoot, path);
      if (typeof read === 'string') {
        refusals.delete(uri);
        return read;
      }
      return refuse(uri, read.reason);
    },
  };

  /** A file that does not exist is simply absent (most sibling parameter files never do); anything else is recorded and told once. */
  function refuse(uri: string, reason: string): undefined {
    if (reason === missing) {
      refusals.delete(uri);
      return undefined;
    }
    const known = refusals.get(uri);
    refusals.set(uri, reason);
    if (known !== reason) options.onRefused?.(uri, reason);
    return undefined;
  }
}

/**
 * A module's `main.json` in Bicep's cache: `<root>/br/<registry>/<repository>/<tag>/main.json`
 * or `<root>/ts/<subscription>/<group>/<name>/<version>/main.json`. The cache root is a
 * root of its own, read-only as every root: only files of that layout are read there,
 * with the same checks as any file (a regular file, within the size limit), and both the
 * path and its real path must stay in the cache (a link in it leading elsewhere is refused).
 */
export function readCachedModule(cacheRoot: string, path: string): string | NotRead {
  const root = resolve(cacheRoot);
  const rel = relative(root, resolve(path)).split(sep);
  const layout =
    ((rel[0] === 'br' && rel.length === 5) || (rel[0] === 'ts' && rel.length === 6)) &&
    rel[rel.length - 1] === 'main.json' &&
    rel.every((seg) => seg !== '' && seg !== '.' && seg !== '..');
  if (!layout) return { reason: `it is not a module file of Bicep's cache ${root}` };
  let real = root;
  try {
    real = realpathSync.native(root);
  } catch {
    return { reason: missing };
  }
  const file = resolve(path);
  // Bicep writes a module version once: a file whose size and time are unchanged is not read again.
  let stamp: string | undefined;
  try {
    const st = statSync(file);
    stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    // Read below, which says why not.
  }
  const known = stamp === undefined ? undefined : cachedModules.get(file);
  if (known && known.stamp === stamp) {
    // Still checked as any read is (a link swapped in, a device): only the text is kept.
    const kind = kindOf(file);
    if (!kind) {
      const realFile = realpathSync.native(file);
      if (isInside(realFile, real)) return known.text;
    }
  }
  const read = readRegularFile(file, { roots: [{ given: root, real }], name: `Bicep's module cache ${root}` });
  if (typeof read === 'string' && stamp !== undefined) rememberModule(file, stamp, read);
  return read;
}

/** Module files of Bicep's cache read lately, by path (see readCachedModule). */
const cachedModules = new Map<string, { stamp: string; text: string }>();
let cachedChars = 0;
const MAX_CACHED_MODULE_CHARS = 32 * 1024 * 1024;

function rememberModule(file: string, stamp: string, text: string): void {
  const had = cachedModules.get(file);
  if (had) cachedChars -= had.text.length;
  cachedModules.delete(file);
  cachedModules.set(file, { stamp, text });
  cachedChars += text.length;
  for (const [f, e] of cachedModules) {
    if (cachedChars <= MAX_CACHED_MODULE_CHARS || f === file) break;
    cachedModules.delete(f);
    cachedChars -= e.text.length;
  }
}

/** A root as given and as it really is (the workspace folder may itself be a link). */
interface Root {
  given: string;
  real: string;
}

export interface Confinement {
  roots: readonly Root[];
  name: string;
  /** How to allow the read after all, added to a refusal. */
  hint?: string;
}

/** A confinement to `folders` (paths or file URIs; a file stands for its folder), named `name` in refusals. */
export function confinementTo(folders: readonly string[], name: string): Confinement {
  return { roots: confinedRoots(folders), name };
}

function confinedRoots(given: readonly string[]): Root[] {
  const folders = new Set<string>();
  for (const g of given) {
    const path = g.startsWith('file:') ? filePathOf(g) : resolve(g);
    if (path === undefined) continue; // an untitled: document or another scheme has no folder on disk
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      // A document not saved yet: its folder still counts.
    }
    folders.add(isDirectory ? path : dirname(path));
  }
  const out: Root[] = [];
  for (const folder of folders) {
    let real = folder;
    try {
      real = realpathSync.native(folder);
    } catch {
      // A folder that does not exist holds no files; its name still places paths under it.
    }
    out.push({ given: folder, real });
  }
  return out;
}

function isInside(path: string, folder: string): boolean {
  const rel = caseInsensitive ? relative(folder.toLowerCase(), path.toLowerCase()) : relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Why a file was not read; for one larger than the cap, also its size (when known) and its first 64 KiB. */
export interface NotRead {
  reason: string;
  tooLarge?: { bytes: number | undefined; head: string };
}

const HEAD_BYTES = 64 * 1024;

/** The file's text, or why it is not read. Never blocks on a device or a pipe, never reads more than `maxBytes` (MAX_FILE_BYTES). */
export function readRegularFile(path: string, confinement?: Confinement, maxBytes = MAX_FILE_BYTES): string | NotRead {
  let link: Stats;
  let real: string;
  let target: Stats;
  try {
    link = lstatSync(path);
  } catch (e) {
    return { reason: describeError(e) };
  }
  try {
    real = realpathSync.native(path);
    target = statSync(real);
  } catch (e) {
    // /dev/stdin on a pipe resolves to 'pipe:[…]', which is no path, yet it can be opened: say what it is.
    const kind = kindOf(path);
    if (kind) return { reason: kind };
    const code = (e as NodeJS.ErrnoException).code;
    if (link.isSymbolicLink() && code === 'ENOENT') return { reason: 'it is a symbolic link that leads to no file' };
    return { reason: describeError(e) };
  }
  const kind = describeKind(target);
  if (kind) return { reason: real === path ? `it is ${kind}, not a regular file` : `it leads to ${real}, ${kind}, not a regular file` };
  if (confinement) {
    const roots = confinement.roots;
    const hint = confinement.hint ? ` (${confinement.hint})` : '';
    const realInside = roots.some((r) => isInside(real, r.real) || isInside(real, r.given));
    const writtenInside = roots.some((r) => isInside(path, r.given) || isInside(path, r.real));
    if (!realInside) {
      if (writtenInside) return { reason: `it leads through a symbolic link to ${real}, outside ${confinement.name}${hint}` };
      if (link.isSymbolicLink()) return { reason: `it is a symbolic link to ${real}, and both are outside ${confinement.name}${hint}` };
      return { reason: `it is outside ${confinement.name}${hint}` };
    }
    if (!writtenInside) return { reason: `it is outside ${confinement.name}${hint}` };
  }
  return readOpened(real, maxBytes);
}

function readOpened(real: string, maxBytes: number): string | NotRead {
  // Non-blocking: opening a FIFO for reading would otherwise wait for a writer. No
  // following a link swapped in for the last component since the path was resolved.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
  let fd: number;
  try {
    fd = openSync(real, flags);
  } catch (e) {
    return { reason: describeError(e) };
  }
  try {
    const stats = fstatSync(fd);
    const kind = describeKind(stats);
    if (kind) return { reason: `it is ${kind}, not a regular file` };
    if (stats.size > maxBytes) {
      // Only its beginning, so that the reader can tell what the file is (a template?) without holding it.
      const head = Buffer.allocUnsafe(HEAD_BYTES);
      const n = readSync(fd, head, 0, HEAD_BYTES, null);
      return { reason: tooLarge(maxBytes, stats.size), tooLarge: { bytes: stats.size, head: head.toString('utf8', 0, n) } };
    }
    // The size is a hint (files in /proc say 0, a file may grow meanwhile): read to the end, never past the cap.
    let buffer = Buffer.allocUnsafe(Math.min(Math.max(stats.size + 1, HEAD_BYTES), maxBytes + 1));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) break;
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > maxBytes) return { reason: tooLarge(maxBytes), tooLarge: { bytes: undefined, head: buffer.toString('utf8', 0, Math.min(total, HEAD_BYTES)) } };
    return buffer.toString('utf8', 0, total);
  } catch (e) {
    return { reason: describeError(e) };
  } finally {
    closeSync(fd);
  }
}

function kindOf(path: string): string | undefined {
  try {
    const kind = describeKind(statSync(path));
    return kind && `it is ${kind}, not a regular file`;
  } catch {
    return undefined;
  }
}

function describeKind(s: Stats): string | undefined {
  if (s.isFile()) return undefined;
  if (s.isDirectory()) return 'a directory';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isFIFO()) return 'a named pipe';
  if (s.isSocket()) return 'a socket';
  return 'a special file';
}

/** `bytes` when the size is known (stat), undefined when the read went past the cap (a file that grew, a /proc file). */
function tooLarge(maxBytes: number, bytes?: number): string {
  const mib = 1024 * 1024;
  const cap = `${Math.round((maxBytes / mib) * 10) / 10} MB the analyser reads`;
  return bytes === undefined ? `it is longer than the ${cap}` : `it is ${Math.ceil(bytes / mib)} MB, more than the ${cap}`;
}

function describeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return missing;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory, not a regular file';
  if (code === 'ELOOP') return 'it is a symbolic link that loops';
  if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return 'it cannot be read without waiting';
  // Node's messages end with the path ("EIO: i/o error, read '/x'"), which the template wrote: that part goes.
  const message = e instanceof Error ? e.message : String(e);
  return excerpt(code ? message.replace(/, \w+ '.*$/s, '') : message);
}

/**
 * True when two URIs name the same file. Editors and Node spell file URIs differently
 * (`file:///c%3A/x` vs `file:///C:/x`), and a settings-derived URI must still find the
 * open document.
 */
export function sameFileUri(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.startsWith('file:') || !b.startsWith('file:')) return false;
  const [pa, pb] = [filePathOf(a), filePathOf(b)];
  if (pa === undefined || pb === undefined) return false;
  return caseInsensitive ? pa.toLowerCase() === pb.toLowerCase() : pa === pb;
}
