import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit } from 'vscode-languageserver';
import type { Analysis } from '../engine';
import type { EditableDocument } from '../edits/format';
import { renderFix } from '../edits/render';
import { diagnosticSource } from '../protocol';
import { diagnosticMatches, type DiagnosticData } from './diagnostics';

export interface CodeActionSources {
  /** The cached analysis of a document (never a new one: the diagnostic came from the cached run). */
  analysisOf(uri: string): Analysis | undefined;
  /** The current text of another file a fix edits (a module, a parameters file). */
  documentOf(uri: string): EditableDocument | undefined;
}

/** Quick fixes for our diagnostics in the request: the fix stored with each finding, rendered inline. */
export function codeActionsFor(params: CodeActionParams, sources: CodeActionSources): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => CodeActionKind.QuickFix === k || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
  const uri = params.textDocument.uri;
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== diagnosticSource) continue;
    const owner = (diagnostic.data as Partial<DiagnosticData> | undefined)?.owner ?? uri;
    const analysis = sources.analysisOf(owner);
    const finding = analysis?.findings.find((f) => f.at.uri === uri && diagnosticMatches(diagnostic, f));
    if (!analysis || !finding?.fix) continue;
    const files = renderFix(finding.fix, (u) => (u === analysis.uri ? analysis.document : sources.documentOf(u)));
    if (!files) continue;
    const changes: Record<string, TextEdit[]> = Object.fromEntries(files);
    actions.push({
      title: finding.fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes },
    });
  }
  return actions;
}
