/**
 * The fixes the engine offers, and the safety net under them. Every front end (code
 * actions, the explain panel, SARIF fixes in the CLI) asks here, never renders a fix
 * itself: a fix is rendered, the fixed files are analysed again as they would be after
 * the edit, and the fix is offered only when
 *
 * - every file it edits still parses as well as before, and the analysis still succeeds;
 * - it introduces no new error or warning: findings are compared by rule, file and
 *   message (their ranges move with the edit), and a finding whose message changed
 *   (a count, a prefix in it) is paired with one of the same rule in the same file
 *   before it counts as new; the finding being fixed must be gone;
 * - it widens no NSG beyond the flows it is for (`Fix.opens`): every security rule it
 *   adds or rewrites, in every NSG of the fixed model, may admit — within the subnets the
 *   NSG guards — only packets of those flows (or ones the rule admitted before, at the
 *   same priority); every deny rule it removes or rewrites may stop denying only such
 *   packets; and no subnet loses its NSG;
 * - it writes no priority Azure refuses: no rule of an NSG ends up with a priority outside
 *   the accepted range or one another rule of its direction has (the check of ASE108),
 *   whatever the findings say (a duplicate already reported would otherwise hide a new one).
 *
 * This costs about one analysis per fix, so it runs only where fixes are offered: for the
 * diagnostics a code-action request names (the explain panel's button asks for the same
 * quick fix; drawing the panel only renders titles, see `fixTitle`), and in the CLI for
 * a bounded number of findings per file (see `FixOffers`). Verdicts are kept per
 * analysis, so asking again for the same version costs nothing.
 */
import { analyze, parseDocument, type AnalysedDocument, type Analysis } from './analyze';
import { type Host } from '../core/host';
import { renderFix, type RenderedFix } from '../edits/render';
import { applyTextEdits, type EditableDocument, type TextEdit } from '../edits/format';
import { SourceTexts, writtenText } from '../edits/sourceTexts';
import type { NetworkModel, NetworkSecurityGroup, SecurityRule, Subnet } from '../model/types';
import { isSymbolicValue, isUnknown, unknown, type Symbolic } from '../core/value';
import { ipSet, symSet } from '../ip/addressSet';
import { onlyNames } from '../ip/nameSet';
import { parseCidr, type IpRange } from '../ip/cidr';
import type { Flow } from '../core/flow';
import { admittedBeyond, nsgAdmitsBeyond, type GuardedSubnet } from '../net/widening';
import { nsgContextOf } from '../rules/support/aseSite';
import { priorityConflicts, type PriorityConflict } from '../rules/support/priorities';
import type { ReportedFinding } from '../core/findings';

export interface OfferedFix {
  title: string;
  /** Edits by file URI. */
  files: Map<string, TextEdit[]>;
  /** By file: strings the edits write that a person may want to choose (a new rule's name), for editors that take snippets. */
  placeholders?: Map<string, string[]>;
}

export type FixVerdict = { offered: OfferedFix } | { refused: string };

const verdicts = new WeakMap<Analysis, Map<ReportedFinding, FixVerdict>>();

/** The fix of `finding` as offered (rendered and verified), or undefined when it has none or it is refused. Reads other files through `host`. */
export function offerFix(analysis: Analysis, finding: ReportedFinding, host: Host): OfferedFix | undefined {
  const verdict = fixVerdict(analysis, finding, host);
  return verdict && 'offered' in verdict ? verdict.offered : undefined;
}

/**
 * The title the fix of `finding` is offered under, without verifying it (for a list that
 * is drawn again after every change, where the fix itself is asked for only when chosen);
 * undefined when it cannot be written, or a verdict made already refused it.
 */
export function fixTitle(analysis: Analysis, finding: ReportedFinding, host: Host): string | undefined {
  if (!finding.fix) return undefined;
  const known = verdicts.get(analysis)?.get(finding);
  if (known) return 'offered' in known ? known.offered.title : undefined;
  const model = analysis.model;
  try {
    return renderFix(finding.fix, documentReader(analysis, host), model ? { root: analysis.uri, sources: model.parameterSources } : undefined)?.title;
  } catch {
    return undefined;
  }
}

/** Why the fix of `finding` is offered or refused; undefined when the finding has no fix. Kept per analysis. */
export function fixVerdict(analysis: Analysis, finding: ReportedFinding, host: Host): FixVerdict | undefined {
  if (!finding.fix) return undefined;
  let byFinding = verdicts.get(analysis);
  if (!byFinding) verdicts.set(analysis, (byFinding = new Map()));
  let verdict = byFinding.get(finding);
  if (!verdict) {
    try {
      verdict = verify(analysis, finding, host);
    } catch (e) {
      // A fix that cannot be checked is not offered; the rest of the request goes on.
      verdict = { refused: `the fix could not be checked: ${e instanceof Error ? e.message : String(e)}` };
    }
    byFinding.set(finding, verdict);
  }
  return verdict;
}

/**
 * Fixes for the findings of one analysis, in the CLI: at most `limit` are verified (each
 * costs an analysis); the findings beyond get no fix, and `skipped` counts them so the
 * report can say so. A fix is never offered unverified.
 */
export class FixOffers {
  private verified = 0;
  skipped = 0;

  constructor(
    private readonly analysis: Analysis,
    private readonly host: Host,
    private readonly limit: number,
  ) {}

  offer(finding: ReportedFinding): OfferedFix | undefined {
    if (!finding.fix) return undefined;
    if (this.verified >= this.limit) {
      this.skipped++;
      return undefined;
    }
    this.verified++;
    return offerFix(this.analysis, finding, this.host);
  }
}

/** How many fixes the CLI verifies per analysed file, at most. */
export const CLI_FIX_LIMIT = 50;

/**
 * Characters the CLI analyses again, at most, to verify the fixes of one file: each
 * verification analyses the whole fixed file, so a large file gets fewer (50 up to
 * 1.3 MB; 6 for 10 MB, where 50 took over a minute and 2.6 GB of memory).
 */
const CLI_VERIFIED_CHARS = 64 * 2 ** 20;

/** How many fixes the CLI verifies for a file of `length` characters: CLI_FIX_LIMIT, fewer for a large file, at least one. */
export function cliFixLimit(length: number): number {
  return Math.max(1, Math.min(CLI_FIX_LIMIT, Math.floor(CLI_VERIFIED_CHARS / Math.max(1, length))));
}

function documentReader(analysis: Analysis, host: Host): (uri: string) => EditableDocument | undefined {
  return (uri) => {
    if (uri === analysis.uri) return analysis.document;
    let text: string | undefined;
    try {
      text = host.readFile(uri);
    } catch {
      text = undefined;
    }
    return typeof text === 'string' ? { uri, text } : undefined;
  };
}

function verify(analysis: Analysis, finding: ReportedFinding, host: Host): FixVerdict {
  const fix = finding.fix!;
  const documentOf = documentReader(analysis, host);
  const model = analysis.model;
  const rendered: RenderedFix | undefined = renderFix(fix, documentOf, model ? { root: analysis.uri, sources: model.parameterSources } : undefined);
  if (!rendered) return { refused: 'the fix cannot be written in the file as it is' };

  const fixedTexts = new Map<string, string>();
  for (const [uri, edits] of rendered.files) {
    const doc = documentOf(uri);
    if (!doc) return { refused: `${uri} cannot be read` };
    const fixed = (fix.textEdits ?? []).some((e) => e.uri === uri) ? applyTextEdits(doc.text, edits) : rendered.texts.get(uri);
    if (fixed === undefined) return { refused: `${uri} cannot be read` };
    // The analysed document is parsed by the analysis below; other files here.
    if (uri !== analysis.uri && syntaxErrors(uri, fixed) > syntaxErrors(uri, doc.text)) return { refused: `the fixed ${uri} does not parse` };
    fixedTexts.set(uri, fixed);
  }
  const fixedHost: Host = {
    readFile: (uri) => fixedTexts.get(uri) ?? host.readFile(uri),
    ...(host.whyNot ? { whyNot: (uri: string) => host.whyNot!(uri) } : {}),
  };
  const after = analyze(analysis.uri, fixedTexts.get(analysis.uri) ?? analysis.document.text, fixedHost, { ...analysis.options, trial: true });
  if (after.failures.length > analysis.failures.length || (model && !after.model)) return { refused: 'the fixed template cannot be analysed' };
  if (syntaxErrorsOf(after.document) > syntaxErrorsOf(analysis.document)) return { refused: `the fixed ${analysis.uri} does not parse` };

  if (after.model) {
    const taken = newPriorityConflict(model, after.model);
    if (taken) return { refused: taken };
  }
  const added = newFindings(analysis.findings, after.findings, finding);
  if (added.length > 0) return { refused: `the fix introduces ${added.map((f) => `${f.code} (${f.message})`).join('; ')}` };
  if (model && after.model) {
    const before = new SourceTexts({ documentOf, root: analysis.uri, sources: model.parameterSources });
    const fixedOf = (uri: string) => {
      // The fixed analysed document as the analysis parsed it (its tree or Bicep file, not parsed again).
      if (uri === analysis.uri && after.document.text === fixedTexts.get(uri)) return after.document;
      const t = fixedTexts.get(uri);
      return t !== undefined ? { uri, text: t } : documentOf(uri);
    };
    const afterTexts = new SourceTexts({ documentOf: fixedOf, root: analysis.uri, sources: after.model.parameterSources });
    const widened = widening(model, after.model, fix.opens ?? [], before, afterTexts);
    if (widened) return { refused: widened };
  }
  // Kept per analysis: the edits only, not the fixed texts.
  return { offered: { title: rendered.title, files: rendered.files, ...(rendered.placeholders.size > 0 ? { placeholders: rendered.placeholders } : {}) } };
}

function syntaxErrors(uri: string, text: string): number {
  return syntaxErrorsOf(parseDocument(uri, text, false));
}

function syntaxErrorsOf(doc: AnalysedDocument): number {
  return doc.language === 'bicep' ? doc.file.diagnostics.length : doc.errors.length;
}

// New findings ------------------------------------------------------------------------

function counts(f: ReportedFinding): boolean {
  return f.severity === 'error' || f.severity === 'warning';
}

/** The errors and warnings of `after` that `before` does not have (see the module comment for how they are paired). */
function newFindings(before: readonly ReportedFinding[], after: readonly ReportedFinding[], fixed: ReportedFinding): ReportedFinding[] {
  const exact = (f: ReportedFinding) => `${f.code}|${f.at.uri}|${f.message}`;
  const loose = (f: ReportedFinding) => `${f.code}|${f.at.uri}`;
  const left = new Map<string, ReportedFinding[]>();
  for (const f of before) {
    if (f === fixed || !counts(f)) continue;
    left.set(exact(f), [...(left.get(exact(f)) ?? []), f]);
  }
  const unmatched: ReportedFinding[] = [];
  for (const f of after) {
    if (!counts(f)) continue;
    const same = left.get(exact(f));
    if (same && same.length > 0) same.pop();
    else unmatched.push(f);
  }
  const changed = new Map<string, number>();
  for (const list of left.values()) for (const f of list) changed.set(loose(f), (changed.get(loose(f)) ?? 0) + 1);
  return unmatched.filter((f) => {
    const n = changed.get(loose(f)) ?? 0;
    if (n === 0) return true;
    changed.set(loose(f), n - 1);
    return false;
  });
}

// Priorities --------------------------------------------------------------------------

/** A rule of the fixed model whose priority Azure refuses and that was not so before the fix. */
function newPriorityConflict(before: NetworkModel | undefined, after: NetworkModel): string | undefined {
  const key = (nsg: NetworkSecurityGroup, c: PriorityConflict) => `${nsg.key}|${label(c.rule.name)}|${c.rule.direction}|${c.priority}|${c.problem}`;
  const known = new Set<string>();
  for (const nsg of before?.nsgs ?? []) for (const c of priorityConflicts(nsg)) known.add(key(nsg, c));
  for (const nsg of after.nsgs) {
    for (const c of priorityConflicts(nsg)) {
      if (known.has(key(nsg, c))) continue;
      return c.problem === 'outOfRange'
        ? `rule ${label(c.rule.name)} of NSG ${label(nsg.name)} would have priority ${c.priority}, which Azure refuses`
        : `rule ${label(c.rule.name)} of NSG ${label(nsg.name)} would have priority ${c.priority}, which rule ${label(c.by.name)} has`;
    }
  }
  return undefined;
}

// Widening ----------------------------------------------------------------------------

function widening(before: NetworkModel, after: NetworkModel, purpose: Flow[], beforeTexts: SourceTexts, afterTexts: SourceTexts): string | undefined {
  const subnetsBefore = byKey(before.subnets);
  const subnetsAfter = byKey(after.subnets);
  for (const subnet of before.subnets) {
    const nsg = subnet.networkSecurityGroup?.target;
    if (!nsg) continue;
    const now = subnetsAfter.get(subnet.key);
    if (now && now.networkSecurityGroup?.target?.key !== nsg.key) return `subnet ${label(subnet.name)} no longer has NSG ${label(nsg.name)}`;
  }
  // A change of what the subnet's tags mean (a 0.0.0.0/0 route folds every address into
  // VirtualNetwork; a new VNet address space) widens rules no edit touched: the whole NSG
  // is compared, before and after.
  const nsgsBefore = byKey(before.nsgs);
  for (const subnet of after.subnets) {
    const nsg = subnet.networkSecurityGroup?.target;
    const old = subnetsBefore.get(subnet.key);
    if (!nsg || !old) continue;
    const was = nsgContextOf(old);
    const now = nsgContextOf(subnet);
    if (!!was.defaultRouteViaUdr === !!now.defaultRouteViaUdr && JSON.stringify(was.vnetAddressSpaces) === JSON.stringify(now.vnetAddressSpaces)) continue;
    const addresses = addressesOf(subnet);
    const oldNsg = nsgsBefore.get(nsg.key);
    const beyond = nsgAdmitsBeyond(oldNsg, was, nsg, { ctx: now, ...(addresses ? { addresses } : {}) }, purpose);
    if (beyond) return `NSG ${label(nsg.name)} of subnet ${label(subnet.name)} would admit ${beyond}, beyond what the fix is for${now.defaultRouteViaUdr && !was.defaultRouteViaUdr ? ' (a 0.0.0.0/0 route makes every address part of VirtualNetwork)' : ''}`;
  }
  let guarded: Map<NetworkSecurityGroup, GuardedSubnet[]> | undefined;
  for (const nsg of after.nsgs) {
    const old = nsgsBefore.get(nsg.key);
    // The same NSG object in both models (kept from the analysis before the fix, see
    // model/assemble.ts): the same rules, each its own counterpart, none changed.
    if (old === nsg) continue;
    const oldRules = old && !isUnknown(old.securityRules) ? old.securityRules : [];
    if (isUnknown(nsg.securityRules)) {
      if (oldRules.length > 0) return `the rules of NSG ${label(nsg.name)} can no longer be read`;
      continue;
    }
    guarded ??= guardedSubnets(after);
    const subnets = guarded.get(nsg) ?? unguarded;
    const matched = new Set<SecurityRule>();
    const byName = new Map<string, SecurityRule[]>();
    for (const o of oldRules) if (typeof o.name === 'string') byName.set(o.name.toLowerCase(), [...(byName.get(o.name.toLowerCase()) ?? []), o]);
    for (const rule of nsg.securityRules) {
      const previous = counterpart(rule, byName, oldRules, matched, beforeTexts, afterTexts);
      if (previous) matched.add(previous);
      if (previous && unchanged(previous, rule, beforeTexts, afterTexts)) continue;
      const inPlace = previous !== undefined && samePlace(previous, rule);
      if (may(rule, 'allow')) {
        const earlier = inPlace && may(previous!, 'allow') ? previous : undefined;
        const beyond = firstBeyond(rule, purpose, earlier, subnets);
        if (beyond) return `rule ${label(rule.name)} of NSG ${label(nsg.name)} admits ${beyond}, beyond what the fix is for`;
      }
      if (previous && may(previous, 'deny')) {
        const still = inPlace && may(rule, 'deny') && !may(rule, 'allow') ? rule : undefined;
        const beyond = firstBeyond(previous, purpose, still, subnets);
        if (beyond) return `rule ${label(previous.name)} of NSG ${label(nsg.name)} no longer denies ${beyond}`;
      }
    }
    for (const o of oldRules) {
      if (matched.has(o) || !may(o, 'deny')) continue;
      const beyond = firstBeyond(o, purpose, undefined, subnets);
      if (beyond) return `removing rule ${label(o.name)} of NSG ${label(nsg.name)} stops denying ${beyond}`;
    }
  }
  return undefined;
}

/** The first of each key (as `find` would give it), in one pass. */
function byKey<T extends { key: string }>(items: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) if (!out.has(item.key)) out.set(item.key, item);
  return out;
}

function firstBeyond(rule: SecurityRule, purpose: Flow[], also: SecurityRule | undefined, subnets: GuardedSubnet[]): string | undefined {
  for (const s of subnets) {
    const beyond = admittedBeyond(rule, purpose, also, s);
    if (beyond) return beyond;
  }
  return undefined;
}

/** The subnets each NSG guards in the fixed model, each with its tag context and addresses. */
function guardedSubnets(model: NetworkModel): Map<NetworkSecurityGroup, GuardedSubnet[]> {
  const out = new Map<NetworkSecurityGroup, GuardedSubnet[]>();
  for (const subnet of model.subnets) {
    const nsg = subnet.networkSecurityGroup?.target;
    if (!nsg) continue;
    let list = out.get(nsg);
    if (!list) out.set(nsg, (list = []));
    const addresses = addressesOf(subnet);
    list.push({ ctx: nsgContextOf(subnet), ...(addresses ? { addresses } : {}) });
  }
  return out;
}

/** What an NSG that guards no subnet of the analysed files is judged against: a subnet that could be anything. */
const unguarded: GuardedSubnet[] = [{ ctx: { vnetAddressSpaces: unknown('the NSG guards no subnet of the analysed files'), defaultRouteViaUdr: true } }];

function addressesOf(subnet: Subnet): GuardedSubnet['addresses'] {
  const list = subnet.addressPrefixes;
  if (isUnknown(list) || list.length === 0) return undefined;
  // Prefixes known only at deployment: the subnet is exactly those symbols' addresses.
  if (list.every((p) => isSymbolicValue(p.value))) return symSet(onlyNames(...list.map((p) => (p.value as Symbolic).text)));
  const ranges: IpRange[] = [];
  for (const p of list) {
    const r = isUnknown(p.value) ? undefined : parseCidr(p.value);
    if (!r) return undefined;
    ranges.push(r);
  }
  return ipSet(ranges);
}

function may(rule: SecurityRule, access: 'allow' | 'deny'): boolean {
  return isUnknown(rule.access) || String(rule.access).toLowerCase() === access;
}

/** The rule of the fixed NSG's earlier version: by name, else written the same, else with the same values. */
function counterpart(
  rule: SecurityRule,
  byName: Map<string, SecurityRule[]>,
  old: SecurityRule[],
  taken: Set<SecurityRule>,
  beforeTexts: SourceTexts,
  afterTexts: SourceTexts,
): SecurityRule | undefined {
  if (typeof rule.name === 'string') {
    const named = byName.get(rule.name.toLowerCase())?.find((o) => !taken.has(o));
    if (named) return named;
  }
  return old.find((o) => !taken.has(o) && typeof o.name !== 'string' && sameRule(o, rule, beforeTexts, afterTexts));
}

/**
 * The rule admits what it did: its values are the same, or only a value it names has
 * changed while its own text has not (a parameter the fix sets where it is defined, such
 * as the subnet prefix the rule names, is the fix's business, judged by the findings).
 */
function unchanged(a: SecurityRule, b: SecurityRule, beforeTexts: SourceTexts, afterTexts: SourceTexts): boolean {
  return a === b || sameFields(a, b) || sameRule(a, b, beforeTexts, afterTexts);
}

/** Written the same (or, where the text cannot be read, evaluated the same). */
function sameRule(a: SecurityRule, b: SecurityRule, beforeTexts: SourceTexts, afterTexts: SourceTexts): boolean {
  const ta = a.ref.path ? writtenText(beforeTexts, a.ref.uri, a.ref.path) : undefined;
  const tb = b.ref.path ? writtenText(afterTexts, b.ref.uri, b.ref.path) : undefined;
  if (ta !== undefined && tb !== undefined) return ta === tb;
  return sameFields(a, b);
}

function samePlace(a: SecurityRule, b: SecurityRule): boolean {
  return sameFields(a, b, placeKeys);
}

const ruleKeys: readonly (keyof SecurityRule)[] = [
  'name',
  'priority',
  'direction',
  'access',
  'protocol',
  'sourceAddressPrefixes',
  'sourcePortRanges',
  'destinationAddressPrefixes',
  'destinationPortRanges',
];
const placeKeys: readonly (keyof SecurityRule)[] = ['priority', 'direction'];

/** The rules' values at `keys` are the same, as JSON (an absent value as null). */
function sameFields(a: SecurityRule, b: SecurityRule, keys = ruleKeys): boolean {
  for (const k of keys) if (!sameJson(a[k] ?? null, b[k] ?? null)) return false;
  return true;
}

/** `JSON.stringify(x) === JSON.stringify(y)`, without writing out what is the same object or list of the same strings. */
function sameJson(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (Array.isArray(x) && Array.isArray(y)) {
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i] ?? null, y[i] ?? null)) return false;
    return true;
  }
  return JSON.stringify(x) === JSON.stringify(y);
}

function label(name: SecurityRule['name'] | undefined): string {
  return typeof name === 'string' ? `'${name}'` : '(name unresolved)';
}
