import type { BicepFile } from './ast';
import { BicepParses } from './reuse';

/** A parsed `.bicep` or `.bicepparam` file, as the engine hands it to features. */
export interface BicepDocument {
  language: 'bicep';
  uri: string;
  text: string;
  file: BicepFile;
  /** True for a `.bicep` template; a `.bicepparam` file only supplies values to one. */
  isTemplate: boolean;
}

export function isBicepUri(uri: string): boolean {
  return /\.bicep$/i.test(pathOf(uri));
}

export function isBicepParamsUri(uri: string): boolean {
  return /\.bicepparam$/i.test(pathOf(uri));
}

/**
 * The last parse of each document, so the next version parses again only the
 * declarations its edit reaches (see reuse.ts): at most 8 documents and 32 M characters
 * of text, the least recently parsed forgotten first.
 */
const parses = new BicepParses();

/**
 * `keep` false: the parse takes what the document's last parse kept and keeps nothing for
 * the next (a fix's text tried, see AnalyzeOptions.trial). `move` (with `keep`): the
 * declarations after a length-changing edit are taken from the last parse and moved in
 * place (see reparseBicep), so that parse's tree no longer fits its text: only for the
 * document's own next version, whose analysis supersedes the last one.
 */
export function parseBicepDocument(uri: string, text: string, keep = true, move = false): BicepDocument {
  const file = parses.parse(uri, text, keep, move);
  return { language: 'bicep', uri, text, file, isTemplate: isBicepUri(uri) && !file.isParamsFile };
}

/**
 * The parse of a document for a holder that keeps it beyond the next version (a cache by
 * content): a later version of the document never moves its declarations in place (see
 * reparseBicep), so its offsets stay those of its text.
 */
export function parseBicepDocumentHeld(uri: string, text: string): BicepDocument {
  const file = parses.parse(uri, text, true, false);
  parses.pin(file);
  return { language: 'bicep', uri, text, file, isTemplate: isBicepUri(uri) && !file.isParamsFile };
}

/** Forgets the kept parses: the next parse of every document starts from nothing. */
export function forgetBicepParses(): void {
  parses.clear();
}

/** Forgets the parse kept of one document (it was closed). */
export function forgetBicepParseOf(uri: string): void {
  parses.forget(uri);
}

/** Whether a parse of the document is kept for its next version. */
export function keepsBicepParseOf(uri: string): boolean {
  return parses.has(uri);
}

/** Whether parses are kept for the next version of a document (off: each parse starts from nothing and nothing is kept). */
export function keepBicepParses(on: boolean): void {
  parses.enabled = on;
  if (!on) parses.clear();
}

/** The uri without query or fragment, so `main.bicep?x` still reads as Bicep. */
function pathOf(uri: string): string {
  return uri.replace(/[?#].*$/, '');
}
