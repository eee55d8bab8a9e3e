import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { dependencyStatuses, dependencyTable } from '../../server/src/query/aseStatus';
import { aseSites } from '../../server/src/rules/support/aseSite';
import { explainAses } from '../../server/src/query/explainDependencies';
import { aseTemplate, nsgRule, route } from '../support/templates';

function statusesOf(text: string) {
  const analysis = analyze('file:///t.json', text, { readFile: () => undefined });
  const model = analysis.model!;
  const [site] = aseSites(model);
  return { statuses: dependencyStatuses(site, model), findings: analysis.findings };
}

test('each dependency with its status and the rule or route that decides it', () => {
  const { statuses } = statusesOf(
    aseTemplate({
      securityRules: [
        nsgRule('AllowMgmt', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }),
        nsgRule('DenyAllInbound', { priority: 4096, direction: 'Inbound', access: 'Deny' }, true),
      ],
      routes: [route('fw', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4', true)],
    }),
  );
  const byCode = (code: string) => statuses.filter((s) => s.code === code).map((s) => `${s.status}: ${s.detail}`);
  assert.deepEqual(byCode('ASE101'), ["allowed: allowed by rule 'AllowMgmt', priority 100"]);
  assert.deepEqual(byCode('ASE102'), ["blocked: blocked by rule 'DenyAllInbound', priority 4096"]);
  assert.deepEqual(byCode('ASE201'), ["allowed: allowed by Azure's default rule 'AllowInternetOutBound', priority 65001"]);
  assert.deepEqual(byCode('ASE301'), ["blocked: blocked by route 'fw' (0.0.0.0/0 → VirtualAppliance)"]);
  assert.deepEqual(byCode('ASE106'), [], 'ASEv3 rows are not shown for an ASEv2');
});

test('statuses agree with the diagnostics: blocked exactly where a rule reports', () => {
  const { statuses, findings } = statusesOf(
    aseTemplate({ securityRules: [nsgRule('DenyAllOutbound', { priority: 4096, direction: 'Outbound', access: 'Deny' }, true)] }),
  );
  const blocked = [...new Set(statuses.filter((s) => s.status === 'blocked').map((s) => s.code))].sort();
  // Only the rules the table shows (lifecycle notes such as ASE901 have no dependency row).
  const covered = new Set(statuses.map((s) => s.code));
  const reported = [...new Set(findings.filter((f) => covered.has(f.code)).map((f) => f.code))].sort();
  assert.deepEqual(blocked, reported);
  // Management and app access are blocked too: an NSG without an inbound allow denies them through Azure's DenyAllInBound.
  assert.deepEqual(blocked, ['ASE101', 'ASE104', 'ASE201', 'ASE202', 'ASE203', 'ASE204', 'ASE205', 'ASE206']);
});

test('no NSG, unresolved NSG and the table form', () => {
  assert.ok(statusesOf(aseTemplate()).statuses.every((s) => s.status === 'allowed'));
  const unresolved = statusesOf(
    aseTemplate({ securityRules: [nsgRule('AllowMgmt', { priority: "[parameters('p')]", direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }), nsgRule('Deny', { priority: 1000, direction: 'Inbound', access: 'Deny' }, true)] }),
  ).statuses.find((s) => s.code === 'ASE101')!;
  assert.equal(unresolved.status, 'unknown');
  assert.match(unresolved.detail, /^unknown: /);
  const table = dependencyTable([{ code: 'ASE101', what: 'a | b', status: 'blocked', detail: "blocked by rule 'X'" }]);
  assert.equal(table, "| Rule | Dependency | Status | Why |\n|---|---|---|---|\n| `ASE101` | a \\| b | **blocked** | by rule 'X' |");
});

test('the rule named as deciding is the one that decides, not an earlier rule that allows part of the flow', () => {
  const text = aseTemplate({
    securityRules: [
      nsgRule('AllowStorage', { priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination: 'Storage', ports: '443' }),
      nsgRule('AllowDns', { priority: 110, direction: 'Outbound', access: 'Allow', protocol: '*', destination: '*', ports: '53' }),
      nsgRule('AllowVnetOut', { priority: 200, direction: 'Outbound', access: 'Allow', source: 'VirtualNetwork', destination: 'VirtualNetwork' }),
      nsgRule('AllowInternet', { priority: 300, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination: 'Internet', portsList: ['80', '443'] }, true),
    ],
  });
  const { statuses } = statusesOf(text);
  const byCode = (code: string) => statuses.filter((s) => s.code === code).map((s) => s.detail);
  assert.deepEqual(byCode('ASE204'), ["allowed by rule 'AllowInternet', priority 300 (rule 'AllowStorage', priority 100 allows part of it)"]);
  assert.deepEqual(byCode('ASE203'), ["allowed by rule 'AllowVnetOut', priority 200 (rule 'AllowDns', priority 110 allows part of it)"]);
  assert.deepEqual(byCode('ASE205'), ["allowed by rule 'AllowDns', priority 110"]);
  // The explain diagram names the same rule, at its place in the text.
  const analysis = analyze('file:///t.json', text, { readFile: () => undefined });
  const deps = explainAses(analysis)[0].dependencies;
  const decided = (code: string) => deps.filter((d) => d.code === code).map((d) => [d.decidedBy, d.decidedAt?.range.start.line]);
  const lineOf = (name: string) => text.split('\n').findIndex((l) => l.includes(`"name": "${name}"`));
  assert.deepEqual(decided('ASE204'), [['AllowInternet', lineOf('AllowInternet')]]);
  assert.deepEqual(decided('ASE203'), [['AllowVnetOut', lineOf('AllowVnetOut')]]);
  assert.deepEqual(decided('ASE205'), [['AllowDns', lineOf('AllowDns')]]);
});
