import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type SnippetTextEdit, type TextEdit } from 'vscode-languageserver';
import { directivesOf, type Analysis } from '../engine/analyze';
import { isBicepUri } from '../parse/bicep/document';
import { LineIndex } from '../core/lineIndex';
import { unknownRuleCode, unusedSuppressionCode } from '../engine/suppress/apply';
import type { Directive } from '../engine/suppress/directives';
import { escapeSnippet, suppressLineFix } from '../engine/suppress/edits';
import type { EditableDocument } from '../edits/format';
import { renderFix } from '../edits/render';
import type { ReportedFinding } from '../core/findings';
import type { OfferedFix } from '../engine/safeFixes';
import type { FixAllResult } from '../engine/fixAll';
import { minimalEdit } from '../edits/format';
import { diagnosticSource } from '../query/protocol';
import { diagnosticMatches, type DiagnosticData } from './diagnostics';

export interface CodeActionSources {
  /** The cached analysis of a document (never a new one: the diagnostic came from the cached run). */
  analysisOf(uri: string): Analysis | undefined;
  /** The current text of another file a fix edits (a module, a parameters file). */
  documentOf(uri: string): EditableDocument | undefined;
  /** The finding's fix as the engine offers it: rendered and verified (safeFixes.ts), or undefined. */
  offerFix(analysis: Analysis, finding: ReportedFinding): OfferedFix | undefined;
  /** The client applies snippet edits (LSP 3.18 `workspaceEdit.snippetEditSupport`): names and reasons to choose become placeholders. */
  snippets?: boolean;
}

/**
 * Quick fixes for our diagnostics in the request: the fix stored with each finding, as
 * the engine offers it (verified against the fixed text, so only for the diagnostics
 * the request names), inline and preferred, then "Suppress ASExxx on this line".
 */
export function codeActionsFor(params: CodeActionParams, sources: CodeActionSources): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => CodeActionKind.QuickFix === k || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
  const uri = params.textDocument.uri;
  const actions: CodeAction[] = [];
  // The text, lines and directives of the document, read once per request (per analysis that reported into it).
  const suppressionContexts = new Map<Analysis, { text: string; lines: LineIndex; directives: Directive[] } | undefined>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== diagnosticSource) continue;
    const owner = (diagnostic.data as Partial<DiagnosticData> | undefined)?.owner ?? uri;
    const analysis = sources.analysisOf(owner);
    const finding = analysis?.findings.find((f) => f.at.uri === uri && diagnosticMatches(diagnostic, f));
    if (!analysis || !finding) continue;
    const documentOf = (u: string) => (u === analysis.uri ? analysis.document : sources.documentOf(u));
    const fix = finding.fix && sources.offerFix(analysis, finding);
    if (fix) actions.push(action(fix.title, diagnostic, fix.files, true, sources.snippets ? snippetEdits(fix.files, fix.placeholders, documentOf) : undefined));
    // Every rule's finding can be suppressed where it is reported; notes about suppressions cannot.
    if (finding.code === unusedSuppressionCode || finding.code === unknownRuleCode) continue;
    if (!suppressionContexts.has(analysis)) {
      const doc = documentOf(uri);
      const host = { readFile: (u: string) => documentOf(u)?.text };
      suppressionContexts.set(analysis, doc && { text: doc.text, lines: new LineIndex(doc.text), directives: directivesOf(analysis.document, uri, host) ?? [] });
    }
    const context = suppressionContexts.get(analysis);
    if (!context) continue;
    const suppress = suppressLineFix(finding, context.text, context.lines, context.directives, isBicepUri(uri));
    const edits = suppress && renderFix(suppress, documentOf);
    const snippet = sources.snippets ? suppress?.textEdits?.find((e) => e.snippet !== undefined) : undefined;
    const asSnippets = snippet && snippet.uri === uri ? new Map([[uri, [{ range: snippet.range, snippet: { kind: 'snippet' as const, value: snippet.snippet! } }]]]) : undefined;
    if (suppress && edits) actions.push(action(suppress.title, diagnostic, edits.files, false, asSnippets));
  }
  return actions;
}

function action(title: string, diagnostic: Diagnostic, files: Map<string, TextEdit[]>, isPreferred: boolean, snippets?: Map<string, (TextEdit | SnippetTextEdit)[]>): CodeAction {
  const base = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], ...(isPreferred ? { isPreferred } : {}) };
  if (snippets) {
    // Snippet edits travel in documentChanges; files without a placeholder keep their plain edits.
    const documentChanges = [...files].map(([uri, edits]) => ({ textDocument: { uri, version: null }, edits: snippets.get(uri) ?? edits }));
    return { ...base, edit: { documentChanges } };
  }
  return { ...base, edit: { changes: Object.fromEntries(files) } };
}

/**
 * The edits of files where the fix writes a string to choose (a new rule's name), each
 * first occurrence of one made a tab stop (`${1:Allow-Sql-Outbound}`); undefined when
 * there is none.
 */
function snippetEdits(
  files: Map<string, TextEdit[]>,
  placeholders: Map<string, string[]> | undefined,
  documentOf: (uri: string) => EditableDocument | undefined,
): Map<string, (TextEdit | SnippetTextEdit)[]> | undefined {
  if (!placeholders) return undefined;
  const out = new Map<string, (TextEdit | SnippetTextEdit)[]>();
  let stop = 1;
  for (const [uri, edits] of files) {
    const wanted = placeholders.get(uri);
    const doc = documentOf(uri);
    if (!wanted || !doc) continue;
    const lines = new LineIndex(doc.text);
    out.set(
      uri,
      edits.map((plain) => {
        // A minimal edit may start inside the name (its first letters unchanged): from the start of the line, the whole name is in it.
        const start = { line: plain.range.start.line, character: 0 };
        const e = { range: { start, end: plain.range.end }, newText: doc.text.slice(lines.offsetAt(start), lines.offsetAt(plain.range.start)) + plain.newText };
        let value = escapeSnippet(e.newText);
        let found = false;
        for (const text of wanted) {
          const escaped = escapeSnippet(text);
          const at = value.indexOf(escaped);
          if (at < 0) continue;
          value = `${value.slice(0, at)}\${${stop++}:${escaped}}${value.slice(at + escaped.length)}`;
          found = true;
        }
        return found ? { range: e.range, snippet: { kind: 'snippet', value } } : plain;
      }),
    );
  }
  return out.size > 0 ? out : undefined;
}

/** The kind of the action that applies every safe fix of a template (`editor.codeActionsOnSave` names it). */
export const fixAllKind = `${CodeActionKind.SourceFixAll}.aseLint`;

/** Whether a request for these kinds asks for the fix-all action (`source`, `source.fixAll` or ours). */
export function wantsFixAll(only: readonly string[] | undefined): boolean {
  return only !== undefined && only.some((k) => k === fixAllKind || fixAllKind.startsWith(`${k}.`));
}

/**
 * The fix-all action: every file the fixes changed, as one edit each (the original texts
 * from `documentOf`); undefined when there is nothing to fix.
 */
export function fixAllAction(result: FixAllResult, documentOf: (uri: string) => EditableDocument | undefined): CodeAction | undefined {
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, text] of result.texts) {
    const doc = documentOf(uri);
    if (!doc) return undefined;
    if (doc.text !== text) changes[uri] = [minimalEdit(doc, text)];
  }
  if (Object.keys(changes).length === 0) return undefined;
  const n = result.applied.length;
  return { title: `Fix all ASE findings that have a safe fix (${n} ${n === 1 ? 'fix' : 'fixes'})`, kind: fixAllKind, edit: { changes } };
}

/**
 * The actions of several diagnostics as one list: an action that another already offers
 * — the same title, kind and edit, such as "Suppress ASE206 on this line" for two
 * findings of one rule on one line — is listed once, for all their diagnostics.
 */
export function withoutDuplicates(actions: readonly CodeAction[]): CodeAction[] {
  const out: CodeAction[] = [];
  const seen = new Map<string, CodeAction>();
  for (const a of actions) {
    const key = JSON.stringify([a.title, a.kind, a.edit ?? null, a.command ?? null]);
    const first = seen.get(key);
    if (!first) {
      const copy = { ...a, ...(a.diagnostics ? { diagnostics: [...a.diagnostics] } : {}) };
      seen.set(key, copy);
      out.push(copy);
      continue;
    }
    for (const d of a.diagnostics ?? []) if (!first.diagnostics?.includes(d)) (first.diagnostics ??= []).push(d);
  }
  return out;
}
