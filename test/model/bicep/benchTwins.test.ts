// The benchmark sets each Bicep figure next to JSON.parse of the same template in ARM
// JSON: that is fair only while the generated Bicep file and its ARM twin describe the
// same deployment. Here, on small instances of every generated shape, both analyse to
// the same model (counted) and the same findings (code and message).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/engine/analyze';
import type { Analysis } from '../../../server/src/engine/analyze';
import { armTemplate } from '../../../scripts/bench/armTemplate';
import { bicepTemplate } from '../../../scripts/bench/bicepTemplate';
import { hubSpokeArm, hubSpokeBicep } from '../../../scripts/bench/hubSpoke';
import { manySmallArm, manySmallBicep } from '../../../scripts/bench/manySmall';

const noFiles = { readFile: () => undefined };

function counts(a: Analysis): Record<string, number> {
  const m = a.model!;
  return {
    ases: m.ases.length,
    nsgs: m.nsgs.length,
    rules: m.nsgs.reduce((n, g) => n + (Array.isArray(g.securityRules) ? g.securityRules.length : 0), 0),
    subnets: m.subnets.length,
    vnets: m.vnets.length,
    routeTables: m.routeTables.length,
    sites: m.sites.length,
  };
}

const findings = (a: Analysis) => a.findings.map((f) => `${f.code} ${f.message}`).sort();

for (const [shape, arm, bicep, expected] of [
  ['few large stacks', armTemplate(2, 24), bicepTemplate(2, 24), ['ASE104', 'ASE303', 'ASE901']],
  // Twelve stacks: stack 4 and 9 deny Azure SQL early, peers of the application rules fall in other stacks' ASE subnets, and
  // the NSGs let only TCP 443 out to the internet (ASE204 asks for 80 too since the December 2026 revision).
  ['many small stacks', manySmallArm(12), manySmallBicep(12), ['ASE104', 'ASE202', 'ASE204', 'ASE802', 'ASE901']],
  // Four spokes of six NSGs: the fourth NSG admits only part of the ASE subnet.
  ['hub and spoke', hubSpokeArm(4), hubSpokeBicep(4), ['ASE801']],
] as const) {
  test(`benchmark shape '${shape}': the Bicep file and its ARM twin give the same model and findings`, () => {
    const a = analyze('file:///bench/twin.json', arm, noFiles);
    const b = analyze('file:///bench/twin.bicep', bicep, noFiles);
    assert.deepEqual(a.failures, []);
    assert.deepEqual(b.failures, []);
    assert.deepEqual(counts(b), counts(a));
    assert.deepEqual(findings(b), findings(a));
    // The shape exercises what it is meant to: the findings it was written to produce, and nothing unresolved.
    assert.deepEqual([...new Set(a.findings.map((f) => f.code))].sort(), expected);
  });
}
