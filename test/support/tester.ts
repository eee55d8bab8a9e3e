/**
 * Rule tables in the style of eslint's RuleTester: `valid` and `invalid` cases, each
 * written in ARM (and, once the Bicep front end exists, in Bicep), with the expected
 * findings marked under the offending text by a caret comment:
 *
 *     "name": "DenyAll",
 *     //      ^^^^^^^^^ ASE101
 *
 * The carets give the exact range on the nearest line above that is not an annotation;
 * the message is asserted exactly from the case's `messages`. `output` is the whole text
 * after the first finding's quick fix is applied, as the engine offers it (rendered and
 * verified by its safety net), or null when it must offer none; a fix that also edits
 * other files (a parameters file, a module) states their texts after it in `outputFiles`.
 *
 * Every case has its Bicep twin (`bicep`), or says in `bicepWhyNot` why Bicep cannot
 * express it: a case with neither fails its own table, and test/meta/catalogue.test.ts
 * reads every table (`ruleTables`) to hold the rule. A table file's other tests use
 * `tableTest`, not node:test's `test`, so that reading the tables runs none of them.
 *
 * Each rule's table is test/rules/<rule-name>.test.ts. Its canonical cases are written
 * out as literal texts (`dedent`); variations are built with the builders of this folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import { type Host } from '../../server/src/core/host';
import type { Range } from '../../server/src/core/nodeRef';
import type { Rule } from '../../server/src/rules/types';
import type { ReportedFinding } from '../../server/src/core/findings';
import { fixVerdict } from '../../server/src/engine/safeFixes';

export interface Case {
  name: string;
  arm: string;
  /** The Bicep twin of the case: the same template in Bicep, with its own carets. */
  bicep?: string;
  /** Only for a case without `bicep`: why Bicep cannot express the same situation. */
  bicepWhyNot?: string;
  /** Other files the template reads (parameter files), by URI. */
  files?: Record<string, string>;
}

export interface InvalidCase extends Case {
  /** Expected messages, in the order of the annotations (top to bottom). */
  messages: string[];
  /** The Bicep twin's messages, only where the Bicep front end words the same situation in Bicep's terms (default: `messages`). */
  bicepMessages?: string[];
  /** Expected severities when they differ from the rule's default, in the same order. */
  severities?: string[];
  /** The text after applying the first finding's fix; null: the finding has no fix. */
  output: string | null;
  /** The Bicep twin's text after the fix (required when `bicep` is given and `output` is not null). */
  bicepOutput?: string | null;
  /** Other files the fix edits, by URI, with their texts after it (for the ARM case, and for the Bicep twin in `bicepOutputFiles`). */
  outputFiles?: Record<string, string>;
  bicepOutputFiles?: Record<string, string>;
  /** The fix's title when the case is about it (ARM, and the Bicep twin in `bicepFixTitle`, default the same). */
  fixTitle?: string;
  bicepFixTitle?: string;
}

/**
 * A literal text written indented under its case, as a tagged template:
 *
 *     arm: dedent`
 *       {
 *         "name": "DenyAll",
 *         //      ^^^^^^^^^ ASE101
 *       }
 *     `,
 *
 * The line after the opening backtick and the line of the closing one are dropped, and
 * the indentation the other lines share is removed (a blank line keeps nothing). An empty
 * line just before the closing backtick ends the text with a line break.
 */
export function dedent(strings: TemplateStringsArray, ...values: never[]): string {
  if (values.length > 0 || strings.length !== 1) throw new Error('dedent takes a literal text, without ${…}');
  const lines = strings[0].split('\n');
  if (lines.length < 3 || lines[0].trim() !== '' || lines[lines.length - 1].trim() !== '') {
    throw new Error('dedent: start the text on the line after the backtick and close it on a line of its own');
  }
  const body = lines.slice(1, -1);
  const indent = Math.min(...body.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return body.map((l) => (l.trim() === '' ? '' : l.slice(indent))).join('\n');
}

export const TEMPLATE_URI = 'file:///work/template.json';
export const BICEP_URI = 'file:///work/template.bicep';

interface Expected {
  code: string;
  range: Range;
}

/** A caret annotation line: `// ^^^ CODE`, the carets under the text of the line above. */
export const ANNOTATION = /^(\s*\/\/\s*)(\^+)\s+(ASE\d{3})\s*$/;

/** Reads `// ^^^ CODE` annotations into ranges. */
export function annotations(text: string): Expected[] {
  const lines = text.split(/\r?\n/);
  const out: Expected[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const m = ANNOTATION.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const start = m[1].length;
    out.push({ code: m[3], range: { start: { line: target, character: start }, end: { line: target, character: start + m[2].length } } });
  });
  return out;
}

export function hostOf(files: Record<string, string> = {}): Host {
  return { readFile: (uri) => files[uri] };
}

export function analysisOf(text: string, files?: Record<string, string>, uri = TEMPLATE_URI): Analysis {
  const analysis = analyze(uri, text, hostOf(files));
  assert.deepEqual(analysis.failures, [], 'the analysis must not fail');
  return analysis;
}

export function findingsOf(rule: Rule, text: string, files?: Record<string, string>, uri = TEMPLATE_URI): ReportedFinding[] {
  return analysisOf(text, files, uri).findings.filter((f) => f.code === rule.code);
}

/** The finding's fix as the engine offers it: its title and the texts of the files it edits after it; undefined when it offers none. */
export function offeredFix(analysis: Analysis, finding: ReportedFinding, files: Record<string, string> = {}): { title: string; texts: Map<string, string> } | undefined {
  const host: Host = { readFile: (u) => (u === analysis.uri ? analysis.document.text : files[u]) };
  const verdict = fixVerdict(analysis, finding, host);
  if (!verdict || !('offered' in verdict)) return undefined;
  const texts = new Map<string, string>();
  for (const [u, edits] of verdict.offered.files) {
    const text = host.readFile(u);
    assert.ok(text !== undefined, `the fix edits ${u}, which the test does not give`);
    texts.set(u, TextDocument.applyEdits(TextDocument.create(u, 'text', 0, text), edits));
  }
  return { title: verdict.offered.title, texts };
}

/** Why the engine refuses the finding's fix ('' when it offers it), for the message of a failing test. */
export function refusalOf(analysis: Analysis, finding: ReportedFinding, files: Record<string, string> = {}): string {
  const host: Host = { readFile: (u) => (u === analysis.uri ? analysis.document.text : files[u]) };
  const verdict = fixVerdict(analysis, finding, host);
  return verdict && 'refused' in verdict ? verdict.refused : '';
}

export interface RuleTable {
  rule: Rule;
  valid: Case[];
  invalid: InvalidCase[];
}

/** Every table given to ruleTester in this process, in order. */
export const ruleTables: RuleTable[] = [];
let registering = true;

/** node:test's `test`, for the tests of a table file beside its ruleTester tables: not registered while loadRuleTables reads the file. */
export function tableTest(name: string, fn: () => void | Promise<void>, options: { skip?: string | false } = {}): void {
  if (registering) test(name, options, fn);
}

/**
 * Loads rule table files (absolute paths) for their cases alone: ruleTester records each
 * table in `ruleTables` and registers no tests while they load.
 */
export function loadRuleTables(files: string[]): RuleTable[] {
  registering = false;
  try {
    for (const f of files) require(f);
  } finally {
    registering = true;
  }
  return ruleTables;
}

/** Why a case breaks the rule that every case has a Bicep twin (or says why not), or undefined when it keeps it. */
export function twinProblem(c: Case | InvalidCase): string | undefined {
  if (c.bicep === undefined) {
    if (c.bicepWhyNot === undefined || c.bicepWhyNot.trim() === '') return 'has no Bicep twin: write `bicep`, or say in `bicepWhyNot` why Bicep cannot express it';
    if ('bicepMessages' in c && c.bicepMessages !== undefined) return 'has `bicepMessages` but no Bicep twin';
    return undefined;
  }
  if (c.bicepWhyNot !== undefined) return 'has a Bicep twin and a `bicepWhyNot`: drop the reason';
  return undefined;
}

export function ruleTester(rule: Rule, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  ruleTables.push({ rule, ...cases });
  if (!registering) return;
  /** The Bicep test of a case: skipped with its reason when Bicep cannot express it, failed when the twin is missing without one. */
  const bicepTest = (c: Case, kind: 'valid' | 'invalid', run: (bicep: string) => void) => {
    const name = `${rule.code} ${rule.name} ${kind} (Bicep): ${c.name}`;
    const problem = twinProblem(c);
    if (c.bicep === undefined && problem === undefined) {
      test(name, { skip: `no Bicep twin: ${c.bicepWhyNot}` }, () => {});
      return;
    }
    test(name, () => {
      if (problem !== undefined || c.bicep === undefined) assert.fail(`the case ${problem}`);
      run(c.bicep);
    });
  };
  for (const c of cases.valid) {
    test(`${rule.code} ${rule.name} valid (ARM): ${c.name}`, () => {
      assert.deepEqual(findingsOf(rule, c.arm, c.files).map(summary), []);
    });
    bicepTest(c, 'valid', (bicep) => assert.deepEqual(findingsOf(rule, bicep, c.files, BICEP_URI).map(summary), []));
  }
  for (const c of cases.invalid) {
    test(`${rule.code} ${rule.name} invalid (ARM): ${c.name}`, () =>
      checkInvalid(rule, c, c.arm, c.messages, { text: c.output, files: c.outputFiles, title: c.fixTitle }, TEMPLATE_URI),
    );
    bicepTest(c, 'invalid', (bicep) => {
      assert.ok(c.output === null || c.bicepOutput !== undefined, 'a Bicep twin of a fixable case states its text after the fix');
      const output = { text: c.output === null ? null : (c.bicepOutput ?? null), files: c.bicepOutputFiles, title: c.bicepFixTitle ?? c.fixTitle };
      checkInvalid(rule, c, bicep, c.bicepMessages ?? c.messages, output, BICEP_URI);
    });
  }
}

interface ExpectedOutput {
  text: string | null;
  files?: Record<string, string>;
  title?: string;
}

/** Exact findings (carets, messages, severities) and the exact text after the first finding's fix. */
function checkInvalid(rule: Rule, c: InvalidCase, text: string, messages: string[], output: ExpectedOutput, uri: string): void {
  const analysis = analysisOf(text, c.files, uri);
  const found = analysis.findings.filter((f) => f.code === rule.code);
  const expected = annotations(text).filter((a) => a.code === rule.code);
  assert.ok(expected.length > 0, 'an invalid case needs at least one annotation');
  assert.deepEqual(
    found.map((f) => ({ code: f.code, range: f.at.range, message: f.message, severity: f.severity })),
    expected.map((e, i) => ({ ...e, message: messages[i], severity: c.severities?.[i] ?? rule.severity })),
  );
  for (const f of found) assert.ok(f.related && f.related.length > 0, 'every finding points at the ASE and its subnet');
  const fix = offeredFix(analysis, found[0], c.files);
  if (output.text === null) {
    assert.equal(fix, undefined, 'this finding must not be offered a fix');
    return;
  }
  assert.ok(fix, `expected ${found[0].code} to be offered a fix; refused: ${refusalOf(analysis, found[0], c.files)}`);
  if (output.title !== undefined) assert.equal(fix.title, output.title);
  assert.equal(fix.texts.get(uri) ?? text, output.text);
  const others = Object.fromEntries([...fix.texts].filter(([u]) => u !== uri));
  assert.deepEqual(others, output.files ?? {}, 'the other files the fix edits, with their texts after it');
  const files = { ...(c.files ?? {}), ...others };
  const after = findingsOf(rule, output.text, files, uri);
  assert.ok(after.length < found.length, `the fix must remove the finding it fixes; still: ${after.map((f) => f.message).join('; ')}`);
}

function summary(f: ReportedFinding) {
  return `${f.code} ${f.at.range.start.line}:${f.at.range.start.character} ${f.message}`;
}
