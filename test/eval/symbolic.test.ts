import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  callSymbol,
  compareSymbolic,
  dependsOnSymbols,
  describeSymbolic,
  foldCase,
  forgetMadeSymbols,
  isSymbolic,
  parameterSymbol,
  qualifyFresh,
  RESOURCE_GROUP_NAME,
  symbol,
  symbolicReason,
  symbolNames,
} from '../../server/src/core/symbolic';
import { isUnknown, lazyUnknown } from '../../server/src/core/value';
import { evaluateIdentity } from '../../server/src/lower/arm/convert';
import { parseResourceId } from '../../server/src/eval/resourceId';
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

test('length, indexOf of symbolic strings are UNKNOWN unless decided by literal text; substring is a symbol', () => {
  assertUnknown(ev('[length(resourceGroup().name)]'), 'length() depends on {resourceGroupName}');
  assert.equal(describeSymbolic(ev('[substring(resourceGroup().name, 0, 2)]') as string), "{substring('{resourceGroupName}', 0, 2)}");
  assert.equal(ev('[substring(resourceGroup().id, 0, 15)]'), '/subscriptions/');
  assert.equal(ev('[substring(resourceGroup().id, 10)]'), ev('[substring(resourceGroup().id, 10)]'), 'the same cut of the same string is the same symbol');
  assertUnknown(ev('[equals(substring(resourceGroup().id, 10), substring(resourceGroup().id, 11))]'), 'depends on');
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
  assert.equal(describeSymbolic(ev('[take(resourceGroup().id, 20)]') as string), "{take('/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}', 20)}");
  assert.equal(describeSymbolic(ev("[replace(resourceGroup().name, '-', '')]") as string), "{replace('{resourceGroupName}', '-', '')}");
  assertUnknown(ev("[length(replace(resourceGroup().name, '-', ''))]"), 'length() depends on');
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

// Symbols of parameters without a value and of functions only the deployment answers.
const P = (name: string) => parameterSymbol(name);
const withPrefix = makeScope({ parameters: { prefix: P('prefix'), other: P('other') } });

test('the same expression gives the same symbol; concat, format and interpolation give symbolic strings', () => {
  assert.equal(ev("[uniqueString(resourceGroup().id)]"), ev("[UNIQUESTRING(resourceGroup().id)]"));
  assert.equal(ev("[guid('a', parameters('prefix'))]", withPrefix), ev("[guid('a', parameters('prefix'))]", withPrefix));
  assert.notEqual(ev("[guid('a', parameters('prefix'))]", withPrefix), ev("[guid('b', parameters('prefix'))]", withPrefix));
  assert.equal(ev("[concat(parameters('prefix'), '-vnet')]", withPrefix), `${P('prefix')}-vnet`);
  assert.equal(ev("[format('{0}-vnet', parameters('prefix'))]", withPrefix), `${P('prefix')}-vnet`);
  assert.equal(describeSymbolic(ev("[uniqueString(resourceGroup().id)]") as string), '{uniqueString(…)}');
  assert.equal(describeSymbolic(ev("[uniqueString(parameters('prefix'))]", withPrefix) as string), "{uniqueString('{parameters('prefix')}')}");
  assert.equal(ev('[newGuid()]'), symbol('newGuid()'));
  assert.equal(describeSymbolic(ev("[utcNow('u')]") as string), "{utcNow('u')}");
  assertUnknown(ev('[uniqueString(1)]'), 'argument 1 is an integer');
});

test('a symbol never holds a / or a marker, so ids with symbolic names keep their segments', () => {
  const id = ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', concat('vnet-', uniqueString(resourceGroup().id)), 'ase')]") as string;
  const parsed = parseResourceId(id);
  assert.deepEqual(parsed?.types, ['virtualNetworks', 'subnets']);
  assert.equal(parsed?.names[1], 'ase');
  assert.equal(symbolNames(parsed!.names[0])[0], "uniqueString('/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}')");
  // One-to-one: a literal argument that looks like a nested symbol is another symbol.
  assert.notEqual(ev("[uniqueString('{resourceGroupName}')]"), ev('[uniqueString(resourceGroup().name)]'));
});

test("a call's arguments are written with their quotes doubled in the literal text only", () => {
  assert.deepEqual(symbolNames(ev("[uniqueString('its', resourceGroup().name)]") as string), ["uniqueString('its', '{resourceGroupName}')"]);
  assert.deepEqual(symbolNames(ev("[uniqueString('it''s', resourceGroup().name)]") as string), ["uniqueString('it''s', '{resourceGroupName}')"]);
  assert.notEqual(ev("[uniqueString('it''s')]"), ev("[uniqueString('its')]"));
  // A marker's quotes stay as they are, the literal text's around it are doubled, and a
  // start of a marker without its end is a character of the literal text.
  assert.equal(callSymbol('f', ["a'b"]), "\uE000f('a''b')\uE001");
  assert.equal(callSymbol('f', ["\uE000p('x')\uE001'"]), "\uE000f('\uE002p('x')\uE003''')\uE001");
  assert.equal(callSymbol('f', ["'\uE000'"]), "\uE000f('''\uE002''')\uE001");
  assert.equal(callSymbol('f', ["\uE000a\uE000p('x')\uE001'"]), "\uE000f('\uE002a\uE002p('x')\uE003''')\uE001");
});

test('equality of symbolic strings: structurally equal, certainly different, or UNKNOWN', () => {
  assert.equal(ev("[equals(concat(parameters('prefix'), '-vnet'), format('{0}-vnet', parameters('prefix')))]", withPrefix), true);
  assert.equal(ev("[equals(concat('a-', parameters('prefix')), concat('b-', parameters('prefix')))]", withPrefix), false);
  assertUnknown(ev("[equals(parameters('prefix'), parameters('other'))]", withPrefix), "depends on {parameters('prefix')}, {parameters('other')}");
  assertUnknown(ev("[equals(parameters('prefix'), 'x')]", withPrefix), 'depends on');
});

test('string functions on symbols: case changes keep a symbol, a length is UNKNOWN', () => {
  assert.equal(ev("[toLower(parameters('prefix'))]", withPrefix), symbol("toLower(parameters('prefix'))"));
  assert.equal(foldCase(ev("[toUpper(parameters('prefix'))]", withPrefix) as string), foldCase(P('prefix')));
  assertUnknown(ev("[length(parameters('prefix'))]", withPrefix), "length() depends on {parameters('prefix')}");
  assertUnknown(ev("[int(parameters('prefix'))]", withPrefix), 'int() depends on');
  assertUnknown(ev("[bool(parameters('prefix'))]", withPrefix), 'bool() depends on');
});

test('cidrSubnet and cidrHost of a symbolic range are symbols of their own', () => {
  const scope = makeScope({ parameters: { vnetPrefix: P('vnetPrefix') } });
  const a = ev("[cidrSubnet(parameters('vnetPrefix'), 24, 1)]", scope) as string;
  assert.equal(describeSymbolic(a), "{cidrSubnet('{parameters('vnetPrefix')}', 24, 1)}");
  assert.equal(ev("[cidrSubnet(parameters('vnetPrefix'), 24, 1)]", scope), a);
  assertUnknown(ev("[equals(cidrSubnet(parameters('vnetPrefix'), 24, 1), cidrSubnet(parameters('vnetPrefix'), 24, 2))]", scope), 'depends on');
  assert.equal(describeSymbolic(ev("[cidrHost(parameters('vnetPrefix'), 3)]", scope) as string), "{cidrHost('{parameters('vnetPrefix')}', 3)}");
  assertUnknown(ev("[parseCidr(parameters('vnetPrefix'))]", scope), 'depends on');
});

test('symbolicReason says what a symbol stands for, as the evaluator says it without one', () => {
  assert.equal(symbolicReason(`${P('aseName')}-vnet`), "parameter 'aseName' has no value");
  assert.equal(symbolicReason(ev("[toLower(parameters('prefix'))]", withPrefix) as string), "parameter 'prefix' has no value");
  assert.equal(symbolicReason(ev('[uniqueString(resourceGroup().id)]') as string), 'uniqueString() is known only at deployment time');
  assert.equal(symbolicReason(RG), '{resourceGroupName} is known only at deployment time');
});

test("newGuid() and utcNow() in a parameter's default are tied to that parameter", () => {
  const a = qualifyFresh(ev('[newGuid()]'), 'first');
  const b = qualifyFresh(ev('[newGuid()]'), 'second');
  assert.notEqual(a, b);
  assert.equal(describeSymbolic(a as string), "{newGuid() of parameters('first')}");
  assert.equal(describeSymbolic(qualifyFresh(ev("[uniqueString(utcNow())]"), 'p') as string), "{uniqueString('{utcNow() of parameters('p')}')}");
  const plain = { a: ['x'] };
  assert.equal(qualifyFresh(plain, 'p'), plain, 'a value without them is the very same value');
});

test('deployment().location exists above a resource group, as a symbol', () => {
  assertUnknown(ev('[deployment().location]'), "property 'location' does not exist");
  assert.equal(ev('[deployment().location]', makeScope({ target: { level: 'subscription' } })), symbol('deploymentLocation'));
});

test('a reason that lists symbols is written when first read, once, and reads as any other', () => {
  let written = 0;
  const u = lazyUnknown(() => {
    written++;
    return 'the comparison depends on {resourceGroupName}';
  });
  assert.ok(isUnknown(u));
  assert.equal(written, 0, 'nothing is written before the reason is read');
  assert.equal(u.reason, 'the comparison depends on {resourceGroupName}');
  assert.equal(u.reason, 'the comparison depends on {resourceGroupName}');
  assert.equal(written, 1);
  // As an UNKNOWN made with its reason: an own enumerable property, in copies, JSON and messages.
  assert.deepEqual(Object.keys(u), ['reason']);
  assert.deepEqual(JSON.parse(JSON.stringify(u)), { reason: 'the comparison depends on {resourceGroupName}' });
  assert.equal(String(u), 'unknown (the comparison depends on {resourceGroupName})');
  assert.equal(structuredClone({ v: u }).v.reason, 'the comparison depends on {resourceGroupName}');
  const names = dependsOnSymbols('the comparison', `${RG}-${P('aseName')}`, RG);
  assert.equal(names.reason, "the comparison depends on {resourceGroupName}, {parameters('aseName')}");
});

test('an unresolved expression stands for its text, whatever its spacing and the case outside its strings', () => {
  const scope = makeScope();
  const written = evaluateIdentity("[reference( 'Net A' ).outputs.Id]", scope) as string;
  assert.equal(written, evaluateIdentity("[REFERENCE('Net A').outputs.id]", scope));
  assert.equal(describeSymbolic(written), "{expr:[reference('Net A').outputs.id]}");
  // Inside a string literal (a doubled quote included) nothing changes.
  assert.notEqual(written, evaluateIdentity("[reference('net a').outputs.id]", scope));
  assert.equal(describeSymbolic(evaluateIdentity("[reference( 'It''s A' ).X]", scope) as string), "{expr:[reference('It''s A').x]}");
  // Beyond ASCII, each character is lower-cased alone: a capital sigma at a word's end is σ, not ς.
  assert.equal(describeSymbolic(evaluateIdentity("[reference('x').ΑΣ]", scope) as string), "{expr:[reference('x').ασ]}");
});

test('the symbol of a call of plain arguments, kept by its arguments, is the one written from them', () => {
  forgetMadeSymbols();
  const rg = ev('[resourceGroup().name]') as string;
  const first = callSymbol('uniqueString', [rg, 'web']);
  assert.equal(callSymbol('uniqueString', [rg, 'web']), first);
  forgetMadeSymbols();
  assert.equal(callSymbol('uniqueString', [rg, 'web']), first, 'written again, the same');
  // A number and the string of its digits are different arguments; so are a call with one argument more, and another function.
  assert.notEqual(callSymbol('f', [1]), callSymbol('f', ['1']));
  assert.equal(callSymbol('f', [1]), '\uE000f(1)\uE001');
  assert.equal(callSymbol('f', ['1']), "\uE000f('1')\uE001");
  assert.notEqual(callSymbol('uniqueString', [rg, 'web', 'x']), first);
  assert.notEqual(callSymbol('guid', [rg, 'web']), first);
  // An argument that is an object or an UNKNOWN is written each time.
  assert.equal(callSymbol('f', [{ a: 1 }]), callSymbol('f', [{ a: 1 }]));
  assert.ok(isUnknown(callSymbol('f', [lazyUnknown(() => 'not known')])));
});
