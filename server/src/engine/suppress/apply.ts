import { comparePositions, type Range } from '../../core/nodeRef';
import type { NetworkModel } from '../../model/types';
import { silencedRules } from '../../rules/unverified';
import type { Rule } from '../../rules/types';
import type { ReportedFinding, Severity } from '../../core/findings';
import type { LineIndex } from '../../core/lineIndex';
import type { Directive, DirectiveCode } from './directives';
import { removeSuppressionFix } from './edits';

/** The code of the note about a suppression that suppresses nothing (not a catalogue rule). */
export const unusedSuppressionCode = 'unused-suppression';
/** The code of the note about a suppression naming a rule that does not exist. */
export const unknownRuleCode = 'unknown-rule';

export interface SuppressedFinding {
  finding: ReportedFinding;
  /** The comment or pragma that suppressed it, and its reason when one was written. */
  directive: Directive;
  uri: string;
}

export interface SuppressionResult {
  findings: ReportedFinding[];
  suppressed: SuppressedFinding[];
  /** Unused suppressions and unknown rule names in the analysed document's own directives. */
  notes: ReportedFinding[];
}

export interface SuppressionInput {
  findings: readonly ReportedFinding[];
  /** The analysed document: only its own directives are judged for use. */
  uri: string;
  text: string;
  /** The document's line index, built only when a note needs a fix (most analyses have no directive). */
  lines(): LineIndex;
  /** The directives of a file findings are reported in (undefined when its text is not available). */
  directivesOf(uri: string): readonly Directive[] | undefined;
  rules: readonly Rule[];
  model: NetworkModel | undefined;
  /** Severity of the notes about unused suppressions (unknown rules are always warnings); `off` drops them. */
  unusedLevel: Severity | 'off';
  /** Rules turned off by configuration: a suppression of them is not judged. */
  offRules: ReadonlySet<string>;
}

/** Drops the findings that a directive in their own file suppresses, and judges the analysed document's directives. */
export function applySuppressions(input: SuppressionInput): SuppressionResult {
  const resolve = codeResolver(input.rules);
  const used = new Map<Directive, Set<string>>();
  const findings: ReportedFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const cache = new Map<string, readonly Directive[]>();
  const directivesIn = (uri: string): readonly Directive[] => {
    let list = cache.get(uri);
    if (!list) cache.set(uri, (list = input.directivesOf(uri) ?? []));
    return list;
  };
  for (const f of input.findings) {
    const directive = suppressing(directivesIn(f.at.uri), f, resolve);
    if (!directive) {
      findings.push(f);
      continue;
    }
    suppressed.push({ finding: f, directive, uri: f.at.uri });
    const set = used.get(directive) ?? new Set<string>();
    set.add(f.code);
    used.set(directive, set);
  }
  const notes = judge(directivesIn(input.uri), used, resolve, input);
  return { findings, suppressed, notes };
}

type Resolve = (written: string) => string | undefined;

function codeResolver(rules: readonly Rule[]): Resolve {
  const byKey = new Map<string, string>();
  for (const r of rules) {
    byKey.set(r.code.toLowerCase(), r.code);
    byKey.set(r.name.toLowerCase(), r.code);
  }
  return (written) => byKey.get(written.toLowerCase());
}

/** A comment without codes covers every rule; a pragma covers only the codes it names (the rest are Bicep's own). */
function covers(d: Directive, code: string, resolve: Resolve): boolean {
  if (d.codes.length === 0) return d.form === 'comment';
  return d.codes.some((c) => resolve(c.text) === code);
}

function before(d: Directive, at: Range['start']): boolean {
  return comparePositions(d.range.start, at) <= 0;
}

/** The directive that suppresses `f`: one for its line, else the last `disable` before it not closed by an `enable`. */
function suppressing(directives: readonly Directive[], f: ReportedFinding, resolve: Resolve): Directive | undefined {
  if (directives.length === 0) return undefined;
  const start = f.at.range.start;
  for (const d of directives) {
    if ((d.kind === 'next-line' || d.kind === 'line') && d.line === start.line && covers(d, f.code, resolve)) return d;
  }
  let active: Directive | undefined;
  for (const d of directives) {
    if (!before(d, start)) break;
    if (d.kind === 'disable' && covers(d, f.code, resolve)) active = d;
    else if (d.kind === 'enable' && covers(d, f.code, resolve)) active = undefined;
  }
  return active;
}

/**
 * Notes on the analysed document's directives: a rule name that is no rule (the
 * suppression silently does nothing otherwise), and a suppression that suppressed
 * nothing — only where that is certain: the rule is on, it has something to check in
 * this model (an ASE of a version it applies to, or apps), and no unresolved value
 * may have silenced it. A module analysed on its own, without its caller's values,
 * therefore reports nothing unused.
 */
function judge(
  directives: readonly Directive[],
  used: ReadonlyMap<Directive, ReadonlySet<string>>,
  resolve: Resolve,
  input: SuppressionInput,
): ReportedFinding[] {
  const notes: ReportedFinding[] = [];
  if (directives.length === 0) return notes;
  const model = input.model;
  const silenced = model ? silencedRules(model, input.rules) : 'all';
  const judgeable = (code: string): boolean => {
    if (!model || silenced === 'all' || silenced.has(code) || input.offRules.has(code)) return false;
    const rule = input.rules.find((r) => r.code === code);
    if (!rule) return false;
    if (rule.appliesTo === 'any') return model.ases.length > 0 || model.sites.length > 0 || model.gateways.length > 0;
    return model.ases.some((a) => typeof a.version === 'string' && (rule.appliesTo as string[]).includes(a.version));
  };
  for (const d of directives) {
    if (d.kind === 'enable') continue;
    const unknown = d.codes.filter((c) => !resolve(c.text) && (d.form === 'comment' || /^ASE\d{3}$/i.test(c.text)));
    for (const c of unknown) {
      notes.push(note(input.uri, unknownRuleCode, 'warning', c.range, `'${c.text}' is not an ase-lint rule, so this suppression does nothing for it.`));
    }
    if (input.unusedLevel === 'off') continue;
    const usedCodes = used.get(d);
    if (d.codes.length === 0) {
      // Every rule: certain only when nothing was left unresolved and there is an ASE to check.
      if (d.form === 'comment' && !usedCodes && model && silenced !== 'all' && silenced.size === 0 && model.ases.length > 0) {
        const n = note(input.uri, unusedSuppressionCode, input.unusedLevel, d.range, `Unused suppression: no finding ${where(d)}.`);
        n.fix = removeSuppressionFix(input.uri, input.text, input.lines(), d, [], true);
        notes.push(n);
      }
      continue;
    }
    const ours = d.codes.map((c) => ({ c, code: resolve(c.text) })).filter((x): x is { c: DirectiveCode; code: string } => !!x.code);
    const unused = ours.filter((x) => !usedCodes?.has(x.code) && judgeable(x.code));
    if (unused.length === 0) continue;
    const names = unused.map((x) => x.code).join(', ');
    const range = unused.length === 1 ? unused[0].c.range : d.range;
    const n = note(input.uri, unusedSuppressionCode, input.unusedLevel, range, `Unused suppression: no ${names} finding ${where(d)}.`);
    // The whole directive goes when nothing in it still counts: no used code, no unknown one, none of Bicep's own.
    const whole = unused.length === d.codes.length;
    n.fix = removeSuppressionFix(input.uri, input.text, input.lines(), d, unused.map((x) => x.c), whole);
    notes.push(n);
  }
  return notes;
}

function where(d: Directive): string {
  switch (d.kind) {
    case 'next-line':
      return 'on the next line';
    case 'line':
      return 'on this line';
    default:
      return 'in the lines it covers';
  }
}

function note(uri: string, code: string, severity: Severity, range: Range, message: string): ReportedFinding {
  return { code, name: code, severity, message, at: { uri, range } };
}
