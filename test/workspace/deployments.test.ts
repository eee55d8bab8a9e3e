// Compiled Bicep passes one module's output to the next through reference() of the
// nested deployment; a module's output reads its own VNet back with reference().
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, SCHEMA } from '../support/model';

const DEPLOYMENTS = 'Microsoft.Resources/deployments';

function nested(name: string, template: object, parameters: Record<string, unknown> = {}, extra: object = {}) {
  return {
    type: DEPLOYMENTS,
    apiVersion: '2022-09-01',
    name,
    ...extra,
    properties: {
      expressionEvaluationOptions: { scope: 'inner' },
      mode: 'Incremental',
      parameters: Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, { value: v }])),
      template: { $schema: SCHEMA, contentVersion: '1.0.0.0', ...template },
    },
  };
}

const network = nested(
  'network',
  {
    parameters: { vnetName: { type: 'string' } },
    resources: [
      {
        type: 'Microsoft.Network/virtualNetworks',
        apiVersion: '2023-04-01',
        name: "[parameters('vnetName')]",
        location: 'westeurope',
        properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'ase', properties: { addressPrefix: '10.0.1.0/24' } }] },
      },
    ],
    outputs: {
      subnetResourceId: { type: 'string', value: "[reference(resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName')), '2023-04-01').subnets[0].id]" },
      subnetIds: { type: 'array', copy: { count: 1, input: "[format('{0}/subnets/{1}', resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName')), 'ase')]" } },
      guid: { type: 'string', value: "[reference(resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName')), '2023-04-01').resourceGuid]" },
    },
  },
  { vnetName: 'ase-vnet' },
);

function aseDeployment(subnetExpression: string) {
  return nested(
    'ase',
    {
      parameters: { subnetResourceId: { type: 'string' } },
      resources: [
        {
          type: 'Microsoft.Web/hostingEnvironments',
          apiVersion: '2022-03-01',
          name: 'my-ase',
          location: 'westeurope',
          kind: 'ASEV3',
          properties: { virtualNetwork: { id: "[parameters('subnetResourceId')]" } },
        },
      ],
    },
    { subnetResourceId: subnetExpression },
    { dependsOn: ["[resourceId('Microsoft.Resources/deployments', 'network')]"] },
  );
}

test("reference() of a nested deployment gives its outputs, and a module's output reads its declared VNet back with the subnets' ids", () => {
  for (const expression of [
    "[reference(resourceId('Microsoft.Resources/deployments', 'network'), '2022-09-01').outputs.subnetResourceId.value]",
    "[reference(extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, resourceGroup().name), 'Microsoft.Resources/deployments', 'network')).outputs.subnetIds.value[0]]",
    "[reference('network', '2022-09-01', 'Full').properties.outputs.subnetResourceId.value]",
  ]) {
    const { model } = build(JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [aseDeployment(expression), network] }, null, 2));
    assert.equal(model.ases[0].subnet?.target, model.subnets[0], expression);
  }
});

test('what Azure adds at deployment stays unknown; a deployment under a false condition has no outputs', () => {
  const readsGuid = aseDeployment("[reference(resourceId('Microsoft.Resources/deployments', 'network')).outputs.guid.value]");
  const { model } = build(JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [readsGuid, network] }, null, 2));
  assert.equal(model.ases[0].subnet?.target, undefined);
  assert.ok(model.unverified.some((u) => u.what.includes("property 'resourceGuid' does not exist")));
  const off = { ...network, condition: false };
  const none = build(JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [aseDeployment("[reference(resourceId('Microsoft.Resources/deployments', 'network')).outputs.subnetResourceId.value]"), off] }, null, 2)).model;
  assert.equal(none.ases[0].subnet?.target, undefined);
  assert.ok(none.unverified.some((u) => u.what.includes('not deployed')));
});
