import type { MessagePort } from 'node:worker_threads';
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { filePathOf } from '../../core/uris';
import { confinementTo, type Confinement } from '../../engine/diskHost';
import { readForIndex, workspaceFiles } from '../../engine/workspace/files';
import { fileKey } from '../../engine/workspace/graph';
import { templateReferences } from '../../engine/workspace/references';

/** `workerData` of the index worker (server.ts runs the same bundle in every thread). */
export const indexWorkerData = { role: 'ase-lint-index' } as const;

/** What the protocol thread tells the index worker. */
export type ToIndex =
  /** The workspace folders (file URIs): everything is read again. */
  | { kind: 'folders'; folders: string[] }
  /** An open document's text (unsaved edits count); `text: null`: it closed, the disk's copy counts again. */
  | { kind: 'text'; uri: string; text: string | null }
  /** Files created, changed or deleted on disk. */
  | { kind: 'files'; changed: string[]; deleted: string[] };

/** What the index worker answers: which files each file deploys (`uses`), and files that are gone. */
export interface FromIndex {
  set: [string, string[]][];
  removed: string[];
  /** Unused by the reader: every message is whole. */
  complete: boolean;
  /** Set on the reply to a full read of the folders: how many milliseconds it took. */
  ms?: number;
  files?: number;
  /** A scan that failed (a bug): logged. */
  error?: string;
}

/**
 * The workspace index, off the protocol thread: reads every template of the workspace
 * folders once (as the disk host would: regular files, within the folders, not too
 * large), notes which files each one deploys, and keeps that up to date with unsaved
 * edits and changes on disk. Only the edges go back to the protocol thread.
 */
export function runIndexWorker(port: MessagePort): void {
  let folders: string[] = [];
  let confinement: Confinement = confinementTo([], 'the workspace folders');
  /** Open documents' texts win over the disk. */
  const open = new Map<string, { uri: string; text: string }>();
  const known = new Map<string, string>();
  const key = (uri: string) => fileKey(uri);

  const refsOf = (uri: string, text: string): string[] => {
    try {
      return templateReferences(uri, text).map((r) => r.uri);
    } catch {
      return [];
    }
  };
  const readDisk = (uri: string): string | undefined => {
    const path = filePathOf(uri);
    return path === undefined ? undefined : readForIndex(path, confinement);
  };
  const inFolders = (uri: string) => {
    const path = filePathOf(uri);
    return path !== undefined && folders.some((f) => path === f || path.startsWith(f.endsWith(sep) ? f : `${f}${sep}`));
  };

  port.on('message', (m: ToIndex) => {
    try {
      if (m.kind === 'folders') {
        const started = performance.now();
        folders = m.folders.map((f) => filePathOf(f)).filter((p): p is string => p !== undefined);
        confinement = confinementTo(folders, 'the workspace folders');
        const set: [string, string[]][] = [];
        const previous = new Set(known.keys());
        known.clear();
        for (const folder of folders) {
          for (const path of workspaceFiles(folder)) {
            const uri = pathToFileURL(path).href;
            const text = open.get(key(uri))?.text ?? readForIndex(path, confinement);
            if (text === undefined) continue;
            known.set(key(uri), uri);
            set.push([uri, refsOf(uri, text)]);
          }
        }
        for (const [k, doc] of open.entries()) if (!known.has(k)) set.push([doc.uri, refsOf(doc.uri, doc.text)]);
        const removed = [...previous].filter((k) => !known.has(k));
        const reply: FromIndex = { set, removed, complete: true, ms: performance.now() - started, files: set.length };
        port.postMessage(reply);
        return;
      }
      if (m.kind === 'text') {
        const k = key(m.uri);
        if (m.text !== null) {
          open.set(k, { uri: m.uri, text: m.text });
          known.set(k, m.uri);
          port.postMessage({ set: [[m.uri, refsOf(m.uri, m.text)]], removed: [], complete: true } satisfies FromIndex);
          return;
        }
        open.delete(k);
        const disk = inFolders(m.uri) ? readDisk(m.uri) : undefined;
        if (disk === undefined) {
          known.delete(k);
          port.postMessage({ set: [], removed: [m.uri], complete: true } satisfies FromIndex);
        } else port.postMessage({ set: [[m.uri, refsOf(m.uri, disk)]], removed: [], complete: true } satisfies FromIndex);
        return;
      }
      const set: [string, string[]][] = [];
      const removed: string[] = [];
      for (const uri of m.changed) {
        if (open.has(key(uri)) || !inFolders(uri)) continue;
        const text = readDisk(uri);
        if (text === undefined) {
          known.delete(key(uri));
          removed.push(uri);
        } else {
          known.set(key(uri), uri);
          set.push([uri, refsOf(uri, text)]);
        }
      }
      for (const uri of m.deleted) {
        if (open.has(key(uri))) continue;
        known.delete(key(uri));
        removed.push(uri);
      }
      port.postMessage({ set, removed, complete: true } satisfies FromIndex);
    } catch (e) {
      // A file that breaks the scan must not end the index: what was read stands.
      port.postMessage({ set: [], removed: [], complete: true, error: e instanceof Error ? e.message : String(e) });
    }
  });
}
