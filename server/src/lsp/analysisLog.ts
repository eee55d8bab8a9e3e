import { filePathOf, safeDecode } from '../core/uris';
import type { AnalysisRun } from './worker/messages';

/**
 * The Output channel's line for one analysis: which file, how long it took, what it
 * found and where its parameter values came from, e.g.
 * `analysed infra/main.bicep in 42 ms: 3 findings, 1 note; parameters from infra/main.bicepparam`.
 */
export function analysisLine(run: AnalysisRun, workspaceFolders: readonly string[]): string {
  const file = displayPath(run.uri, workspaceFolders);
  const ms = run.ms < 10 ? run.ms.toFixed(1) : String(Math.round(run.ms));
  if (!run.isTemplate) return `analysed ${file} in ${ms} ms: not a deployment template`;
  const found = [`${run.findings} ${run.findings === 1 ? 'finding' : 'findings'}`, ...(run.notes > 0 ? [`${run.notes} ${run.notes === 1 ? 'note' : 'notes'} on what could not be verified`] : [])];
  const params = run.parametersUri ? `parameters from ${displayPath(run.parametersUri, workspaceFolders)}` : 'no parameters file';
  const through = run.through ? `; through ${run.through.map((u) => displayPath(u, workspaceFolders)).join(', ')}` : '';
  return `analysed ${file} in ${ms} ms: ${found.join(', ')}; ${params}${through}`;
}

/** A file URI as a path relative to the workspace folder that holds it, else as a path; other URIs as they are. */
function displayPath(uri: string, workspaceFolders: readonly string[]): string {
  for (const folder of workspaceFolders) {
    const base = folder.endsWith('/') ? folder : `${folder}/`;
    if (uri.startsWith(base)) return safeDecode(uri.slice(base.length));
  }
  return filePathOf(uri) ?? uri;
}
