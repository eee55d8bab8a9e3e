// reference() of a deployment or a resource declared in the analysed files: compiled Bicep
// passes every module output as `reference(<deployment id>).outputs.<name>.value`, and a
// module's output `vnet.properties.subnets[0].id` becomes `reference(<vnet id>).subnets[0].id`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnknown } from '../../server/src/core/value';
import { parameterSymbol } from '../../server/src/core/symbolic';
import { build, template } from '../support/model';

const DEPLOYMENTS = 'Microsoft.Resources/deployments';

/** A nested deployment with inner scope that creates a VNet and gives its subnet's id as an output, the way Bicep compiles a module. */
function network(name: string, outputValue: string) {
  return {
    type: DEPLOYMENTS,
    apiVersion: '2022-09-01',
    name,
    properties: {
      mode: 'Incremental',
      expressionEvaluationOptions: { scope: 'inner' },
      parameters: { vnetName: { value: "[format('{0}-vnet', parameters('prefix'))]" } },
      template: JSON.parse(
        template({
          parameters: { vnetName: { type: 'string' } },
          resources: [
            {
              type: 'Microsoft.Network/virtualNetworks',
              apiVersion: '2023-04-01',
              name: "[parameters('vnetName')]",
              properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'ase', properties: { addressPrefix: '10.0.1.0/24' } }] },
            },
          ],
          outputs: { subnetId: { type: 'string', value: outputValue } },
        }),
      ),
    },
  };
}

function aseDeployment(subnetId: string) {
  return {
    type: DEPLOYMENTS,
    apiVersion: '2022-09-01',
    name: 'ase',
    properties: {
      mode: 'Incremental',
      expressionEvaluationOptions: { scope: 'inner' },
      parameters: { subnetId: { value: subnetId } },
      template: JSON.parse(
        template({
          parameters: { subnetId: { type: 'string' } },
          resources: [{ type: 'Microsoft.Web/hostingEnvironments', apiVersion: '2022-03-01', name: 'my-ase', kind: 'ASEV3', properties: { virtualNetwork: { id: "[parameters('subnetId')]" } } }],
        }),
      ),
    },
  };
}

test("a module's output read through reference() links the ASE to the subnet the module declares", () => {
  for (const output of [
    "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'ase')]",
    // What Bicep writes for `vnet.properties.subnets[0].id`: the subnet ids of a declared VNet.
    "[reference(resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName')), '2023-04-01').subnets[0].id]",
  ]) {
    for (const read of [
      `[reference(resourceId('${DEPLOYMENTS}', 'network')).outputs.subnetId.value]`,
      `[reference(resourceId('${DEPLOYMENTS}', 'network'), '2022-09-01', 'Full').properties.outputs.subnetId.value]`,
    ]) {
      const { model } = build(template({ parameters: { prefix: { type: 'string' } }, resources: [network('network', output), aseDeployment(read)] }));
      const ase = model.ases[0];
      assert.ok(String(ase.subnet?.id).endsWith(`/virtualNetworks/${parameterSymbol('prefix')}-vnet/subnets/ase`), `${output} / ${read}`);
      assert.equal(ase.subnet?.target, model.subnets[0]);
      assert.deepEqual(model.unverified, []);
    }
  }
});

test('a deployment declared later is read (reference() orders the deployment, not the array); an undecided one, or a property Azure adds at deployment, stays unknown', () => {
  const later = build(template({ parameters: { prefix: { type: 'string' } }, resources: [aseDeployment(`[reference(resourceId('${DEPLOYMENTS}', 'network')).outputs.subnetId.value]`), network('network', "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'ase')]")] })).model;
  assert.equal(later.ases[0].subnet?.target, later.subnets[0]);
  const undecided = network('network', "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'ase')]");
  const maybe = build(
    template({
      parameters: { prefix: { type: 'string' }, deploy: { type: 'bool' } },
      resources: [{ ...undecided, condition: "[parameters('deploy')]" }, aseDeployment(`[reference(resourceId('${DEPLOYMENTS}', 'network')).outputs.subnetId.value]`)],
    }),
  ).model;
  assert.ok(isUnknown(maybe.ases[0].subnet?.id));
  const provisioning = build(
    template({
      parameters: { prefix: { type: 'string' } },
      resources: [network('network', "[reference(resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))).provisioningState]"), aseDeployment(`[reference(resourceId('${DEPLOYMENTS}', 'network')).outputs.subnetId.value]`)],
    }),
  ).model;
  assert.ok(isUnknown(provisioning.ases[0].subnet?.id));
});
