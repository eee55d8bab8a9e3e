import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatResourceId, parseResourceId, resourceKey, resourceKeyFromId } from '../../server/src/eval/resourceId';
import { assertUnknown, ev, makeScope } from './helpers';

const SUB = '\uE000subscriptionId\uE001';
const RG = '\uE000resourceGroupName\uE001';
const HERE = `/subscriptions/${SUB}/resourceGroups/${RG}`;

test('resourceId in the current resource group', () => {
  assert.equal(ev("[resourceId('Microsoft.Network/virtualNetworks', 'vnet1')]"), `${HERE}/providers/Microsoft.Network/virtualNetworks/vnet1`);
});

test('resourceId of a child type needs one name per type segment', () => {
  assert.equal(
    ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 'ase')]"),
    `${HERE}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/ase`,
  );
  assert.equal(
    ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1/ase')]"),
    `${HERE}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/ase`,
    'names joined with / count segment by segment',
  );
  assertUnknown(ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1')]"), "resourceId(): 'Microsoft.Network/virtualNetworks/subnets' needs 2 resource names, got 1");
  assertUnknown(ev("[resourceId('Microsoft.Network/virtualNetworks', 'a', 'b')]"), 'needs 1 resource name, got 2');
});

test('resourceId in another resource group (cross-resource-group)', () => {
  assert.equal(
    ev("[resourceId('network-rg', 'Microsoft.Network/virtualNetworks/subnets', 'hub', 'ase')]"),
    `/subscriptions/${SUB}/resourceGroups/network-rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/ase`,
  );
});

test('resourceId in another subscription (cross-subscription)', () => {
  assert.equal(
    ev("[resourceId('1111-2222', 'network-rg', 'Microsoft.Network/virtualNetworks', 'hub')]"),
    '/subscriptions/1111-2222/resourceGroups/network-rg/providers/Microsoft.Network/virtualNetworks/hub',
  );
  const scope = makeScope({ parameters: { sub: 'abcd', rg: 'rg2' } });
  assert.equal(
    ev("[resourceId(parameters('sub'), parameters('rg'), 'Microsoft.Network/networkSecurityGroups', 'nsg')]", scope),
    '/subscriptions/abcd/resourceGroups/rg2/providers/Microsoft.Network/networkSecurityGroups/nsg',
  );
});

test('resourceId errors and unknowns', () => {
  assertUnknown(ev("[resourceId('a', 'b', 'c', 'Microsoft.Network/virtualNetworks', 'v')]"), 'resourceId(): 3 arguments before the resource type; at most 2 allowed');
  assertUnknown(ev("[resourceId('vnet', 'x')]"), "resourceId(): no resource type (an argument containing '/')");
  assertUnknown(ev("[resourceId('Microsoft.Network/virtualNetworks', 1)]"), 'resourceId(): argument 2 is an integer, expected a string');
  assertUnknown(ev("[resourceId('Microsoft.Network//x', 'v', 'w')]"), "is not a resource type");
  assertUnknown(ev("[resourceId('Microsoft.Network/virtualNetworks', parameters('name'))]"), "parameter 'name' has no value");
  assertUnknown(ev("[resourceId(parameters('rg'), 'Microsoft.Network/virtualNetworks', 'v')]"), "parameter 'rg' has no value");
});

test('subscriptionResourceId', () => {
  assert.equal(
    ev("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'abc')]"),
    `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/abc`,
  );
  assert.equal(
    ev("[subscriptionResourceId('9999', 'Microsoft.Authorization/roleDefinitions', 'abc')]"),
    '/subscriptions/9999/providers/Microsoft.Authorization/roleDefinitions/abc',
  );
  assertUnknown(ev("[subscriptionResourceId('s', 'rg', 'Microsoft.Authorization/roleDefinitions', 'abc')]"), 'at most 1 allowed');
});

test('tenantResourceId and managementGroupResourceId', () => {
  assert.equal(ev("[tenantResourceId('Microsoft.Billing/billingAccounts', 'b1')]"), '/providers/Microsoft.Billing/billingAccounts/b1');
  assert.equal(
    ev("[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'p')]"),
    '/providers/Microsoft.Management/managementGroups/\uE000managementGroupName\uE001/providers/Microsoft.Authorization/policyDefinitions/p',
  );
  assert.equal(
    ev("[managementGroupResourceId('corp', 'Microsoft.Authorization/policyDefinitions', 'p')]"),
    '/providers/Microsoft.Management/managementGroups/corp/providers/Microsoft.Authorization/policyDefinitions/p',
  );
});

test('extensionResourceId appends to the extended resource', () => {
  assert.equal(
    ev("[extensionResourceId(resourceId('Microsoft.Network/virtualNetworks', 'v'), 'Microsoft.Authorization/locks', 'lock1')]"),
    `${HERE}/providers/Microsoft.Network/virtualNetworks/v/providers/Microsoft.Authorization/locks/lock1`,
  );
  assertUnknown(ev("[extensionResourceId(1, 'Microsoft.Authorization/locks', 'l')]"), 'extensionResourceId(): argument 1 is an integer, expected a resource id');
  assertUnknown(ev("[extensionResourceId('/x', 'Microsoft.Authorization/locks', 2)]"), 'extensionResourceId(): argument 3 is an integer');
});

test('reference(id, api, Full).id is the id; other reference results ask the scope', () => {
  assert.equal(
    ev("[reference(resourceId('Microsoft.Network/virtualNetworks', 'v'), '2023-01-01', 'Full').id]"),
    `${HERE}/providers/Microsoft.Network/virtualNetworks/v`,
  );
  assert.equal(
    ev("[reference('/subscriptions/s/resourceGroups/r/providers/Microsoft.Web/hostingEnvironments/ase', '2022-03-01', 'full').resourceId]"),
    '/subscriptions/s/resourceGroups/r/providers/Microsoft.Web/hostingEnvironments/ase',
  );
  assertUnknown(ev("[reference('vnetName', '2023-01-01', 'Full').id]"), 'reference() is known only at deployment time');
  assertUnknown(ev("[reference(resourceId('Microsoft.Network/virtualNetworks', 'v'), '2023-01-01').id]"), 'reference() is known only at deployment time');
  const seen: unknown[] = [];
  const scope = makeScope({
    reference: (args) => {
      seen.push(args);
      return { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } };
    },
  });
  assert.equal(ev("[reference('vnet1').addressSpace.addressPrefixes[0]]", scope), '10.0.0.0/16');
  assert.deepEqual(seen, [['vnet1']]);
});

test('parseResourceId: resource-group level, child types', () => {
  assert.deepEqual(parseResourceId('/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/default'), {
    subscriptionId: 's1',
    resourceGroup: 'rg1',
    namespace: 'Microsoft.Network',
    types: ['virtualNetworks', 'subnets'],
    names: ['vnet1', 'default'],
    fullType: 'Microsoft.Network/virtualNetworks/subnets',
  });
});

test('parseResourceId: keywords are case-insensitive', () => {
  assert.deepEqual(parseResourceId('/SUBSCRIPTIONS/s1/resourcegroups/rg1/PROVIDERS/Microsoft.Web/hostingEnvironments/ase'), {
    subscriptionId: 's1',
    resourceGroup: 'rg1',
    namespace: 'Microsoft.Web',
    types: ['hostingEnvironments'],
    names: ['ase'],
    fullType: 'Microsoft.Web/hostingEnvironments',
  });
});

test('parseResourceId: subscription, tenant and management-group levels', () => {
  assert.deepEqual(parseResourceId('/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/r1'), {
    subscriptionId: 's1',
    namespace: 'Microsoft.Authorization',
    types: ['roleDefinitions'],
    names: ['r1'],
    fullType: 'Microsoft.Authorization/roleDefinitions',
  });
  assert.deepEqual(parseResourceId('/providers/Microsoft.Billing/billingAccounts/b1'), {
    namespace: 'Microsoft.Billing',
    types: ['billingAccounts'],
    names: ['b1'],
    fullType: 'Microsoft.Billing/billingAccounts',
  });
  assert.deepEqual(parseResourceId('/providers/Microsoft.Management/managementGroups/corp/providers/Microsoft.Authorization/policyDefinitions/p'), {
    namespace: 'Microsoft.Authorization',
    types: ['policyDefinitions'],
    names: ['p'],
    fullType: 'Microsoft.Authorization/policyDefinitions',
    scope: '/providers/Microsoft.Management/managementGroups/corp',
  });
});

test('parseResourceId: resource groups and subscriptions themselves', () => {
  assert.deepEqual(parseResourceId('/subscriptions/s1/resourceGroups/rg1'), {
    subscriptionId: 's1',
    resourceGroup: 'rg1',
    namespace: 'Microsoft.Resources',
    types: ['resourceGroups'],
    names: ['rg1'],
    fullType: 'Microsoft.Resources/resourceGroups',
  });
  assert.deepEqual(parseResourceId('/subscriptions/s1'), {
    namespace: 'Microsoft.Resources',
    types: ['subscriptions'],
    names: ['s1'],
    fullType: 'Microsoft.Resources/subscriptions',
  });
});

test('parseResourceId: extension resources take the type of the last providers section', () => {
  assert.deepEqual(
    parseResourceId('/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v/providers/Microsoft.Authorization/locks/l1'),
    {
      subscriptionId: 's1',
      resourceGroup: 'rg1',
      namespace: 'Microsoft.Authorization',
      types: ['locks'],
      names: ['l1'],
      fullType: 'Microsoft.Authorization/locks',
      scope: '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v',
    },
  );
  // A resource literally named "providers" is a name, not a new section.
  assert.deepEqual(parseResourceId('/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/providers/subnets/a')?.names, ['providers', 'a']);
});

test('parseResourceId: ids without the subscription prefix', () => {
  assert.deepEqual(parseResourceId('Microsoft.Network/virtualNetworks/vnet1/subnets/s1'), {
    namespace: 'Microsoft.Network',
    types: ['virtualNetworks', 'subnets'],
    names: ['vnet1', 's1'],
    fullType: 'Microsoft.Network/virtualNetworks/subnets',
  });
});

test('parseResourceId: symbolic ids parse like literal ones', () => {
  const id = ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 's')]") as string;
  assert.deepEqual(parseResourceId(id), {
    subscriptionId: SUB,
    resourceGroup: RG,
    namespace: 'Microsoft.Network',
    types: ['virtualNetworks', 'subnets'],
    names: ['v', 's'],
    fullType: 'Microsoft.Network/virtualNetworks/subnets',
  });
});

test('parseResourceId: garbage is undefined', () => {
  for (const bad of [
    '',
    '/',
    'vnet1',
    'a/b',
    'a/b/c',
    'Microsoft.Network/virtualNetworks',
    'Microsoft.Network/virtualNetworks/v/subnets',
    '/subscriptions',
    '/subscriptions/s/resourceGroups',
    '/subscriptions/s/resourceGroups/r/providers',
    '/subscriptions/s/resourceGroups/r/providers/Microsoft.Network',
    '/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks',
    '/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnets',
    '/subscriptions/s/resourceGroups/r/foo/bar',
    '/subscriptions//resourceGroups/r',
    '/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/',
    '//providers/Microsoft.Network/virtualNetworks/v',
    '/providers/Microsoft.Network/virtualNetworks/v/providers',
    '/foo/bar',
  ]) {
    assert.equal(parseResourceId(bad), undefined, `should reject ${JSON.stringify(bad)}`);
  }
  assert.equal(parseResourceId(undefined as unknown as string), undefined);
});

test('resourceKey: lower-cased type then names', () => {
  assert.equal(resourceKey('Microsoft.Network/virtualNetworks/subnets', ['VNet1', 'Default']), 'microsoft.network/virtualnetworks/subnets/vnet1/default');
  assert.equal(
    resourceKeyFromId('/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/VNet1/subnets/Default'),
    'microsoft.network/virtualnetworks/subnets/vnet1/default',
  );
  assert.equal(resourceKeyFromId('Microsoft.Network/virtualNetworks/vnet1'), 'microsoft.network/virtualnetworks/vnet1');
  assert.equal(resourceKeyFromId('nonsense'), undefined);
});

test('resourceKey folds symbolic case wrappers so toLower(rg) matches rg', () => {
  const plain = ev("[resourceId('Microsoft.Network/virtualNetworks', concat(resourceGroup().name, '-vnet'))]") as string;
  const lowered = ev("[toLower(resourceId('Microsoft.Network/virtualNetworks', concat(resourceGroup().name, '-vnet')))]") as string;
  assert.notEqual(plain, lowered);
  assert.equal(resourceKeyFromId(plain), resourceKeyFromId(lowered));
  assert.equal(resourceKeyFromId(plain), `microsoft.network/virtualnetworks/${RG.toLowerCase()}-vnet`);
});

test('formatResourceId at each level', () => {
  assert.equal(
    formatResourceId('s1', 'rg1', 'Microsoft.Network/virtualNetworks/subnets', ['v', 'a']),
    '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v/subnets/a',
  );
  assert.equal(formatResourceId(undefined, 'rg1', 'Microsoft.Network/virtualNetworks', ['v']), `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v`);
  assert.equal(formatResourceId('s1', undefined, 'Microsoft.Authorization/roleDefinitions', ['r']), '/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/r');
  assert.equal(formatResourceId(undefined, undefined, 'Microsoft.Billing/billingAccounts', ['b']), '/providers/Microsoft.Billing/billingAccounts/b');
});

test('formatResourceId and parseResourceId round-trip', () => {
  const id = formatResourceId('s', 'r', 'Microsoft.Network/virtualNetworks/subnets', ['v', 'a']);
  const p = parseResourceId(id)!;
  assert.equal(formatResourceId(p.subscriptionId, p.resourceGroup, p.fullType, p.names), id);
  assert.equal(resourceKeyFromId(id), resourceKey('Microsoft.Network/virtualNetworks/subnets', ['v', 'a']));
});

test('resourceId accepts a type with a trailing slash, as ARM does', () => {
  assert.equal(ev("[resourceId('Microsoft.Network/virtualNetworks/', 'vnet1')]"), `${HERE}/providers/Microsoft.Network/virtualNetworks/vnet1`);
  assertUnknown(ev("[resourceId('Microsoft.Network//virtualNetworks', 'vnet1')]"), 'is not a resource type');
});
