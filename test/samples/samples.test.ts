/**
 * Sample baselines: realistic deployments (ARM and Bicep) in test/samples, each with its
 * expected findings beside it in `<sample>.expected.txt`. The test runs the whole engine
 * on every sample, as the CLI and the editor do (files read from disk, file: URIs), and
 * compares the rendered findings with the stored text, so any change in what the
 * analyzer reports shows up as a readable diff.
 *
 * Regenerate the baselines after an intended change, then READ the diff and review it
 * like code (a new line may be a false alarm, a lost one a missed case):
 *
 *     UPDATE_BASELINES=1 node scripts/test.mjs test/samples
 *
 * With UPDATE_BASELINES=1 the expected files are written instead of compared, and the
 * test passes. Format of a baseline, one block per finding in the engine's order:
 *
 *     [file ]12:9-12:31 error ASE102 inbound-load-balancer: <message>
 *       related 40:5-40:20 v2-sample.json: <message>
 *       fix: Allow AzureLoadBalancer inbound
 *
 * The fix is the one the engine offers, after its safety net (safeFixes.ts), with the
 * title the user sees; a fix the net refuses is shown as `fix refused: <why>`.
 * Positions are 1-based line:column as editors show them (UTF-16 columns, end exclusive).
 * The file is named only when the finding is reported into another file than the sample
 * (a Bicep module), relative to test/samples; related information always names its file.
 * A sample without findings has the single line `no findings`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import { type Host } from '../../server/src/core/host';
import { fixVerdict } from '../../server/src/engine/safeFixes';
import { createDiskHost } from '../../server/src/engine/diskHost';
import type { NodeRef } from '../../server/src/core/nodeRef';
import type { ReportedFinding } from '../../server/src/core/findings';

const SAMPLES = __dirname;
const UPDATE = process.env.UPDATE_BASELINES === '1';
const SAMPLES_URI = `${pathToFileURL(SAMPLES).href}/`;

/** Top-level templates only: modules/ holds files the samples use, and parameter files are read by their template. */
const samples = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((e) => e.isFile() && /\.(json|bicep)$/.test(e.name) && !e.name.endsWith('.parameters.json'))
  .map((e) => e.name)
  .sort();

test('the sample suite has its samples', () => {
  assert.ok(samples.length >= 10, `expected at least 10 samples in ${SAMPLES}, found ${samples.length}`);
});

for (const name of samples) {
  test(`sample ${name}`, () => {
    const path = join(SAMPLES, name);
    const uri = pathToFileURL(path).href;
    const host = createDiskHost();
    const analysis = analyze(uri, readFileSync(path, 'utf8'), host);
    assert.equal(analysis.isTemplate, true, `${name} must be read as a deployment template`);
    assert.deepEqual(analysis.failures, [], `the analysis of ${name} must not fail`);
    const actual = render(analysis, host, uri);
    const expectedPath = `${path}.expected.txt`;
    if (UPDATE) {
      writeFileSync(expectedPath, actual);
      return;
    }
    let expected: string;
    try {
      expected = readFileSync(expectedPath, 'utf8');
    } catch {
      assert.fail(`no baseline ${relative(SAMPLES, expectedPath)}: create it with UPDATE_BASELINES=1 node scripts/test.mjs test/samples, then read and review it`);
    }
    assert.equal(
      actual,
      expected.replace(/\r\n/g, '\n'),
      `the findings for ${name} differ from ${relative(SAMPLES, expectedPath)}. If the change is intended, regenerate with ` +
        `UPDATE_BASELINES=1 node scripts/test.mjs test/samples and review the diff like code`,
    );
  });
}

/** The findings as baseline text: one line per finding, indented lines for its related information and fix. */
function render(analysis: Analysis, host: Host, sampleUri: string): string {
  const findings: readonly ReportedFinding[] = analysis.findings;
  if (findings.length === 0) return 'no findings\n';
  const lines: string[] = [];
  for (const f of findings) {
    const file = f.at.uri === sampleUri ? '' : `${fileOf(f.at.uri)} `;
    lines.push(`${file}${span(f.at)} ${f.severity} ${f.code} ${f.name}: ${oneLine(f.message)}`);
    for (const r of f.related ?? []) lines.push(`  related ${span(r.at)} ${fileOf(r.at.uri)}: ${oneLine(r.message)}`);
    const verdict = fixVerdict(analysis, f, host);
    if (verdict && 'offered' in verdict) lines.push(`  fix: ${oneLine(verdict.offered.title)}`);
    else if (verdict) lines.push(`  fix refused: ${oneLine(verdict.refused.replaceAll(SAMPLES_URI, ''))}`);
  }
  return `${lines.join('\n')}\n`;
}

function span(ref: NodeRef): string {
  const { start, end } = ref.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}

/** A file URI as a path relative to test/samples, with forward slashes; anything else as it is. */
function fileOf(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  const rel = relative(SAMPLES, fileURLToPath(uri));
  return rel.split(sep).join('/');
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, '\\n');
}
