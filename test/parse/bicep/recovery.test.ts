import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findProperty, stringValue, type BicepFile, type ObjectLiteral } from '../../../server/src/parse/bicep';
import { declaration, parseBroken, show, textOf } from './helpers';

/** `kind name` for each declaration. */
function outline(file: BicepFile): string[] {
  return file.declarations.map((d) => ('name' in d ? `${d.kind} ${d.name.name}` : d.kind));
}

function messages(file: BicepFile): string[] {
  return file.diagnostics.map((d) => d.message);
}

test('an unclosed brace ends at the next top-level declaration and keeps both sides', () => {
  const text = `param location string = 'westeurope'

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg-ase'
  location: location
  properties: {
    securityRules: [

resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet-ase'
}

output id string = vnet.id
`;
  const file = parseBroken(text);
  assert.deepEqual(outline(file), ['param location', 'resource nsg', 'resource vnet', 'output id']);
  const nsg = declaration(file, 'resource').value as ObjectLiteral;
  assert.equal(nsg.close, -1);
  assert.equal(show(nsg), "{name: 'nsg-ase', location: location, properties: {securityRules: []}}");
  assert.equal(show(declaration(file, 'resource', 1).value), "{name: 'vnet-ase'}");
  assert.equal(show(declaration(file, 'output').value), 'vnet.id');
  // One message where the three unclosed brackets end, not three at the same spot.
  assert.deepEqual(messages(file), ["Expected ']' to close the array."]);
});

test('an unclosed brace before decorated declarations keeps the decorators with their declaration', () => {
  const text = `resource a 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'a'

@description('The NSG name.')
param nsgName string
`;
  const file = parseBroken(text);
  assert.deepEqual(outline(file), ['resource a', 'param nsgName']);
  assert.equal(show(declaration(file, 'param').decorators[0].expression), "description('The NSG name.')");
});

test('a resource at the left margin inside an unclosed body starts a new declaration; an indented one is a child', () => {
  const text = `resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet'
  resource child 'subnets' = {
    name: 'snet'
  }
resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
  name: 'ase'
}
`;
  const file = parseBroken(text);
  assert.deepEqual(outline(file), ['resource vnet', 'resource ase']);
  assert.equal(show(declaration(file, 'resource').value), "{name: 'vnet', resource child}");
});

test('a missing value is a zero-width error and the next line parses', () => {
  const text = `var a =
var b = 2
resource r 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name:
  location: 'westeurope'
}
param c string =
`;
  const file = parseBroken(text);
  assert.deepEqual(outline(file), ['var a', 'var b', 'resource r', 'param c']);
  const a = declaration(file, 'var').value;
  assert.equal(a.kind, 'error');
  assert.equal(a.start, a.end);
  assert.equal(a.start, text.indexOf('=') + 1, 'the missing value sits right after the =');
  assert.equal(show(declaration(file, 'var', 1).value), '2');
  const body = declaration(file, 'resource').value as ObjectLiteral;
  assert.equal(show(body), "{name: <error>, location: 'westeurope'}");
  assert.equal(findProperty(body, 'name')!.value.kind, 'error');
  assert.equal(declaration(file, 'param').value?.kind, 'error');
  assert.deepEqual(messages(file), ['Expected a value after =.', 'Expected a value after the colon.', 'Expected a value after =.']);
});

test('an unterminated string ends at its line; what follows is kept', () => {
  const text = `param p string = 'abc
param q string = 'def'
var o = {
  name: 'x
  location: 'y'
}
var s = 'ase-\${name
var t = 1
`;
  const file = parseBroken(text);
  assert.deepEqual(outline(file), ['param p', 'param q', 'var o', 'var s', 'var t']);
  const p = declaration(file, 'param').value!;
  assert.ok(p.kind === 'string' && !p.terminated && stringValue(p) === 'abc');
  assert.equal(show(declaration(file, 'param', 1).value!), "'def'");
  assert.equal(show(declaration(file, 'var').value), "{name: 'x', location: 'y'}");
  const s = declaration(file, 'var', 1).value;
  assert.ok(s.kind === 'string' && !s.terminated);
  assert.equal(show(s), "'ase-${name}'");
  assert.equal(show(declaration(file, 'var', 2).value), '1');
  assert.equal(file.diagnostics.length, 3);
});

test('half-typed resource lines keep the declarations before and after', () => {
  const before = "resource a 'Microsoft.Network/virtualNetworks@2023-04-01' = {\n  name: 'a'\n}\n";
  const after = "resource c 'Microsoft.Web/hostingEnvironments@2022-03-01' = {\n  name: 'c'\n}\n";
  for (const typing of [
    'resource',
    'resource b',
    "resource b 'Microsoft.Network/networkSec",
    "resource b 'Microsoft.Network/networkSecurityGroups@2023-04-01'",
    "resource b 'Microsoft.Network/networkSecurityGroups@2023-04-01' =",
    "resource b 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    "resource b 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {\n  name: 'b'\n  properties: {\n    securityRules: [\n      {\n        name: 'AllowHttps'",
    "resource b 'Microsoft.Network/networkSecurityGroups@2023-04-01' = if (",
    "resource b 'Microsoft.Network/networkSecurityGroups@2023-04-01' = [for r in rules: {",
  ]) {
    const text = `${before}${typing}\n${after}`;
    const file = parseBroken(text);
    const names = outline(file);
    assert.equal(names[0], 'resource a', typing);
    assert.equal(names[names.length - 1], 'resource c', typing);
    assert.equal(names.length, 3, `${typing}: ${names}`);
    assert.equal(show(declaration(file, 'resource').value), "{name: 'a'}", typing);
    assert.equal(show(declaration(file, 'resource', 2).value), "{name: 'c'}", typing);
    assert.ok(file.diagnostics.length <= 3, `${typing}: ${messages(file)}`);
  }
});

test('a property being typed does not swallow the next property', () => {
  const text = `resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg'
  locat
  properties: {
    securityRules: []
  }
}
`;
  const file = parseBroken(text);
  assert.equal(show(declaration(file, 'resource').value), "{name: 'nsg', locat: <error>, properties: {securityRules: []}}");
  assert.deepEqual(messages(file), ["Expected ':' after the property name."]);
});

test('an unclosed argument list ends at the next property or declaration', () => {
  const text = "var o = {\n  a: concat('x',\n  b: 2\n}\nvar x = union(tags,\nvar y = 1\n";
  const file = parseBroken(text);
  assert.deepEqual(outline(file), ['var o', 'var x', 'var y']);
  assert.equal(show(declaration(file, 'var').value), "{a: concat('x'), b: 2}");
  assert.equal(show(declaration(file, 'var', 2).value), '1');
});

test('stray text becomes error declarations; declarations around it survive', () => {
  const text = '%% ! )\n}\nparam p string extra tokens\nparam q int\n';
  const file = parseBroken(text);
  assert.deepEqual(outline(file), ['errorDeclaration', 'errorDeclaration', 'param p', 'errorDeclaration', 'param q']);
  assert.equal(textOf(file, file.declarations[0]), '%% ! )');
  assert.equal(textOf(file, file.declarations[3]), 'extra tokens');
  assert.equal(show(declaration(file, 'param').type!), 'string');
});

test('decorators with nothing after them are kept on an error declaration', () => {
  const file = parseBroken("@description('dangling')\n");
  assert.equal(file.declarations.length, 1);
  const d = file.declarations[0];
  assert.equal(d.kind, 'errorDeclaration');
  assert.equal(d.decorators.length, 1);
});

test('a missing comma or separator in a single-line object keeps the items', () => {
  const file = parseBroken("var o = { a: 1 b: 2 }\nvar p = [1 2]\nvar q = 3\n");
  assert.deepEqual(outline(file), ['var o', 'var p', 'var q']);
  assert.equal(show(declaration(file, 'var').value), '{a: 1, <error>}');
  assert.equal(show(declaration(file, 'var', 2).value), '3');
});
