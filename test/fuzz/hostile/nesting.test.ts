// Deeply nested YAML and JSON: the guard that runs before any parser (seeded structures
// of known depth, with quoted brackets, comments and block scalars to mislead it), a
// loaded file too deep for the YAML library's stack (it used to abort the server
// process) read over JSON-RPC and by the command line, and a worker whose heap runs
// out: restarted, never the process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { generateArmTemplate } from '../../../scripts/bench/armTemplate';
import { parseProjectConfig } from '../../../server/src/engine/config/projectConfig';
import { parseYaml } from '../../../server/src/eval/bicep/yaml';
import { isUnknown } from '../../../server/src/core/value';
import { MAX_NESTING, nestsDeeperThan } from '../../../server/src/parse/nesting';
import { heapLimitVariable } from '../../../server/src/lsp/worker/engineThread';
import { ensureBuilt, root } from '../../support/ensureBuilt';
import { TestClient } from '../../support/lspClient';
import { fuzzSeed, prngFor, type Prng } from '../../support/prng';
import { within } from './patience';
import { noteText } from '../../support/notes';

/** YAML nested exactly `depth` deep: block levels first, then flow, with decoys that open nothing. */
function yamlOfDepth(prng: Prng, depth: number): string {
  const blockDecoys = ["'[[[{{ ]]'", '"]]]}} [["', '!!str "[["', 'plain]]]]', "it's [[[ plain"];
  const flowDecoys = ["'[[[{{ ]]'", '"]]]}} [["', '!!str "[["', 'plain'];
  const block = prng.int(Math.min(depth, 60));
  const flow = (d: number): string => {
    if (d === 0) return prng.pick(flowDecoys);
    return prng.chance(0.5) ? `[${prng.pick(flowDecoys)}, ${flow(d - 1)}]` : `{k: ${flow(d - 1)}, j: ${prng.pick(flowDecoys)}}`;
  };
  const lines: string[] = ['# [[[[[[[[ a comment'];
  let indent = '';
  for (let i = 0; i < block; i++) {
    if (prng.chance(0.5)) {
      lines.push(`${indent}- ${prng.pick(blockDecoys)}`, `${indent}-`);
    } else {
      if (prng.chance(0.3)) lines.push(`${indent}text: |`, `${indent}  [[[[[[[[[[[[ {{{{`, `${indent}  ]]]]`);
      lines.push(`${indent}k${i}: ${prng.pick(blockDecoys)}`, `${indent}n${i}:`);
    }
    indent += '  ';
  }
  lines.push(`${indent}${flow(depth - block)}`);
  return `${lines.join('\n')}\n`;
}

function jsonOfDepth(prng: Prng, depth: number): string {
  const decoy = () => prng.pick(['"[[[{{"', '"]]]}}"', '1', 'null']);
  let text = decoy();
  for (let d = 0; d < depth; d++) text = prng.chance(0.5) ? `[${decoy()}, ${text} /* ]]] */]` : `{"k": ${text}, "j": ${decoy()} // ]]]\n}`;
  return text;
}

test('the nesting guard never lets a deeper file through, and passes ordinary ones', { timeout: 60_000 }, () => {
  const prng = prngFor('nesting');
  for (let i = 0; i < 60; i++) {
    const deep = MAX_NESTING + 1 + prng.int(400);
    const shallow = 1 + prng.int(MAX_NESTING - 60);
    const label = `case ${i} (FUZZ_SEED=${fuzzSeed})`;
    assert.equal(nestsDeeperThan(yamlOfDepth(prng, deep), 'yaml'), true, `${label}: YAML ${deep} deep`);
    assert.equal(nestsDeeperThan(yamlOfDepth(prng, shallow), 'yaml'), false, `${label}: YAML ${shallow} deep`);
    assert.equal(nestsDeeperThan(jsonOfDepth(prng, deep), 'json'), true, `${label}: JSON ${deep} deep`);
    assert.equal(nestsDeeperThan(jsonOfDepth(prng, shallow), 'json'), false, `${label}: JSON ${shallow} deep`);
  }
  const ordinary = yamlOfDepth(prng, 12);
  assert.ok(!isUnknown(parseYaml(ordinary)) || /read differently/.test(String((parseYaml(ordinary) as { reason: string }).reason)), 'an ordinary file is read');
  assert.match((parseYaml('['.repeat(900) + ']'.repeat(900)) as { reason: string }).reason, /nests deeper than the 200 levels/);
  // The project file is JSON too: the parser recursed until the stack ran out.
  assert.deepEqual(parseProjectConfig('file:///ws/ase-lint.json', '['.repeat(100_000)).problems, ['ase-lint.json:1:1: not read: it nests deeper than the 200 levels the analyser reads']);
});

test('a YAML or JSON file nested hundreds deep, loaded by a Bicep file, leaves the server running', { timeout: 60_000 }, async (t) => {
  ensureBuilt();
  const ws = realpathSync(mkdtempSync(join(tmpdir(), 'ase-lint-nesting-')));
  t.after(() => rmSync(ws, { recursive: true, force: true }));
  // 1.8 KB: the file that aborted the whole server process.
  writeFileSync(join(ws, 'deep.yaml'), '['.repeat(900) + ']'.repeat(900));
  writeFileSync(join(ws, 'deep.json'), '['.repeat(5000) + ']'.repeat(5000));
  const bicep = `var fromYaml = loadYamlContent('deep.yaml')
var fromJson = loadJsonContent('deep.json')
resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg'
  location: 'westeurope'
  properties: {
    securityRules: concat(fromYaml, fromJson)
  }
}
`;
  writeFileSync(join(ws, 'main.bicep'), bicep);
  const client = new TestClient({}, [pathToFileURL(ws).href]);
  t.after(() => client.kill());
  await client.initialize();
  const uri = pathToFileURL(join(ws, 'main.bicep')).href;
  const published = await within(client.open(uri, bicep, 'bicep'), 30_000, 'the diagnostics of main.bicep');
  const note = published.diagnostics.find((d) => d.code === 'ASE902')?.message ?? '';
  assert.match(String(note), /deep\.yaml: the YAML file could not be read \(it nests deeper than the 200 levels the analyser reads\)/);
  await within(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 5 } }), 30_000, 'a hover');
  assert.deepEqual(client.logs.filter((l) => /stopped|failed/.test(l)), []);
  assert.equal(client.serverStderr, '');
  assert.equal(await client.shutdown(), 0);
});

test('the command line reads the same files with the same note', { timeout: 60_000 }, (t) => {
  ensureBuilt();
  const ws = realpathSync(mkdtempSync(join(tmpdir(), 'ase-lint-nesting-cli-')));
  t.after(() => rmSync(ws, { recursive: true, force: true }));
  writeFileSync(join(ws, 'deep.yaml'), '['.repeat(5000) + ']'.repeat(5000));
  writeFileSync(join(ws, 'deep.json'), '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000));
  const nsg = (name: string, rules: string) => `resource ${name} 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {\n  name: '${name}'\n  properties: {\n    securityRules: ${rules}\n  }\n}\n`;
  writeFileSync(join(ws, 'main.bicep'), nsg('fromYaml', "loadYamlContent('deep.yaml')") + nsg('fromJson', "loadJsonContent('deep.json')"));
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--format', 'json', 'main.bicep'], { cwd: ws, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  const note = noteText((JSON.parse(r.stdout) as { findings: { code: string; message: string; details?: string[] }[] }).findings.find((f) => f.code === 'ASE902'));
  assert.match(note, /deep\.yaml: the YAML file could not be read \(it nests deeper than the 200 levels the analyser reads\)/);
  assert.match(note, /deep\.json: it nests deeper than the 200 levels the analyser reads/);
});

test('a worker that runs out of heap is restarted; the server and the other documents go on', { timeout: 90_000 }, async (t) => {
  ensureBuilt();
  // A heap far too small for a 6 MB template, ample for a small one.
  const client = new TestClient({}, [], { [heapLimitVariable]: '48' });
  t.after(() => client.kill());
  await client.initialize();
  const large = generateArmTemplate(6_000_000).text;
  const small = generateArmTemplate(20_000).text;
  const stops = () => client.logs.filter((l) => /analysis worker stopped/.test(l));
  const exhausted = await within(client.open('file:///hostile/exhausting.json', large), 60_000, 'the large document');
  assert.deepEqual(exhausted.diagnostics, [], 'published empty: its analysis did not finish');
  assert.equal(stops().length, 1, client.logs.join('\n'));
  assert.match(stops()[0], /memory limit|out of memory/i);
  const other = await within(client.open('file:///hostile/small.json', small), 30_000, 'a small document');
  assert.ok(other.diagnostics.some((d) => d.code === 'ASE901'), 'the small document is analysed by the restarted worker');
  assert.equal(await client.shutdown(), 0);
});
