import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnknown } from '../../server/src/core/value';
import { assertUnknown, ev, makeScope } from './helpers';

const SUB = '\uE000subscriptionId\uE001';
const RG = '\uE000resourceGroupName\uE001';
const LOC = '\uE000resourceGroupLocation\uE001';

test('copyIndex in all four forms', () => {
  const scope = makeScope({ copyIndex: 2 });
  assert.equal(ev('[copyIndex()]', scope), 2);
  assert.equal(ev('[copyIndex(1)]', scope), 3);
  assert.equal(ev("[concat('nic-', copyIndex(1))]", scope), 'nic-3');
  const named = makeScope({ copyIndex: { subnetLoop: 4 } });
  assert.equal(ev("[copyIndex('subnetLoop')]", named), 4);
  assert.equal(ev("[copyIndex('subnetLoop', 10)]", named), 14);
  assertUnknown(ev("[copyIndex('other')]", named), 'copyIndex() outside a copy loop');
  assertUnknown(ev('[copyIndex()]'), 'copyIndex() outside a copy loop');
  assertUnknown(ev('[copyIndex(true)]', scope), 'copyIndex(): argument 1 is a boolean, expected a loop name or an integer offset');
  assertUnknown(ev("[copyIndex('loop', 'x')]", named), 'copyIndex(): argument 2 is a string, expected an integer offset');
});

test('resourceGroup() is symbolic', () => {
  assert.deepEqual(ev('[resourceGroup()]'), {
    id: `/subscriptions/${SUB}/resourceGroups/${RG}`,
    name: RG,
    type: 'Microsoft.Resources/resourceGroups',
    location: LOC,
    properties: { provisioningState: 'Succeeded' },
  });
  assert.equal(ev('[resourceGroup().location]'), LOC);
  assertUnknown(ev('[resourceGroup().tags]'), "property 'tags' does not exist");
});

test('subscription(), tenant(), deployment() are symbolic', () => {
  const sub = ev('[subscription()]') as Record<string, unknown>;
  assert.equal(sub.id, `/subscriptions/${SUB}`);
  assert.equal(sub.subscriptionId, SUB);
  assert.equal(sub.tenantId, '\uE000tenantId\uE001');
  assert.equal(sub.displayName, '\uE000subscriptionDisplayName\uE001');
  assert.equal(ev('[tenant().tenantId]'), '\uE000tenantId\uE001');
  assert.equal(ev('[deployment().name]'), '\uE000deploymentName\uE001');
  assertUnknown(ev('[deployment().properties.templateLink.uri]'), 'deployment properties are known only at deployment time');
});

test('environment() endpoints are symbolic and compare equal to themselves', () => {
  assert.equal(ev("[concat('privatelink.blob.', environment().suffixes.storage)]"), 'privatelink.blob.\uE000environment().suffixes.storage\uE001');
  assert.equal(ev("[equals(environment().suffixes.storage, environment().suffixes.storage)]"), true);
  assertUnknown(ev("[equals(environment().suffixes.storage, 'core.windows.net')]"), '{environment().suffixes.storage}');
});

test('a deployment target from the scope replaces the symbolic parts', () => {
  const scope = makeScope({ target: { resourceGroupName: 'network-rg', subscriptionId: '0000-1111' } });
  assert.equal(ev('[resourceGroup().id]', scope), '/subscriptions/0000-1111/resourceGroups/network-rg');
  assert.equal(ev('[resourceGroup().location]', scope), LOC);
  assert.equal(
    ev("[resourceId('Microsoft.Network/virtualNetworks', 'v')]", scope),
    '/subscriptions/0000-1111/resourceGroups/network-rg/providers/Microsoft.Network/virtualNetworks/v',
  );
});

test('subscription-level deployments have no resource group', () => {
  const scope = makeScope({ target: { level: 'subscription' } });
  assertUnknown(ev('[resourceGroup()]', scope), 'resourceGroup() is not available in a subscription-level deployment');
  assert.equal(ev('[subscription().id]', scope), `/subscriptions/${SUB}`);
  assert.equal(
    ev("[resourceId('Microsoft.Resources/resourceGroups', 'rg1')]", scope),
    `/subscriptions/${SUB}/providers/Microsoft.Resources/resourceGroups/rg1`,
  );
  assert.ok(isUnknown(ev('[managementGroup()]', scope)));
});

test('management-group and tenant deployments', () => {
  const mg = makeScope({ target: { level: 'managementGroup', managementGroupName: 'corp' } });
  assert.equal(ev('[managementGroup().id]', mg), '/providers/Microsoft.Management/managementGroups/corp');
  assertUnknown(ev('[subscription()]', mg), 'subscription() is not available in a managementGroup-level deployment');
  const tenant = makeScope({ target: { level: 'tenant' } });
  assert.equal(
    ev("[resourceId('Microsoft.Management/managementGroups', 'corp')]", tenant),
    '/providers/Microsoft.Management/managementGroups/corp',
  );
});
