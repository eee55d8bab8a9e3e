import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringValue } from '../../../server/src/parse/bicep';
import { declaration, parseClean, show, valueOf } from './helpers';

test('literals', () => {
  assert.equal(show(valueOf('42')), '42');
  assert.equal(show(valueOf('true')), 'true');
  assert.equal(show(valueOf('false')), 'false');
  assert.equal(show(valueOf('null')), 'null');
  const n = valueOf('443');
  assert.ok(n.kind === 'number' && n.value === 443);
});

test('strings: interpolation, escapes, nested interpolation and multi-line', () => {
  const s = valueOf("'ase-${name}-${toLower(region)}\\'s \\${raw}'");
  assert.ok(s.kind === 'string');
  assert.deepEqual(s.segments, ['ase-', '-', "'s ${raw}"]);
  assert.deepEqual(
    s.expressions.map(show),
    ['name', 'toLower(region)'],
  );
  assert.equal(stringValue(s), undefined);
  assert.equal(show(valueOf("'${a ? '${b}' : 'c'}'")), "'${(a ? '${b}' : 'c')}'");
  assert.equal(show(valueOf("'${{ a: 1 }.a}'")), "'${{a: 1}.a}'");
  const m = valueOf("'''\nline ${not}\n'''");
  assert.ok(m.kind === 'string' && m.multiline && stringValue(m) === 'line ${not}\n');
});

test('objects and arrays: line breaks or commas separate items, spreads', () => {
  assert.equal(show(valueOf('{ a: 1, b: 2 }')), '{a: 1, b: 2}');
  assert.equal(show(valueOf('{\n  a: 1\n  b: 2\n}')), '{a: 1, b: 2}');
  assert.equal(show(valueOf('{\n  a: 1,\n  b: 2\n}')), '{a: 1, b: 2}');
  assert.equal(show(valueOf('{}')), '{}');
  assert.equal(show(valueOf('[1, 2, 3]')), '[1, 2, 3]');
  assert.equal(show(valueOf("[\n  'a'\n  'b'\n]")), "['a', 'b']");
  assert.equal(show(valueOf('[]')), '[]');
  assert.equal(show(valueOf('{\n  ...defaults\n  name: n\n}')), '{...defaults, name: n}');
  assert.equal(show(valueOf('[...a, ...b, 3]')), '[...a, ...b, 3]');
});

test('member access, safe access, non-null, resource access and indexing', () => {
  assert.equal(show(valueOf('vnet.properties.subnets[0].id')), 'vnet.properties.subnets[0].id');
  assert.equal(show(valueOf('ase.?properties.?dnsSuffix')), 'ase.?properties.?dnsSuffix');
  assert.equal(show(valueOf("tags[?'owner']")), "tags[?'owner']");
  assert.equal(show(valueOf('items[^1]')), 'items[^1]');
  assert.equal(show(valueOf('ase.properties.dnsSuffix!')), 'ase.properties.dnsSuffix!');
  assert.equal(show(valueOf('vnet::aseSubnet.id')), 'vnet::aseSubnet.id');
  assert.equal(show(valueOf('vnet::aseSubnet::child.name')), 'vnet::aseSubnet::child.name');
});

test('calls: plain, namespaced, instance, nested and multi-line arguments', () => {
  assert.equal(show(valueOf("concat('a', 'b')")), "concat('a', 'b')");
  assert.equal(show(valueOf('az.resourceGroup().location')), 'az.resourceGroup().location');
  assert.equal(show(valueOf('storage.listKeys().keys[0].value')), 'storage.listKeys().keys[0].value');
  assert.equal(show(valueOf("cidrSubnet(vnet.properties.addressSpace.addressPrefixes[0], 24, 1)")), 'cidrSubnet(vnet.properties.addressSpace.addressPrefixes[0], 24, 1)');
  assert.equal(show(valueOf('union(\n  tags,\n  {\n    a: 1\n  }\n)')), 'union(tags, {a: 1})');
  const call = valueOf("resourceId('Microsoft.Network/virtualNetworks', name)");
  assert.ok(call.kind === 'call' && call.args.length === 2 && call.close > call.open);
});

test('operator precedence and associativity', () => {
  assert.equal(show(valueOf('1 + 2 * 3 - 4 / 2 % 3')), '((1 + (2 * 3)) - ((4 / 2) % 3))');
  assert.equal(show(valueOf('a < b == c >= d')), '((a < b) == (c >= d))');
  assert.equal(show(valueOf("a =~ 'X' && b !~ 'y' || !c")), "(((a =~ 'X') && (b !~ 'y')) || (!c))");
  assert.equal(show(valueOf('a ?? b || c')), '(a ?? (b || c))');
  assert.equal(show(valueOf('a ?? b ?? c')), '((a ?? b) ?? c)');
  assert.equal(show(valueOf('-a.b + -1')), '((-a.b) + (-1))');
  assert.equal(show(valueOf('!empty(x) != false')), '((!empty(x)) != false)');
  assert.equal(show(valueOf('(1 + 2) * 3')), '(paren((1 + 2)) * 3)');
});

test('ternaries nest to the right and may break before ? and :', () => {
  assert.equal(show(valueOf('a ? b : c ? d : e')), '(a ? b : (c ? d : e))');
  assert.equal(show(valueOf('a == 1 ? x.y : z[0]')), '((a == 1) ? x.y : z[0])');
  assert.equal(show(valueOf('cond\n  ? 1\n  : 2')), '(cond ? 1 : 2)');
});

test('lambdas: one parameter, several, none, and a body on the next line', () => {
  assert.equal(show(valueOf('map(rules, r => r.name)')), 'map(rules, (r) => r.name)');
  assert.equal(show(valueOf('map(rules, x => x.id)')), 'map(rules, (x) => x.id)');
  assert.equal(show(valueOf('reduce(xs, 0, (acc, x) => acc + x)')), 'reduce(xs, 0, (acc, x) => (acc + x))');
  assert.equal(show(valueOf('filter(xs, (x) => x.enabled && x.priority < 4096)')), 'filter(xs, (x) => (x.enabled && (x.priority < 4096)))');
  assert.equal(show(valueOf('sort(xs, (a, b) => a < b)')), 'sort(xs, (a, b) => (a < b))');
  assert.equal(show(valueOf('map(xs, x =>\n  x.name)')), 'map(xs, (x) => x.name)');
  assert.equal(show(valueOf('toObject(xs, x => x.name, x => { id: x.id })')), 'toObject(xs, (x) => x.name, (x) => {id: x.id})');
  assert.equal(show(valueOf('() => 1')), '() => 1');
});

test('for expressions: item, index, filters, nested loops', () => {
  assert.equal(show(valueOf('[for i in range(0, 3): i * 2]')), '[for i in range(0, 3): (i * 2)]');
  assert.equal(show(valueOf('[for (s, i) in subnets: { name: s.name, index: i }]')), '[for s, i in subnets: {name: s.name, index: i}]');
  assert.equal(show(valueOf('[for s in filter(subnets, s => s.isAse): s.id]')), '[for s in filter(subnets, (s) => s.isAse): s.id]');
  assert.equal(
    show(valueOf('[for a in as: [for b in a.items: b]]')),
    '[for a in as: [for b in a.items: b]]',
  );
  assert.equal(show(valueOf('[\n  for x in xs: x\n]')), '[for x in xs: x]');
});

test('keywords are fine as property names and member names', () => {
  const file = parseClean(
    "var o = {\n  resource: 1\n  param: 2\n  type: 'UserAssigned'\n  if: 3\n  for: 4\n  existing: true\n  output: o.type\n}\n",
  );
  assert.equal(
    show(declaration(file, 'var').value),
    "{resource: 1, param: 2, type: 'UserAssigned', if: 3, for: 4, existing: true, output: o.type}",
  );
});
