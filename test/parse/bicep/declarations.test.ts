import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findProperty, propertyName, stringValue, type ObjectLiteral } from '../../../server/src/parse/bicep';
import { declaration, parseClean, show, textOf } from './helpers';

test('targetScope and metadata', () => {
  const file = parseClean("targetScope = 'subscription'\nmetadata owner = { team: 'network' }\n");
  assert.equal(show(declaration(file, 'targetScope').value), "'subscription'");
  const meta = declaration(file, 'metadata');
  assert.equal(meta.name.name, 'owner');
  assert.equal(show(meta.value), "{team: 'network'}");
});

test('param with decorators, type and default', () => {
  const text = `@description('Address space of the spoke.')
@minLength(9)
@allowed([
  '10.0.0.0/16'
  '10.1.0.0/16'
])
param addressSpace string = '10.0.0.0/16'
`;
  const file = parseClean(text);
  const param = declaration(file, 'param');
  assert.equal(param.name.name, 'addressSpace');
  assert.equal(show(param.type!), 'string');
  assert.equal(show(param.value!), "'10.0.0.0/16'");
  assert.deepEqual(
    param.decorators.map((d) => show(d.expression)),
    ["description('Address space of the spoke.')", 'minLength(9)', "allowed(['10.0.0.0/16', '10.1.0.0/16'])"],
  );
  assert.equal(param.start, 0, 'a declaration starts at its first decorator');
  assert.equal(textOf(file, param.keyword), 'param');
});

test('secure, nullable, namespaced decorators and params without default', () => {
  const file = parseClean("@secure()\nparam password string?\n@sys.description('x')\nparam count int\n");
  const password = declaration(file, 'param');
  assert.equal(show(password.type!), 'string?');
  assert.equal(password.value, undefined);
  assert.equal(show(password.decorators[0].expression), 'secure()');
  assert.equal(show(declaration(file, 'param', 1).decorators[0].expression), "sys.description('x')");
});

test('var, typed and untyped', () => {
  const file = parseClean("var a = 1\nvar b string = 'x'\nvar c int[] = [1, 2]\n");
  assert.equal(declaration(file, 'var').type, undefined);
  assert.equal(show(declaration(file, 'var', 1).type!), 'string');
  assert.equal(show(declaration(file, 'var', 2).type!), 'int[]');
  assert.equal(show(declaration(file, 'var', 2).value), '[1, 2]');
});

test('type declarations: unions, objects, tuples, nullable and parameterized types', () => {
  const text = `@export()
type mode = 'None' | 'Web, Publishing'
type multiLine =
  | 'a'
  | 'b'
type rule = {
  @description('Rule name.')
  name: string
  priority: int?
  'odd-name': bool
  *: string
}
type pair = [
  int
  @description('end')
  int
]
type shortPair = [string, bool]
type props = resourceInput<'Microsoft.Network/virtualNetworks@2023-04-01'>.properties
type subnets = resourceOutput<'Microsoft.Network/virtualNetworks@2023-04-01'>.properties.subnets[*]
type first = pair[0]
type numbers = (1 | 2 | -3)[]
type alias = sys.string
`;
  const file = parseClean(text);
  const types = file.declarations.filter((d) => d.kind === 'type').map((d) => [d.name.name, show(d.value)]);
  assert.deepEqual(types, [
    ['mode', "'None' | 'Web, Publishing'"],
    ['multiLine', "'a' | 'b'"],
    ['rule', "{@description('Rule name.') name: string, priority: int?, 'odd-name': bool, *: string}"],
    ['pair', "[int, @description('end') int]"],
    ['shortPair', '[string, bool]'],
    ['props', "resourceInput<'Microsoft.Network/virtualNetworks@2023-04-01'>.properties"],
    ['subnets', "resourceOutput<'Microsoft.Network/virtualNetworks@2023-04-01'>.properties.subnets[*]"],
    ['first', 'pair[0]'],
    ['numbers', '(1 | 2 | -3)[]'],
    ['alias', 'sys.string'],
  ]);
  const rule = declaration(file, 'type', 2).value;
  assert.ok(rule.kind === 'objectType');
  assert.equal(rule.properties[3].kind === 'typeProperty' && rule.properties[3].wildcard, true);
});

test('func declarations', () => {
  const file = parseClean("func name(prefix string, index int) string => '${prefix}-${index}'\nfunc none() bool =>\n  true\n");
  const fn = declaration(file, 'func');
  assert.equal(fn.name.name, 'name');
  assert.deepEqual(
    fn.params.map((p) => `${p.name.name} ${show(p.type)}`),
    ['prefix string', 'index int'],
  );
  assert.equal(show(fn.returnType), 'string');
  assert.equal(show(fn.body), "'${prefix}-${index}'");
  assert.equal(show(declaration(file, 'func', 1).body), 'true');
});

test('resource: type string, body, existing, parent, scope and nested child resources', () => {
  const text = `resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet-hub'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
  }

  @description('The ASE subnet')
  resource aseSubnet 'subnets' = {
    name: 'snet-ase'
    properties: {
      addressPrefix: '10.0.1.0/24'
    }
  }
  resource other 'subnets' existing = {
    name: 'other'
  }
}

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' existing = {
  name: 'nsg-ase'
  scope: resourceGroup('rg-network')
}

resource sub 'Microsoft.Network/virtualNetworks/subnets@2023-04-01' = {
  parent: vnet
  name: 'snet-extra'
}
`;
  const file = parseClean(text);
  const vnet = declaration(file, 'resource');
  assert.equal(vnet.name.name, 'vnet');
  assert.equal(vnet.type.kind === 'string' && stringValue(vnet.type), 'Microsoft.Network/virtualNetworks@2023-04-01');
  assert.equal(vnet.existing, undefined);
  const body = vnet.value as ObjectLiteral;
  assert.equal(body.kind, 'object');
  const children = body.items.filter((i) => i.kind === 'resource');
  assert.deepEqual(
    children.map((c) => [c.name.name, c.type.kind === 'string' ? stringValue(c.type) : '', !!c.existing, c.decorators.length]),
    [
      ['aseSubnet', 'subnets', false, 1],
      ['other', 'subnets', true, 0],
    ],
  );
  assert.equal(show(findProperty(body, 'name')!.value), "'vnet-hub'");
  const nsg = declaration(file, 'resource', 1);
  assert.equal(textOf(file, nsg.existing!), 'existing');
  assert.equal(show(findProperty(nsg.value as ObjectLiteral, 'scope')!.value), "resourceGroup('rg-network')");
  assert.equal(show(findProperty(declaration(file, 'resource', 2).value as ObjectLiteral, 'parent')!.value), 'vnet');
});

test('resource bodies: if, for with index and filter, a line break before if', () => {
  const text = `resource a 'Microsoft.Web/hostingEnvironments@2022-03-01' = if (deployAse) {
  name: 'ase'
}
resource b 'Microsoft.Network/networkSecurityGroups@2023-04-01' = [for (rule, i) in rules: {
  name: 'nsg-\${i}'
}]
resource c 'Microsoft.Network/routeTables@2023-04-01' = [for rt in tables: if (rt.enabled) {
  name: rt.name
}]
resource d 'Microsoft.Network/publicIPAddresses@2023-04-01' =
  if (usePublicIp) {
    name: 'pip'
  }
`;
  const file = parseClean(text);
  const [a, b, c, d] = file.declarations.map((x) => (x.kind === 'resource' ? show(x.value) : ''));
  assert.equal(a, "if (deployAse) {name: 'ase'}");
  assert.equal(b, "[for rule, i in rules: {name: 'nsg-${i}'}]");
  assert.equal(c, '[for rt in tables: if (rt.enabled) {name: rt.name}]');
  assert.equal(d, "if (usePublicIp) {name: 'pip'}");
});

test('module references: local paths, registries and template specs', () => {
  const text = `module a './modules/nsg.bicep' = {
  name: 'nsg'
  params: {
    rules: rules
  }
}
module b 'br/public:avm/res/network/virtual-network:0.5.1' = {
  name: 'vnet'
}
module c 'br:contoso.azurecr.io/bicep/ase:v1' = if (deploy) {
  name: 'ase'
}
module d 'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0' = [for i in range(0, 2): {
  name: 'spec-\${i}'
}]
`;
  const file = parseClean(text);
  assert.deepEqual(
    file.declarations.map((m) => (m.kind === 'module' && m.path.kind === 'string' ? stringValue(m.path) : '')),
    [
      './modules/nsg.bicep',
      'br/public:avm/res/network/virtual-network:0.5.1',
      'br:contoso.azurecr.io/bicep/ase:v1',
      'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0',
    ],
  );
  assert.equal(declaration(file, 'module', 2).value.kind, 'if');
  assert.equal(declaration(file, 'module', 3).value.kind, 'for');
});

test('outputs, including resource-typed ones', () => {
  const file = parseClean(
    "output id string = vnet.id\noutput r resource 'Microsoft.Network/virtualNetworks@2023-04-01' = vnet\noutput names string[] = map(rules, r => r.name)\n",
  );
  assert.equal(show(declaration(file, 'output').value), 'vnet.id');
  assert.equal(show(declaration(file, 'output', 1).type), "resource 'Microsoft.Network/virtualNetworks@2023-04-01'");
  assert.equal(show(declaration(file, 'output', 2).value), 'map(rules, (r) => r.name)');
});

test('import, extension and provider forms', () => {
  const text = `import { nsgRule, subnetSpec as spec, 'odd-name' as odd } from './types.bicep'
import * as shared from 'br/public:avm/utl/types/avm-common-types:0.4.0'
import 'az@1.0.0'
extension microsoftGraphV1
extension 'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:0.1.8-preview' as graph
extension kubernetes with {
  namespace: 'default'
} as k8s
provider 'sys@1.0.0'
`;
  const file = parseClean(text);
  const named = declaration(file, 'import');
  assert.deepEqual(
    named.symbols!.map((s) => `${show(s.name as never)}${s.alias ? ` as ${s.alias.name}` : ''}`),
    ['nsgRule', 'subnetSpec as spec', "'odd-name' as odd"],
  );
  assert.equal(show(named.from!), "'./types.bicep'");
  const wildcard = declaration(file, 'import', 1);
  assert.equal(wildcard.wildcard!.name, 'shared');
  assert.equal(show(declaration(file, 'import', 2).specification!), "'az@1.0.0'");
  const ext = file.declarations.filter((d) => d.kind === 'extension');
  assert.deepEqual(
    ext.map((e) => [show(e.specification), e.config ? show(e.config) : '', e.alias?.name ?? '', textOf(file, e.keyword)]),
    [
      ['microsoftGraphV1', '', '', 'extension'],
      ["'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:0.1.8-preview'", '', 'graph', 'extension'],
      ['kubernetes', "{namespace: 'default'}", 'k8s', 'extension'],
      ["'sys@1.0.0'", '', '', 'provider'],
    ],
  );
});

test('.bicepparam: using, extends and assigned params', () => {
  const text = `using './main.bicep'
extends './base.bicepparam'
import { defaults } from './shared.bicep'

param prefix = 'contoso-\${environment}'
param zoneRedundant = true
param rules = [
  {
    name: 'AllowHttps'
    priority: 200
  }
]
var environment = readEnvironmentVariable('ENV', 'dev')
`;
  const file = parseClean(text);
  assert.equal(file.isParamsFile, true);
  assert.equal(show(declaration(file, 'using').path), "'./main.bicep'");
  assert.equal(show(declaration(file, 'extends').path), "'./base.bicepparam'");
  const prefix = declaration(file, 'param');
  assert.equal(prefix.type, undefined);
  assert.equal(show(prefix.value!), "'contoso-${environment}'");
  assert.equal(show(declaration(file, 'param', 2).value!), "[{name: 'AllowHttps', priority: 200}]");
  assert.equal(parseClean('using none\nparam a = 1\n').declarations[0].kind, 'using');
  assert.equal(parseClean("param a string\n").isParamsFile, false);
});

test('test and assert declarations', () => {
  const file = parseClean("test nsgTest './nsg.bicep' = {\n  params: {}\n}\nassert validName = length(name) < 80\n");
  assert.equal(show(declaration(file, 'test').path), "'./nsg.bicep'");
  assert.equal(show(declaration(file, 'assert').value), '(length(name) < 80)');
});

test('object properties keep key and value ranges; string keys and interpolated keys', () => {
  const text = "var tags = {\n  env: 'prod'\n  'cost-center': '42'\n  '${prefix}-owner': owner\n}\n";
  const file = parseClean(text);
  const obj = declaration(file, 'var').value as ObjectLiteral;
  const props = obj.items.map((i) => (i.kind === 'property' ? [propertyName(i), textOf(file, i.key), textOf(file, i.value)] : []));
  assert.deepEqual(props, [
    ['env', 'env', "'prod'"],
    ['cost-center', "'cost-center'", "'42'"],
    [undefined, "'${prefix}-owner'", 'owner'],
  ]);
  assert.equal(findProperty(obj, 'ENV')?.key.kind, 'identifier', 'property names compare case-insensitively');
  const first = obj.items[0];
  assert.ok(first.kind === 'property');
  assert.equal(text[first.colon], ':');
});

test('objects and arrays record their brackets and item offsets for edits', () => {
  const text = 'var o = {\n  a: 1\n  b: [\n    2\n    3\n  ]\n}\n';
  const file = parseClean(text);
  const obj = declaration(file, 'var').value as ObjectLiteral;
  assert.equal(text[obj.open], '{');
  assert.equal(text[obj.close], '}');
  assert.deepEqual(
    obj.items.map((i) => textOf(file, i)),
    ['a: 1', 'b: [\n    2\n    3\n  ]'],
  );
  const b = findProperty(obj, 'b')!.value;
  assert.ok(b.kind === 'array');
  assert.equal(text[b.open], '[');
  assert.equal(text[b.close], ']');
  assert.deepEqual(
    b.items.map((i) => textOf(file, i)),
    ['2', '3'],
  );
});
