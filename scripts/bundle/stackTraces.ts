// Stack traces of the minified Node bundles (language server and command line) in
// source terms. scripts/bundle/bundles.mjs injects this module at the top of each of
// them; it runs once per thread that loads the bundle (the server's engine workers
// load it too) and never in the extension host, whose client bundle does not get it.
//
// Node maps frames itself under --enable-source-maps, but only for code compiled after
// the flag took effect: a bundle cannot turn it on for itself, and the command line is
// started through `npx`, pre-commit or a shebang, with no flags. So the frames are
// mapped here, when a stack is formatted: the map is read the first time a frame of
// this bundle is printed (an internal failure), never at start-up.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundle this module was compiled into: the file whose frames the map describes. */
const bundleFile = __filename;

/** The original lines and columns of the bundle's code. */
let sourceMap: SourceMap | null | undefined;

function mapOfBundle(): SourceMap | null {
  if (sourceMap === undefined) {
    try {
      sourceMap = new SourceMap(JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')));
    } catch {
      // No map beside the bundle (or an unreadable one): frames are printed as they are.
      sourceMap = null;
    }
  }
  return sourceMap;
}

/**
 * V8's text for the frame, with the bundle's line and column replaced by the original
 * file's (`at EngineState.analysisFor (/…/server/src/lsp/worker/engineState.ts:73:36)`).
 * The bundles keep their identifiers, so the names V8 prints are already the source's.
 */
function formatFrame(frame: NodeJS.CallSite): string {
  const text = String(frame);
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  if (frame.getFileName() !== bundleFile || line === null || column === null) return text;
  const map = mapOfBundle();
  const entry = map?.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
  if (!entry?.originalSource) return text;
  const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : resolve(dirname(bundleFile), entry.originalSource);
  const generated = `${bundleFile}:${line}:${column}`;
  const at = text.lastIndexOf(generated);
  if (at < 0) return text;
  return `${text.slice(0, at)}${source}:${(entry.originalLine ?? 0) + 1}:${(entry.originalColumn ?? 0) + 1}${text.slice(at + generated.length)}`;
}

function prepareStackTrace(error: Error, frames: NodeJS.CallSite[]): string {
  let header: string;
  try {
    header = Error.prototype.toString.call(error);
  } catch {
    header = '<error>';
  }
  try {
    return header + frames.map((f) => `\n    at ${formatFrame(f)}`).join('');
  } catch {
    // Whatever went wrong, the stack must still be printed.
    return header + frames.map((f) => `\n    at ${String(f)}`).join('');
  }
}

// Under --enable-source-maps Node maps the bundle itself. Otherwise this formatter takes
// the place of Node's default one (the bundle is the program: nothing else has set one).
if (!(process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) Error.prepareStackTrace = prepareStackTrace;
