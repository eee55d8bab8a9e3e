// `ase-lint --format sarif`, run as a pipeline would run it (dist/cli.js), checked
// against the official SARIF 2.1.0 schema and against what the other formats say.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { parse, type ParseError } from 'jsonc-parser';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { ruleDocumentationUrl } from '../../server/src/query/protocol';
import { allRules } from '../../server/src/rules/index';
import { CLI_FIX_LIMIT, cliFixLimit } from '../../server/src/engine/safeFixes';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { createSarifValidator } from './sarifSchema';

let work = '';
const validate = createSarifValidator();

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: work, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sarif(args: string[]): { status: number | null; log: Log; stderr: string } {
  const r = cli(['--format', 'sarif', ...args]);
  return { status: r.status, log: JSON.parse(r.stdout) as Log, stderr: r.stderr };
}

function put(relative: string, from: string): void {
  const target = join(work, relative);
  mkdirSync(join(target, '..'), { recursive: true });
  copyFileSync(join(root, from), target);
}

interface JsonFinding {
  code: string;
  severity: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
}

const levelOf: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

before(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'ase-lint-sarif-'));
  put('infra/broken.json', 'examples/ase-v2-broken-nsg.json');
  put('infra/astral.json', 'test/fixtures/cli/astral-columns.json');
  put('infra/small/v3-small.json', 'test/fixtures/cli/v3-small-subnet.json');
  put('infra/ok.json', 'examples/ase-v3.json');
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the output conforms to the official SARIF 2.1.0 schema', () => {
  const { status, log } = sarif(['infra']);
  assert.equal(status, 1);
  assert.deepEqual(validate(log), []);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  assert.ok((log.runs[0].results ?? []).length > 5);
});

test('the validator rejects broken logs', () => {
  const { log } = sarif(['infra/broken.json']);
  const breakages: ((l: any) => void)[] = [
    (l) => delete l.version,
    (l) => (l.runs[0].results[0].level = 'fatal'),
    (l) => (l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0),
    (l) => delete l.runs[0].tool.driver.name,
    (l) => (l.runs[0].results[0].fixes[0].artifactChanges = []),
  ];
  for (const breakIt of breakages) {
    const copy = structuredClone(log);
    breakIt(copy);
    assert.notDeepEqual(validate(copy), [], `accepted after: ${breakIt}`);
  }
});

test('tool.driver describes every rule of the catalogue', () => {
  const { log } = sarif(['infra/ok.json']);
  const driver = log.runs[0].tool.driver;
  assert.equal(driver.name, 'ase-lint');
  assert.equal(driver.version, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  assert.equal(driver.rules?.length, allRules.length);
  for (const [i, rule] of allRules.entries()) {
    const d: ReportingDescriptor = driver.rules![i];
    assert.equal(d.id, rule.code);
    assert.equal(d.name, rule.name);
    assert.equal(d.shortDescription?.text, rule.title);
    assert.equal(d.helpUri, ruleDocumentationUrl(rule.name));
    assert.equal(d.defaultConfiguration?.level, levelOf[rule.severity]);
    // The help comes from the rule's page, as the bundle finds it beside dist/: its summary,
    // what it checks and how to fix it, then a link to the page for the rest; links to
    // other pages made absolute.
    const page = readFileSync(join(root, 'docs', 'rules', `${rule.name}.md`), 'utf8').split('\n');
    const sections = page.slice(3).join('\n').trim().split(/^(?=## )/m);
    const kept = [sections[0], ...sections.filter((x) => /^## (What it checks|How to fix)\n/.test(x))].map((x) => x.trim());
    const relinked = (d.help?.markdown ?? '').replaceAll(ruleDocumentationUrl('').replace(/\.md$/, ''), '');
    assert.equal(relinked, [...kept, `Why it matters, examples in ARM and Bicep, and the rule's decisions: [${rule.name}.md](${rule.name}.md).`].join('\n\n'), `${rule.code}: the help is from the page`);
    assert.doesNotMatch(d.help?.markdown ?? '', /\]\((?!https:|#)/, `${rule.code}: every link of the help leads somewhere`);
    assert.ok(d.help?.text.endsWith(ruleDocumentationUrl(rule.name)), `${rule.code}: the plain help links the page`);
    assert.ok(d.help?.text && !/`|\*\*/.test(d.help.text), `${rule.code}: plain help text`);
    assert.equal(d.fullDescription?.text, page[4].replace(/`/g, '').replace(/\*\*/g, ''), `${rule.code}: the full description is the page's summary`);
  }
});

test('results say what the JSON output says, 1-based, relative to %SRCROOT%', () => {
  const json = JSON.parse(cli(['--format', 'json', 'infra']).stdout).findings as JsonFinding[];
  const { log } = sarif(['infra']);
  const run = log.runs[0];
  const results = run.results ?? [];
  assert.equal(results.length, json.length);
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(work).href}/` } });
  assert.equal(run.columnKind, 'utf16CodeUnits');
  for (const [i, f] of json.entries()) {
    const r = results[i];
    assert.equal(r.ruleId, f.code);
    assert.equal(run.tool.driver.rules![r.ruleIndex!].id, f.code);
    assert.equal(r.level, levelOf[f.severity]);
    assert.equal(r.message.text, f.message);
    const loc = r.locations![0].physicalLocation!;
    assert.equal(loc.artifactLocation?.uri, f.file.split(/[\\/]/).join('/'));
    assert.equal(loc.artifactLocation?.uriBaseId, '%SRCROOT%');
    assert.equal(run.artifacts![loc.artifactLocation!.index!].location?.uri, loc.artifactLocation?.uri);
    assert.deepEqual(loc.region, {
      startLine: f.range.start.line + 1,
      startColumn: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
    });
  }
  const management = results.find((r) => r.ruleId === 'ASE101')!;
  assert.ok((management.relatedLocations ?? []).length > 0, 'the ASE and its subnet as related locations');
  for (const rel of management.relatedLocations!) {
    assert.ok(rel.message?.text);
    assert.ok(rel.physicalLocation?.region?.startLine);
  }
});

test('columns count UTF-16 code units', () => {
  const { log } = sarif(['infra/astral.json']);
  const line = readFileSync(join(work, 'infra', 'astral.json'), 'utf8').split('\n')[26];
  const at = line.indexOf('"DenyAllInbound"');
  // The fixture is only a test of the unit if code points and UTF-16 units disagree before the name.
  assert.notEqual([...line.slice(0, at)].length, at);
  const r = (log.runs[0].results ?? []).find((x) => x.ruleId === 'ASE101')!;
  assert.deepEqual(r.locations![0].physicalLocation!.region, {
    startLine: 27,
    startColumn: at + 1,
    endLine: 27,
    endColumn: at + 1 + '"DenyAllInbound"'.length,
  });
});

test('a fix, applied as SARIF describes it, removes its finding', () => {
  const { log } = sarif(['infra/broken.json']);
  const results = log.runs[0].results ?? [];
  const withFix = results.filter((r) => r.fixes);
  assert.ok(withFix.length > 0);
  for (const r of withFix) {
    const fix = r.fixes![0];
    assert.ok(fix.description?.text && !fix.description.text.endsWith('.'), 'the fix title');
    const change = fix.artifactChanges[0];
    assert.equal(change.artifactLocation.uri, 'infra/broken.json');
    const fixed = applyReplacements(readFileSync(join(work, 'infra', 'broken.json'), 'utf8'), change.replacements);
    writeFileSync(join(work, 'infra', `fixed-${r.ruleId}.json`), fixed);
    const after = JSON.parse(cli(['--format', 'json', `infra/fixed-${r.ruleId}.json`]).stdout).findings as JsonFinding[];
    assert.ok(!after.some((f) => f.code === r.ruleId), `${r.ruleId} still reported after its fix`);
    // A replacement that broke the JSON would silence every rule, so the text must still parse.
    const errors: ParseError[] = [];
    parse(fixed, errors, { allowTrailingComma: true });
    assert.deepEqual(errors, [], `the text after fixing ${r.ruleId}`);
    assert.ok(after.length > 0, 'the other problems are still reported');
    rmSync(join(work, 'infra', `fixed-${r.ruleId}.json`));
  }
});

test('artifacts list the templates analysed; a run that could not read a file is not successful', () => {
  const ok = sarif(['infra/ok.json', 'infra/broken.json']).log.runs[0];
  assert.deepEqual(
    ok.artifacts?.map((a) => [a.location?.uri, a.roles]),
    [
      ['infra/ok.json', ['analysisTarget']],
      ['infra/broken.json', ['analysisTarget']],
    ],
  );
  assert.equal(ok.invocations?.[0].executionSuccessful, true);
  const missing = sarif(['infra/ok.json', 'infra/gone.json']);
  assert.equal(missing.status, 2);
  assert.deepEqual(validate(missing.log), []);
  const invocation = missing.log.runs[0].invocations![0];
  assert.equal(invocation.executionSuccessful, false);
  assert.match(invocation.toolExecutionNotifications?.[0].message.text ?? '', /cannot read 'infra\/gone.json'/);
});

test('--rule and --quiet shape the results and are recorded as configuration overrides', () => {
  const { status, log } = sarif(['--rule', 'ASE101=off', '--rule', 'inbound-load-balancer=warning', '--quiet', 'infra/broken.json']);
  assert.equal(status, 1, 'ASE103 and ASE301 are still errors');
  assert.deepEqual(validate(log), []);
  const results: Result[] = log.runs[0].results ?? [];
  assert.ok(!results.some((r) => r.ruleId === 'ASE101'));
  assert.ok(!results.some((r) => r.ruleId === 'ASE102'), '--quiet drops what is now a warning');
  assert.ok(results.every((r) => r.level === 'error'));
  const overrides = log.runs[0].invocations![0].ruleConfigurationOverrides ?? [];
  assert.deepEqual(
    overrides.map((o) => [o.descriptor.id, o.descriptor.index, o.configuration]),
    [
      ['ASE101', allRules.findIndex((r) => r.code === 'ASE101'), { enabled: false }],
      ['ASE102', allRules.findIndex((r) => r.code === 'ASE102'), { level: 'warning' }],
    ],
  );
});

/** Applies SARIF replacements (1-based line/column regions in UTF-16 units) to a text. */
function applyReplacements(text: string, replacements: { deletedRegion: { startLine?: number; startColumn?: number; endLine?: number; endColumn?: number }; insertedContent?: { text?: string } }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (line: number, column: number) => lineStarts[line - 1] + column - 1;
  const spans = replacements.map((r) => ({
    start: offset(r.deletedRegion.startLine!, r.deletedRegion.startColumn!),
    end: offset(r.deletedRegion.endLine!, r.deletedRegion.endColumn!),
    text: r.insertedContent?.text ?? '',
  }));
  // From the end, so earlier offsets stay valid.
  for (const s of spans.sort((a, b) => b.start - a.start)) text = text.slice(0, s.start) + s.text + text.slice(s.end);
  return text;
}

test('a fix that sets a value in the .bicepparam has that file as its artifact change', () => {
  for (const f of ['main.bicep', 'network.bicep', 'main.bicepparam']) put(`params/${f}`, `test/fixtures/lsp/params/${f}`);
  const { log } = sarif(['params/main.bicep']);
  assert.deepEqual(validate(log), []);
  const size = (log.runs[0].results ?? []).find((r) => r.ruleId === 'ASE401');
  assert.ok(size?.fixes, 'ASE401 has its fix');
  // One result, in the module that uses the value; the value in the .bicepparam first among its related places.
  assert.equal((log.runs[0].results ?? []).filter((r) => r.ruleId === 'ASE401').length, 1);
  assert.equal(size.locations?.[0].physicalLocation?.artifactLocation?.uri, 'params/network.bicep');
  const value = size.relatedLocations?.[0];
  assert.equal(value?.physicalLocation?.artifactLocation?.uri, 'params/main.bicepparam');
  assert.deepEqual(value?.physicalLocation?.region, { startLine: 3, startColumn: 25, endLine: 3, endColumn: 38 });
  assert.equal(value?.message?.text, 'The value that causes this, given in the parameters file');
  const fix = size.fixes[0];
  assert.equal(fix.description?.text, "Widen the subnet to 10.0.1.0/24 (sets parameter 'aseSubnetPrefix' in main.bicepparam)");
  assert.deepEqual(fix.artifactChanges.map((c) => c.artifactLocation.uri), ['params/main.bicepparam']);
  const fixed = applyReplacements(readFileSync(join(work, 'params', 'main.bicepparam'), 'utf8'), fix.artifactChanges[0].replacements);
  assert.equal(fixed, "using 'main.bicep'\n\nparam aseSubnetPrefix = '10.0.1.0/24'\n");
});

test('fixes are verified for the first 50 fixable findings of a file; the rest are left out, and the run says so', () => {
  const routes = Array.from({ length: 60 }, (_, i) => `{ "name": "r${i}", "properties": { "addressPrefix": "${i + 11}.0.0.0/8", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.0.4" } }`);
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [
      { type: 'Microsoft.Network/routeTables', apiVersion: '2023-04-01', name: 'rt', location: 'westeurope', properties: { routes: routes.map((r) => JSON.parse(r)) } },
      {
        type: 'Microsoft.Network/virtualNetworks',
        apiVersion: '2023-04-01',
        name: 'vnet',
        location: 'westeurope',
        properties: {
          addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
          subnets: [{ name: 'ase', properties: { addressPrefix: '10.0.1.0/24', routeTable: { id: "[resourceId('Microsoft.Network/routeTables', 'rt')]" } } }],
        },
      },
      { type: 'Microsoft.Web/hostingEnvironments', apiVersion: '2022-03-01', name: 'ase', location: 'westeurope', kind: 'ASEV2', properties: { internalLoadBalancingMode: 'Web, Publishing', virtualNetwork: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'ase')]" } } },
    ],
  };
  mkdirSync(join(work, 'many'), { recursive: true });
  writeFileSync(join(work, 'many', 'routes.json'), JSON.stringify(template, null, 2));
  const { log, stderr } = sarif(['many/routes.json']);
  assert.deepEqual(validate(log), []);
  const tunnelled = (log.runs[0].results ?? []).filter((r) => r.ruleId === 'ASE301');
  assert.equal(tunnelled.length, 60);
  assert.equal(tunnelled.filter((r) => r.fixes).length, 50);
  // 60 routes and the ASEv2 itself (ASE901 offers its conversion): 61 fixable findings.
  const note = "fixes for 11 more findings in 'many/routes.json' are left out: the first 50 fixes of a file are verified, and a fix is never reported unverified";
  assert.ok(stderr.includes(note), stderr);
  assert.deepEqual(log.runs[0].invocations?.[0].toolExecutionNotifications?.map((n) => [n.level, n.message.text]), [['warning', note]]);
  assert.equal(log.runs[0].invocations?.[0].executionSuccessful, true);
});

test('a large file gets fewer fixes verified: each check analyses the whole fixed file again', () => {
  assert.equal(cliFixLimit(0), CLI_FIX_LIMIT);
  assert.equal(cliFixLimit(1_000_000), CLI_FIX_LIMIT, 'a 1 MB template: every fix up to the limit');
  assert.equal(cliFixLimit(1_400_000), 47);
  assert.equal(cliFixLimit(10_000_000), 6, 'a 10 MB template: six analyses of it again, not fifty');
  assert.equal(cliFixLimit(500_000_000), 1, 'at least one');
});
