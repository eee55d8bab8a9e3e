import { parseBicep, type BicepFile } from './index';

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

export function parseBicepDocument(uri: string, text: string): BicepDocument {
  const file = parseBicep(text);
  return { language: 'bicep', uri, text, file, isTemplate: isBicepUri(uri) && !file.isParamsFile };
}

/** The uri without query or fragment, so `main.bicep?x` still reads as Bicep. */
function pathOf(uri: string): string {
  return uri.replace(/[?#].*$/, '');
}
