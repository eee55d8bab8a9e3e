import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/engine/analyze';
import type { NetworkModel } from '../../../server/src/model/types';
import { isUnknown } from '../../../server/src/core/value';
import { hostOf } from '../../support/model';
import { armTwin, bicepTwin, type TwinSpec } from '../../support/twin';

/** Back-links and references shown by the key of what they point at (the model is a graph). */
const LINKS = new Set(['vnet', 'nsg', 'table', 'target', 'resource']);
/**
 * What differs by language by design: where things are written, and `dependsOn` (Bicep
 * orders a resource after every resource its body refers to, as its compiler does; the ARM
 * twins declare no dependsOn). Everything else must agree.
 */
const TEXT = (k: string) => k === 'ref' || k.endsWith('Ref') || k.endsWith('Refs') || k === 'dependsOn';

/** The typed content of a model as plain JSON, with source locations left out. */
function typedView(model: NetworkModel): unknown {
  const lists = {
    vnets: model.vnets,
    subnets: model.subnets,
    nsgs: model.nsgs,
    routeTables: model.routeTables,
    ases: model.ases,
    plans: model.plans,
    sites: model.sites,
    gateways: model.gateways,
    connections: model.connections,
    resources: model.resources,
  };
  return JSON.parse(
    JSON.stringify(lists, (key, value) => {
      if (TEXT(key)) return undefined;
      if (isUnknown(value)) return `UNKNOWN: ${value.reason}`;
      if (LINKS.has(key) && value && typeof value === 'object' && 'key' in value) return `→ ${(value as { key: string }).key}`;
      return value;
    }),
  );
}

const CASES: [string, TwinSpec][] = [
  ['no NSG', {}],
  [
    'deny-all NSG on an ASEv2',
    { rules: [{ name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny' }] },
  ],
  [
    'management allowed, then outbound denied',
    {
      rules: [
        { name: 'AllowMgmt', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', portsList: ['454', '455'] },
        { name: 'DenyOut', priority: 200, direction: 'Outbound', access: 'Deny', destination: 'Internet', ports: '443', protocol: 'Tcp' },
      ],
    },
  ],
  ['forced tunnel route', { routes: [['default', '0.0.0.0/0', 'VirtualAppliance']] }],
  ['ASEv3, small subnet, wrong delegation', { kind: 'ASEV3', subnetPrefix: '10.0.1.0/28', delegation: 'Microsoft.Sql/managedInstances', ilbMode: 'Web, Publishing' }],
  ['subnet outside the VNet', { vnetPrefix: '10.9.0.0/16' }],
];

for (const [name, spec] of CASES) {
  test(`ARM and Bicep twins agree: ${name}`, () => {
    const host = hostOf();
    const arm = analyze('file:///work/infra/azuredeploy.json', armTwin(spec), host);
    const bicep = analyze('file:///work/infra/main.bicep', bicepTwin(spec), host);
    assert.deepEqual(bicep.failures, []);
    assert.ok(arm.model && bicep.model);
    assert.deepEqual(typedView(bicep.model), typedView(arm.model));
    assert.deepEqual(bicep.model.unverified.map((u) => u.what), arm.model.unverified.map((u) => u.what));
    const findings = (a: typeof arm) => a.findings.map((f) => `${f.code} ${f.message}`).sort();
    assert.deepEqual(findings(bicep), findings(arm));
    assert.ok(bicep.findings.every((f) => f.at.uri === 'file:///work/infra/main.bicep'));
  });
}

test('the twins are not trivially equal: a deny-all NSG gives findings in both', () => {
  const spec: TwinSpec = { rules: [{ name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny' }] };
  const bicep = analyze('file:///work/infra/main.bicep', bicepTwin(spec), hostOf());
  assert.ok(bicep.findings.some((f) => f.code === 'ASE101'));
});
