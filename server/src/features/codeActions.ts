import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit } from 'vscode-languageserver';
import type { Analysis } from '../engine';
import { renderChanges } from '../edits/arm';
import type { ArmDocument } from '../parse/arm';
import { diagnosticSource } from '../protocol';
import type { Change, Fix } from '../rules/types';
import { diagnosticMatches, type DiagnosticData } from './diagnostics';

export interface CodeActionSources {
  /** The cached analysis of a document (never a new one: the diagnostic came from the cached run). */
  analysisOf(uri: string): Analysis | undefined;
  /** Another file a fix edits (a parameter file, a nested template), parsed for the renderer. */
  documentOf(uri: string): ArmDocument | undefined;
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
    const changes = renderFix(analysis, finding.fix, sources);
    if (!changes) continue;
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

/** All of the fix's edits, grouped by file; undefined when any part cannot be rendered (a partial fix is worse than none). */
function renderFix(analysis: Analysis, fix: Fix, sources: CodeActionSources): Record<string, TextEdit[]> | undefined {
  const byUri = new Map<string, Change[]>();
  for (const c of fix.changes) byUri.set(c.target.uri, [...(byUri.get(c.target.uri) ?? []), c]);
  const out: Record<string, TextEdit[]> = {};
  for (const [uri, changes] of byUri) {
    const doc = uri === analysis.uri ? analysis.document : sources.documentOf(uri);
    // The ARM renderer reads JSON: a Bicep file's fixes wait for the Bicep renderer.
    if (doc && 'language' in doc && doc.language === 'bicep') return undefined;
    const edits = doc && renderChanges(doc, changes);
    if (!edits) return undefined;
    out[uri] = edits;
  }
  return byUri.size > 0 ? out : undefined;
}
