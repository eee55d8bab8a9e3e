// Inline suppression in ARM (comments) and Bicep (comments and Bicep's own pragmas),
// the notes on unused or mistyped suppressions, and the quick fixes that write and
// remove them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, directivesOf, type Analysis } from '../../server/src/engine/analyze';
import { LineIndex } from '../../server/src/core/lineIndex';
import { renderFix } from '../../server/src/edits/render';
import { suppressLineFix } from '../../server/src/engine/suppress/edits';
import type { Fix } from '../../server/src/core/findings';
import { aseTemplate, nsgRule } from '../support/templates';
import { bicepTwin } from '../support/twin';

const ARM = 'file:///work/ase.json';
const BICEP = 'file:///work/ase.bicep';
const host = { readFile: () => undefined };
const denyAll = nsgRule('DenyAllInbound', { priority: 4096, direction: 'Inbound', access: 'Deny' }, true);
const mgmt = nsgRule('AllowMgmt', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' });
const broken = aseTemplate({ securityRules: [mgmt, denyAll] });

const codes = (a: Analysis) => a.findings.map((f) => `${f.at.range.start.line + 1} ${f.code}`);
const lines = (t: string) => t.split('\n');

/** The template with `comment` inserted as a line above the first line containing `marker`. */
function above(text: string, marker: string, comment: string): string {
  const ls = lines(text);
  const i = ls.findIndex((l) => l.includes(marker));
  assert.ok(i >= 0, marker);
  const indent = /^\s*/.exec(ls[i])![0];
  ls.splice(i, 0, indent + comment);
  return ls.join('\n');
}

function apply(text: string, uri: string, fix: Fix): string {
  const edits = renderFix(fix, (u) => (u === uri ? { uri, text } : undefined))?.files.get(uri);
  assert.ok(edits);
  const idx = new LineIndex(text);
  let out = text;
  for (const e of [...edits].sort((a, b) => idx.offsetAt(b.range.start) - idx.offsetAt(a.range.start))) {
    out = out.slice(0, idx.offsetAt(e.range.start)) + e.newText + out.slice(idx.offsetAt(e.range.end));
  }
  return out;
}

test('the broken template reports the deny-all rule (the baseline the other tests suppress)', () => {
  const a = analyze(ARM, broken, host);
  assert.ok(a.findings.some((f) => f.code === 'ASE102'));
  assert.ok(a.findings.some((f) => f.code === 'ASE103'));
});

test('ARM: ase-lint-disable-next-line with a code and a reason suppresses that code only', () => {
  const text = above(broken, '"name": "DenyAllInbound"', '// ase-lint-disable-next-line ASE102 the load balancer is not used here');
  const a = analyze(ARM, text, host);
  assert.deepEqual(a.failures, []);
  assert.ok(!a.findings.some((f) => f.code === 'ASE102'));
  assert.ok(a.findings.some((f) => f.code === 'ASE103'), 'other rules on the line still report');
  assert.equal(a.suppressed.length, 1);
  assert.equal(a.suppressed[0].finding.code, 'ASE102');
  assert.equal(a.suppressed[0].directive.reason, 'the load balancer is not used here');
});

test('ARM: several codes, by code or rule name, commas or spaces, in a block comment too', () => {
  for (const comment of [
    '// ase-lint-disable-next-line ASE102, inbound-intra-subnet -- reviewed',
    '/* ase-lint-disable-next-line ase102 ASE103 */',
  ]) {
    const a = analyze(ARM, above(broken, '"name": "DenyAllInbound"', comment), host);
    assert.ok(!a.findings.some((f) => f.code === 'ASE102' || f.code === 'ASE103'), comment);
    assert.equal(a.findings.filter((f) => f.code === 'unused-suppression').length, 0, comment);
  }
});

test('ARM: without codes, every rule on the next line; ase-lint-disable-line on its own line', () => {
  const a = analyze(ARM, above(broken, '"name": "DenyAllInbound"', '// ase-lint-disable-next-line'), host);
  assert.ok(!a.findings.some((f) => f.code === 'ASE102' || f.code === 'ASE103'));
  const ls = lines(broken);
  const i = ls.findIndex((l) => l.includes('"name": "DenyAllInbound"'));
  ls[i] += ' // ase-lint-disable-line ASE102';
  const b = analyze(ARM, ls.join('\n'), host);
  assert.ok(!b.findings.some((f) => f.code === 'ASE102'));
});

test('ARM: ase-lint-disable at the top covers the file; ase-lint-enable ends it', () => {
  const top = broken.replace('{\n', '{\n  // ase-lint-disable ASE102\n');
  assert.ok(!analyze(ARM, top, host).findings.some((f) => f.code === 'ASE102'));
  const reEnabled = above(top, '"name": "DenyAllInbound"', '// ase-lint-enable ASE102');
  assert.ok(analyze(ARM, reEnabled, host).findings.some((f) => f.code === 'ASE102'));
});

test('a directive in a string is no directive', () => {
  const text = broken.replace('"name": "ase-nsg"', '"name": "ase-nsg", "tags": { "note": "// ase-lint-disable ASE102" }');
  assert.ok(analyze(ARM, text, host).findings.some((f) => f.code === 'ASE102'));
});

test('an unused suppression is a hint with a fix that removes it; a mistyped code is a warning', () => {
  const text = above(broken, '"name": "ase-vnet"', '// ase-lint-disable-next-line ASE102');
  const a = analyze(ARM, text, host);
  const unused = a.findings.find((f) => f.code === 'unused-suppression');
  assert.ok(unused, codes(a).join('\n'));
  assert.equal(unused.severity, 'hint');
  assert.equal(unused.message, 'Unused suppression: no ASE102 finding on the next line.');
  assert.equal(unused.fix?.title, 'Remove the unused suppression');
  assert.equal(apply(text, ARM, unused.fix!), broken);

  const typo = analyze(ARM, above(broken, '"name": "DenyAllInbound"', '// ase-lint-disable-next-line ASE999, ASE102'), host);
  const warning = typo.findings.find((f) => f.code === 'unknown-rule');
  assert.equal(warning?.severity, 'warning');
  assert.equal(warning?.message, "'ASE999' is not an ase-lint rule, so this suppression does nothing for it.");
  assert.ok(!typo.findings.some((f) => f.code === 'ASE102'));
});

test('one unused code among used ones: the fix removes only that code', () => {
  const text = above(broken, '"name": "DenyAllInbound"', '// ase-lint-disable-next-line ASE102, ASE204');
  const a = analyze(ARM, text.replace('"kind": "ASEV2"', '"kind": "ASEV2"'), host);
  const unused = a.findings.find((f) => f.code === 'unused-suppression');
  assert.ok(unused);
  assert.equal(unused.message, 'Unused suppression: no ASE204 finding on the next line.');
  assert.equal(unused.fix?.title, 'Remove ASE204 from the suppression');
  assert.match(apply(text, ARM, unused.fix!), /\/\/ ase-lint-disable-next-line ASE102\n/);
});

test('no unused note where it cannot be certain: an unresolved value, a rule that is off, no ASE in the file', () => {
  const unresolved = aseTemplate({ securityRules: [nsgRule('X', { priority: "[parameters('p')]", direction: 'Inbound', access: 'Deny' }, true)] });
  const a = analyze(ARM, above(unresolved, '"name": "ase-vnet"', '// ase-lint-disable-next-line ASE102'), host);
  assert.ok(!a.findings.some((f) => f.code === 'unused-suppression'), codes(a).join('\n'));

  const text = above(broken, '"name": "ase-vnet"', '// ase-lint-disable-next-line ASE102');
  const off = analyze(ARM, text, host, { ruleLevels: new Map([['ASE102', 'off']]) });
  assert.ok(!off.findings.some((f) => f.code === 'unused-suppression' || f.code === 'ASE102'));

  const quiet = analyze(ARM, text, host, { unusedSuppressions: 'off' });
  assert.ok(!quiet.findings.some((f) => f.code === 'unused-suppression'));
  const loud = analyze(ARM, text, host, { unusedSuppressions: 'error' });
  assert.equal(loud.findings.find((f) => f.code === 'unused-suppression')?.severity, 'error');

  const nsgOnly = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-04-01",
      "name": "ase-nsg",
      "properties": {
        "securityRules": [
          // ase-lint-disable-next-line ASE101 used by the ASE module's caller
          { "name": "DenyAll", "properties": { "priority": 100, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
        ]
      }
    }
  ]
}`;
  assert.deepEqual(analyze(ARM, nsgOnly, host).findings.map((f) => f.code), []);
});

test('configured levels change severities and turn rules off', () => {
  const a = analyze(ARM, broken, host, { ruleLevels: new Map([['ASE102', 'hint'], ['ASE103', 'off']]) });
  assert.equal(a.findings.find((f) => f.code === 'ASE102')?.severity, 'hint');
  assert.ok(!a.findings.some((f) => f.code === 'ASE103'));
});

test('Bicep: #disable-next-line and // ase-lint-disable-next-line; #disable-diagnostics … #restore-diagnostics', () => {
  const deny = { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound' as const, access: 'Deny' as const };
  const text = bicepTwin({ rules: [{ name: 'AllowMgmt', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }, deny] });
  const base = analyze(BICEP, text, host);
  assert.ok(base.findings.some((f) => f.code === 'ASE102'), codes(base).join('\n'));
  const pragma = analyze(BICEP, above(text, "name: 'DenyAllInbound'", '#disable-next-line ASE102 BCP081'), host);
  assert.ok(!pragma.findings.some((f) => f.code === 'ASE102'));
  assert.ok(!pragma.findings.some((f) => f.code === 'unknown-rule'), "Bicep's own codes are left alone");
  const comment = analyze(BICEP, above(text, "name: 'DenyAllInbound'", '// ase-lint-disable-next-line inbound-load-balancer'), host);
  assert.ok(!comment.findings.some((f) => f.code === 'ASE102'));
  const region = analyze(BICEP, `#disable-diagnostics ASE102\n${text}`, host);
  assert.ok(!region.findings.some((f) => f.code === 'ASE102'));
  const restored = analyze(BICEP, `#disable-diagnostics ASE102\n#restore-diagnostics ASE102\n${text}`, host);
  assert.ok(restored.findings.some((f) => f.code === 'ASE102'));
});

test('"Suppress … on this line" writes the directive above, indented, and the finding goes', () => {
  const a = analyze(ARM, broken, host);
  const f = a.findings.find((x) => x.code === 'ASE102')!;
  const doc = a.document;
  const fix = suppressLineFix(f, broken, new LineIndex(broken), directivesOf(doc, ARM, host) ?? [], false)!;
  assert.equal(fix.title, 'Suppress ASE102 on this line');
  const once = apply(broken, ARM, fix);
  const line = lines(once)[f.at.range.start.line];
  assert.equal(line, `${/^\s*/.exec(lines(broken)[f.at.range.start.line])![0]}// ase-lint-disable-next-line ASE102`);
  const b = analyze(ARM, once, host);
  assert.ok(!b.findings.some((x) => x.code === 'ASE102'));
  // A second code joins the same comment rather than stacking another.
  const g = b.findings.find((x) => x.code === 'ASE103')!;
  const twice = apply(once, ARM, suppressLineFix(g, once, new LineIndex(once), directivesOf(b.document, ARM, host) ?? [], false)!);
  assert.ok(twice.includes('// ase-lint-disable-next-line ASE102 ASE103\n'));
  assert.equal(lines(twice).length, lines(once).length);

  const bicepText = bicepTwin({ rules: [{ name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny' }] });
  const c = analyze(BICEP, bicepText, host);
  const h = c.findings.find((x) => x.code === 'ASE101')!;
  const fixed = apply(bicepText, BICEP, suppressLineFix(h, bicepText, new LineIndex(bicepText), directivesOf(c.document, BICEP, host) ?? [], true)!);
  assert.match(fixed, /\n\s*#disable-next-line ASE101\n\s*name: 'DenyAllInbound'/);
  assert.ok(!analyze(BICEP, fixed, host).findings.some((x) => x.code === 'ASE101'));
});
