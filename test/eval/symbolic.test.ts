import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareSymbolic,
  describeSymbolic,
  foldCase,
  isSymbolic,
  RESOURCE_GROUP_NAME,
  symbol,
} from '../../server/src/core/symbolic';
import { assertUnknown, ev, makeScope } from './helpers';

const RG = '\uE000resourceGroupName\uE001';

test('markers and their description', () => {
  assert.equal(symbol('resourceGroupName'), RG);
  assert.equal(RESOURCE_GROUP_NAME, RG);
  assert.equal(isSymbolic(`${RG}-vnet`), true);
  assert.equal(isSymbolic('vnet'), false);
  assert.equal(describeSymbolic(`/resourceGroups/${RG}/x`), '/resourceGroups/{resourceGroupName}/x');
  assert.equal(describeSymbolic(ev('[toLower(resourceGroup().name)]') as string), '{toLower(resourceGroupName)}');
  assert.equal(describeSymbolic('plain'), 'plain');
});

test('ids built from the same symbolic parts are equal', () => {
  assert.equal(ev("[equals(resourceId('Microsoft.Network/virtualNetworks', 'v'), resourceId('Microsoft.Network/virtualNetworks', 'v'))]"), true);
  assert.equal(ev("[equals(resourceGroup().id, concat('/subscriptions/', subscription().subscriptionId, '/resourceGroups/', resourceGroup().name))]"), true);
  assert.equal(ev("[equals(resourceGroup().location, resourceGroup().location)]"), true);
});

test('symbolic vs literal: UNKNOWN unless the literal text already differs', () => {
  assertUnknown(ev("[equals(resourceGroup().name, 'rg1')]"), 'the comparison depends on {resourceGroupName}');
  assertUnknown(ev("[equals(resourceGroup().location, 'westeurope')]"), '{resourceGroupLocation}');
  // Different resource names after the markers: unequal whatever the markers are.
  assert.equal(ev("[equals(resourceId('Microsoft.Network/virtualNetworks', 'a'), resourceId('Microsoft.Network/virtualNetworks', 'b'))]"), false);
  // Different literal prefixes: unequal.
  assert.equal(ev("[equals(resourceGroup().id, '/providers/x')]"), false);
  // Same rg name given literally vs symbolically: cannot tell.
  assertUnknown(ev("[equals(resourceId('rg1', 'Microsoft.Network/virtualNetworks', 'a'), resourceId('Microsoft.Network/virtualNetworks', 'a'))]"), '{resourceGroupName}');
});

test('compareSymbolic directly', () => {
  assert.equal(compareSymbolic(`a${RG}b`, `a${RG}b`), true);
  assert.equal(compareSymbolic('abc', 'abd'), false);
  assert.equal(compareSymbolic(`x${RG}`, `y${RG}`), false);
  assert.equal(compareSymbolic(`${RG}x`, `${RG}y`), false);
  assert.equal(compareSymbolic(`${RG}`, 'rg1'), undefined);
  assert.equal(compareSymbolic(`a${RG}z`, 'abcz'), undefined);
});

test('toLower/toUpper keep markers but record the case change', () => {
  assert.equal(ev("[toLower(concat('RG-', resourceGroup().name))]"), 'rg-\uE000toLower(resourceGroupName)\uE001');
  assert.equal(ev('[toUpper(toLower(resourceGroup().name))]'), '\uE000toUpper(resourceGroupName)\uE001');
  assert.equal(ev('[toLower(toLower(resourceGroup().name))]'), ev('[toLower(resourceGroup().name)]'));
  assertUnknown(ev('[equals(toLower(resourceGroup().name), resourceGroup().name)]'), 'depends on');
  assert.equal(foldCase(ev('[toUpper(resourceGroup().name)]') as string), foldCase(RG));
});

test('length, substring, indexOf of symbolic strings are UNKNOWN unless decided by literal text', () => {
  assertUnknown(ev('[length(resourceGroup().name)]'), 'length() depends on {resourceGroupName}');
  assertUnknown(ev('[substring(resourceGroup().name, 0, 2)]'), 'substring() depends on {resourceGroupName}');
  assert.equal(ev('[substring(resourceGroup().id, 0, 15)]'), '/subscriptions/');
  assertUnknown(ev('[substring(resourceGroup().id, 10)]'), 'substring() depends on');
  assertUnknown(ev("[indexOf(resourceGroup().name, 'a')]"), 'indexOf() depends on');
  assert.equal(ev("[indexOf(resourceGroup().id, 'subscriptions')]"), 1);
  assertUnknown(ev("[lastIndexOf(resourceGroup().id, '/')]"), 'lastIndexOf() depends on');
  assert.equal(ev("[startsWith(resourceGroup().id, '/SUBSCRIPTIONS/')]"), true);
  assert.equal(ev("[startsWith(resourceGroup().id, '/providers/')]"), false);
  assertUnknown(ev("[startsWith(resourceGroup().name, 'rg')]"), 'startsWith() depends on');
  assert.equal(ev("[endsWith(resourceId('Microsoft.Network/virtualNetworks', 'hub'), '/hub')]"), true);
  assertUnknown(ev("[endsWith(resourceGroup().id, 'x')]"), 'endsWith() depends on');
  assert.equal(ev("[endsWith(concat(resourceGroup().name, '-x'), 'a-y')]"), false);
});

test('contains, empty, first/last, take/skip, replace, split, trim, padLeft, json on symbolic strings', () => {
  assert.equal(ev("[contains(resourceGroup().id, '/resourceGroups/')]"), true);
  assertUnknown(ev("[contains(resourceGroup().id, 'prod')]"), 'contains() depends on');
  assert.equal(ev('[empty(resourceGroup().id)]'), false);
  assertUnknown(ev('[empty(resourceGroup().name)]'), 'empty() depends on');
  assert.equal(ev('[first(resourceGroup().id)]'), '/');
  assertUnknown(ev('[first(resourceGroup().name)]'), 'first() depends on');
  assertUnknown(ev('[last(resourceGroup().id)]'), 'last() depends on');
  assert.equal(ev('[take(resourceGroup().id, 3)]'), '/su');
  assert.equal(ev('[skip(resourceGroup().id, 15)]'), `\uE000subscriptionId\uE001/resourceGroups/${RG}`);
  assertUnknown(ev('[take(resourceGroup().id, 20)]'), 'take() depends on');
  assertUnknown(ev("[replace(resourceGroup().name, '-', '')]"), 'replace() depends on {resourceGroupName}');
  assertUnknown(ev("[split(resourceGroup().id, '/')]"), 'split() depends on');
  assert.equal(ev("[trim(concat('x', resourceGroup().name, 'y'))]"), `x${RG}y`);
  assertUnknown(ev('[trim(resourceGroup().name)]'), 'trim() depends on');
  assertUnknown(ev("[padLeft(resourceGroup().name, 5, '0')]"), 'padLeft() depends on');
  assertUnknown(ev('[json(resourceGroup().name)]'), 'json() depends on');
  assertUnknown(ev("[format('{0,10}', resourceGroup().name)]"), 'format(): the alignment of {0} depends on a deployment-time value');
  assert.equal(ev("[format('{0}-vnet', resourceGroup().name)]"), `${RG}-vnet`);
});

test('comparison and lookup with symbolic values', () => {
  assertUnknown(ev("[less(resourceGroup().name, 'm')]"), 'less() depends on');
  assert.equal(ev("[less(concat('a', resourceGroup().name), 'b')]"), true);
  assertUnknown(ev("[createObject('westeurope', 1)[resourceGroup().location]]"), 'the property name depends on {resourceGroupLocation}');
  assertUnknown(ev("[contains(createObject('westeurope', 1), resourceGroup().location)]"), 'contains() depends on');
  assertUnknown(ev("[contains(createArray('westeurope'), resourceGroup().location)]"), 'depends on {resourceGroupLocation}');
  assert.equal(ev('[contains(createArray(resourceGroup().location), resourceGroup().location)]'), true);
  assertUnknown(ev("[union(createArray(resourceGroup().name), createArray('rg1'))]"), 'union(): cannot tell whether items are distinct');
});

test('a location parameter defaulting to the resource group compares equal to it', () => {
  const scope = makeScope({ parameters: { location: ev('[resourceGroup().location]') } });
  assert.equal(ev("[equals(parameters('location'), resourceGroup().location)]", scope), true);
});
