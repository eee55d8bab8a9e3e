import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { platform } from 'node:process';
import type { Host } from '../engine';

/** A Host that also remembers which URIs it was asked for, so dependants can be re-run when one changes. */
export interface RecordingHost extends Host {
  readonly reads: ReadonlySet<string>;
}

/**
 * Reads `file:` URIs from disk. `overlay` answers first: in the editor, the unsaved text of
 * an open document is what the user means, not what is on disk. Reads are synchronous
 * because `analyze` is; a missing or unreadable file is simply absent.
 */
export function createDiskHost(overlay?: (uri: string) => string | undefined): RecordingHost {
  const reads = new Set<string>();
  return {
    reads,
    readFile(uri: string): string | undefined {
      reads.add(uri);
      const open = overlay?.(uri);
      if (open !== undefined) return open;
      if (!uri.startsWith('file:')) return undefined;
      try {
        return readFileSync(fileURLToPath(uri), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * True when two URIs name the same file. Editors and Node spell file URIs differently
 * (`file:///c%3A/x` vs `file:///C:/x`), and a settings-derived URI must still find the
 * open document.
 */
export function sameFileUri(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.startsWith('file:') || !b.startsWith('file:')) return false;
  try {
    const [pa, pb] = [fileURLToPath(a), fileURLToPath(b)];
    return platform === 'win32' || platform === 'darwin' ? pa.toLowerCase() === pb.toLowerCase() : pa === pb;
  } catch {
    return false;
  }
}
