/**
 * Fix all: the safe fixes of a template applied one after another, each verified by the
 * safety net (safeFixes.ts) against the text as the fixes before it left it, the template
 * analysed again after each, until no fix is left to apply or the bound is reached. The
 * editor's `source.fixAll.aseLint` action and `ase-lint --fix` both use it.
 *
 * One fix per analysis: two fixes verified against the same text could each be safe and
 * together not (two new rules given the same free priority), so the next fix is always
 * chosen and verified on the text the previous one produced.
 *
 * Only findings at error or warning level are fixed: an information or a hint is there to
 * be read (an External ASE that blocks 443 from the Internet may mean it), and a fix that
 * opens traffic is not applied on save without being chosen. Nor is a fix that changes
 * more than the network (`Fix.chosenOnly`: a plan's price tier).
 */
import { analyze, type Analysis } from './analyze';
import type { Host } from '../core/host';
import type { ReportedFinding } from '../core/findings';
import { applyTextEdits } from '../edits/format';
import { fixVerdict } from './safeFixes';

export interface AppliedFix {
  code: string;
  title: string;
  /** The file the finding was reported in. */
  uri: string;
}

export interface FixAllResult {
  /** Each file the fixes changed (the template, a parameters file, a module), as it reads after them. */
  texts: Map<string, string>;
  /** The fixes applied, in order. */
  applied: AppliedFix[];
  /** The analysis of the fixed text (the first one when nothing was fixed). */
  final: Analysis;
  /** True when the bound stopped the run while a fix was still left to apply. */
  bounded: boolean;
}

/** How many fixes one run applies to a template at most. */
export const FIX_ALL_LIMIT = 50;

/** Whether fix-all applies a finding's fix (see the module comment). */
export function fixedByFixAll(finding: ReportedFinding): boolean {
  return finding.fix !== undefined && !finding.fix.chosenOnly && (finding.severity === 'error' || finding.severity === 'warning');
}

/**
 * Applies the safe fixes of `first` (an analysis made with `host`) until the template is
 * stable; other files are read through `host`, as the fixes before have left them.
 */
export function fixAll(first: Analysis, host: Host, limit = FIX_ALL_LIMIT): FixAllResult {
  const texts = new Map<string, string>();
  const fixedHost: Host = {
    readFile: (uri) => texts.get(uri) ?? host.readFile(uri),
    ...(host.whyNot ? { whyNot: (uri: string) => (texts.has(uri) ? undefined : host.whyNot!(uri)) } : {}),
  };
  const applied: AppliedFix[] = [];
  let analysis = first;
  // Fixes refused since the last retry: tried again only after another fix changed the text.
  let refused = new Set<string>();
  let appliedSinceRetry = false;
  while (true) {
    const chosen = nextFix(analysis, fixedHost, refused);
    if (!chosen) {
      if (refused.size > 0 && appliedSinceRetry) {
        refused = new Set();
        appliedSinceRetry = false;
        continue;
      }
      return { texts, applied, final: analysis, bounded: false };
    }
    if (applied.length >= limit) return { texts, applied, final: analysis, bounded: true };
    for (const [uri, edits] of chosen.files) {
      const before = uri === analysis.uri ? analysis.document.text : fixedHost.readFile(uri);
      if (before === undefined) return { texts, applied, final: analysis, bounded: false };
      texts.set(uri, applyTextEdits(before, edits));
    }
    applied.push({ code: chosen.finding.code, title: chosen.title, uri: chosen.finding.at.uri });
    appliedSinceRetry = true;
    // Texts tried (trial): the document's next version finds what its last analysis kept, and `first`, which its holder may still answer from, keeps its syntax tree as it is.
    analysis = analyze(first.uri, texts.get(first.uri) ?? first.document.text, fixedHost, { ...first.options, trial: true });
  }
}

function nextFix(analysis: Analysis, host: Host, refused: Set<string>) {
  for (const finding of analysis.findings) {
    if (!fixedByFixAll(finding)) continue;
    const key = `${finding.code}|${finding.at.uri}|${finding.message}`;
    if (refused.has(key)) continue;
    const verdict = fixVerdict(analysis, finding, host);
    if (verdict && 'offered' in verdict) return { finding, title: verdict.offered.title, files: verdict.offered.files };
    refused.add(key);
  }
  return undefined;
}
