import { relative, isAbsolute, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Artifact, ArtifactLocation, Region } from 'sarif';
import type { Range } from '../core/nodeRef';

/**
 * The base the artifact URIs are relative to: the working directory, which in a
 * pipeline is the checkout. Code-scanning services resolve `%SRCROOT%` against the
 * repository, so results land on the right file without the runner's absolute path.
 */
const sourceRootId = '%SRCROOT%';

/** `run.originalUriBaseIds`: where `%SRCROOT%` was on the machine that ran the tool. */
export function originalUriBaseIds(cwd: string): Record<string, ArtifactLocation> {
  const href = pathToFileURL(cwd).href;
  // SARIF requires the base URI to end with a slash, or relative URIs resolve against its parent.
  return { [sourceRootId]: { uri: href.endsWith('/') ? href : `${href}/` } };
}

/**
 * `run.artifacts`, built as locations are asked for: each file gets one entry, and every
 * location refers to it by index.
 */
export interface ArtifactTable {
  locate(uri: string): ArtifactLocation;
  /** Marks a file as one the tool was asked to analyse. */
  addTarget(uri: string): void;
  artifacts(): Artifact[];
}

export function createArtifactTable(cwd: string): ArtifactTable {
  const entries: Artifact[] = [];
  const indexOf = new Map<string, number>();
  const entry = (uri: string): number => {
    let index = indexOf.get(uri);
    if (index === undefined) {
      index = entries.length;
      indexOf.set(uri, index);
      entries.push({ location: relativeLocation(uri, cwd) });
    }
    return index;
  };
  return {
    locate(uri) {
      return { ...relativeLocation(uri, cwd), index: entry(uri) };
    },
    addTarget(uri) {
      entries[entry(uri)].roles = ['analysisTarget'];
    },
    artifacts() {
      return entries.map((e) => ({ ...e }));
    },
  };
}

/** A file under the working directory as a relative URI on `%SRCROOT%`; anything else as it is. */
function relativeLocation(uri: string, cwd: string): ArtifactLocation {
  let path: string;
  try {
    path = fileURLToPath(uri);
  } catch {
    return { uri };
  }
  const rel = relative(cwd, path);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return { uri };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: sourceRootId };
}

/**
 * SARIF regions are 1-based; columns count UTF-16 code units (`run.columnKind`), the
 * same unit as the zero-based LSP positions the engine produces, so only the base moves.
 * `endColumn` is the column after the last character, as LSP's exclusive end is.
 */
export function sarifRegion(range: Range): Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}
