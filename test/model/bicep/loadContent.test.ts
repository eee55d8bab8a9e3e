import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/engine/analyze';
import { isUnknown } from '../../../server/src/core/value';
import { hostOf, textAt } from '../../support/model';
import { BICEP_URI, buildBicep, lines, rangeOf, vnetWithAse, DENY_ALL_INBOUND } from './helpers';

const DIR = 'file:///work/infra/';
const RULES_URI = `${DIR}nsg-rules.json`;

const RULES_JSON = JSON.stringify(
  {
    rules: [
      DENY_ALL_INBOUND,
    ],
  },
  null,
  2,
);

/** An ASEv2 in a subnet whose NSG takes its rules from `rules` (a Bicep expression). */
function aseWithRules(rules: string): string {
  return lines(
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    "  name: 'ase-nsg'",
    "  location: 'westeurope'",
    `  properties: { securityRules: ${rules} }`,
    '}',
    ...vnetWithAse('nsg.id'),
  );
}

test('loadJsonContent: NSG rules loaded from a JSON file are in the model, with refs into that file', () => {
  const model = buildBicep(aseWithRules("loadJsonContent('nsg-rules.json').rules"), { [RULES_URI]: RULES_JSON });
  const rules = model.nsgs[0].securityRules;
  assert.ok(!isUnknown(rules));
  assert.equal(rules.length, 1);
  assert.equal(rules[0].name, 'deny-all');
  assert.equal(rules[0].ref.uri, RULES_URI);
  assert.equal(textAt(RULES_JSON, rules[0].ref.range), '"deny-all"');
  // Not literal Bicep text: no path, so no fix edits the data file as if it were the template.
  assert.equal(rules[0].ref.path, undefined);
  assert.ok(model.uris.includes(RULES_URI), 'the loaded file is one of the files the model spans');
});

test('loadJsonContent: a rule firing on loaded rules is reported in the JSON file, and the read is recorded', () => {
  const host = hostOf({ [RULES_URI]: RULES_JSON });
  const text = aseWithRules("loadJsonContent('nsg-rules.json', '$.rules')");
  const analysis = analyze(BICEP_URI, text, host);
  const ase101 = analysis.findings.filter((f) => f.code === 'ASE101');
  assert.equal(ase101.length, 1);
  assert.equal(ase101[0].at.uri, RULES_URI);
  assert.equal(textAt(RULES_JSON, ase101[0].at.range), '"deny-all"');
  assert.ok(host.reads.includes(RULES_URI), 'read through the host, so an edit to the file re-analyses');
});

test('loadJsonContent: JSONPath selections as Newtonsoft makes them', () => {
  const data = JSON.stringify({ a: { b: [1, 2, 3] }, 'odd key': 'x', list: [{ p: '10.0.0.0/24' }, { p: '10.0.1.0/24' }] });
  const files = { [`${DIR}data.json`]: data };
  const cases: [string, unknown][] = [
    ["'$.a.b[1]'", 2],
    ["'a.b'", [1, 2, 3]],
    ['\'$["odd key"]\'', 'x'],
    ["'$.list[*].p'", ['10.0.0.0/24', '10.0.1.0/24']],
    ["'$.a.*'", [1, 2, 3]],
  ];
  for (const [path, expected] of cases) {
    const model = buildBicep(`var v = loadJsonContent('data.json', ${path})\nresource x 'Microsoft.Custom/things@2020-01-01' = { name: 'x', properties: { v: v } }`, files);
    assert.deepEqual((model.resources[0].properties as Record<string, unknown>).v, expected, path);
  }
  for (const path of ["'$.nope'", "'$..b'", "'$.list[?(@.p)]'", "'$.A'"]) {
    const model = buildBicep(`resource x 'Microsoft.Custom/things@2020-01-01' = { name: 'x', properties: { v: loadJsonContent('data.json', ${path}) } }`, files);
    const v = (model.resources[0].properties as Record<string, unknown>).v;
    assert.ok(isUnknown(v), `${path} is UNKNOWN`);
  }
});

test('loadTextContent: the text, as Bicep inlines it (a byte order mark is not part of it)', () => {
  const files = { [`${DIR}prefix.txt`]: '\uFEFF10.0.1.0/24\n', [`${DIR}ascii.txt`]: 'plain' };
  const model = buildBicep(
    lines(
      "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
      "  name: 'v'",
      "  properties: { subnets: [ { name: 's', properties: { addressPrefix: trim(loadTextContent('prefix.txt')) } } ] }",
      '}',
      "resource x 'Microsoft.Custom/things@2020-01-01' = { name: 'x', properties: { a: loadTextContent('ascii.txt', 'us-ascii'), b: loadTextContent('prefix.txt', 'utf-16') } }",
    ),
    files,
  );
  const prefixes = model.subnets[0].addressPrefixes;
  assert.ok(!isUnknown(prefixes));
  assert.deepEqual(prefixes.map((p) => p.value), ['10.0.1.0/24']);
  const props = model.resources.find((r) => r.type === 'Microsoft.Custom/things')?.properties as Record<string, unknown>;
  assert.equal(props.a, 'plain');
  // The BOM says UTF-8, whatever the argument: .NET's reader lets the mark decide.
  assert.equal(props.b, '10.0.1.0/24\n');
});

test('loadTextContent: an encoding the host text cannot stand for is UNKNOWN', () => {
  const files = { [`${DIR}latin.txt`]: 'caf\u00e9', [`${DIR}utf16.txt`]: 'abc' };
  const model = buildBicep(
    "resource x 'Microsoft.Custom/things@2020-01-01' = { name: 'x', properties: { a: loadTextContent('latin.txt', 'iso-8859-1'), b: loadTextContent('utf16.txt', 'utf-16'), c: loadTextContent('utf16.txt', 'ebcdic') } }",
    files,
  );
  const props = model.resources[0].properties as Record<string, unknown>;
  for (const k of ['a', 'b', 'c']) assert.ok(isUnknown(props[k]), k);
});

test('loadFileAsBase64: the bytes of a UTF-8 file, base64-encoded', () => {
  const model = buildBicep("resource x 'Microsoft.Custom/things@2020-01-01' = { name: 'x', properties: { a: loadFileAsBase64('init.sh') } }", {
    [`${DIR}init.sh`]: '#!/bin/sh\necho h\u00e9\n',
  });
  assert.equal((model.resources[0].properties as Record<string, unknown>).a, Buffer.from('#!/bin/sh\necho h\u00e9\n', 'utf8').toString('base64'));
});

test('a file that cannot be read, is not JSON or is too large is UNKNOWN with the reason, and the rules stay silent', () => {
  const big = `"${'x'.repeat(131072)}"`;
  const files = { [`${DIR}broken.json`]: '{ "rules": [ ', [`${DIR}big.txt`]: big };
  const cases: [string, RegExp][] = [
    ["loadJsonContent('missing.json').rules", /the file missing\.json could not be read/],
    ["loadJsonContent('broken.json').rules", /broken\.json: it is not valid JSON/],
    ["json(loadTextContent('big.txt'))", /big\.txt has 131074 characters, more than the 131072 loadTextContent\(\) loads/],
    ["loadJsonContent('..\\\\rules.json')", /uses '\\'; Bicep paths use '\/'/],
  ];
  for (const [expr, reason] of cases) {
    const text = aseWithRules(expr);
    const model = buildBicep(text, files);
    const rules = model.nsgs[0].securityRules;
    const unknownReason = isUnknown(rules) ? rules.reason : rules.map((r) => r.name).find(isUnknown)?.reason;
    assert.match(String(unknownReason), reason, expr);
    assert.ok(model.unverified.some((u) => reason.test(u.what)), `a note says why: ${expr}`);
    const analysis = analyze(BICEP_URI, text, hostOf(files));
    assert.deepEqual(analysis.findings.filter((f) => f.code === 'ASE101'), [], expr);
  }
});

test('loadYamlContent: block YAML read by the core schema; values Bicep releases read differently are UNKNOWN', () => {
  const yaml = lines(
    '# NSG rules',
    'rules:',
    '  - name: deny-all   # everything',
    '    properties:',
    '      priority: 100',
    '      direction: Inbound',
    '      access: "Deny"',
    "      protocol: '*'",
    "      sourceAddressPrefix: '*'",
    "      sourcePortRange: '*'",
    "      destinationAddressPrefix: '*'",
    "      destinationPortRange: '*'",
    'tags: { env: prod, owners: [a, b] }',
    'odd:',
    "  quotedNumber: '80'",
    '  float: 1.5',
    '  yes: yes',
    '  empty:',
  );
  const files = { [`${DIR}config.yaml`]: yaml };
  const model = buildBicep(
    lines(
      "var config = loadYamlContent('config.yaml')",
      "resource x 'Microsoft.Custom/things@2020-01-01' = { name: 'x', properties: { tags: config.tags, odd: config.odd, rules: loadYamlContent('config.yaml', '$.rules') } }",
    ),
    files,
  );
  const props = model.resources[0].properties as Record<string, Record<string, unknown>>;
  assert.deepEqual(props.tags, { env: 'prod', owners: ['a', 'b'] });
  assert.deepEqual(props.rules, [
    {
      name: 'deny-all',
      properties: {
        priority: 100,
        direction: 'Inbound',
        access: 'Deny',
        protocol: '*',
        sourceAddressPrefix: '*',
        sourcePortRange: '*',
        destinationAddressPrefix: '*',
        destinationPortRange: '*',
      },
    },
  ]);
  assert.ok(isUnknown(props.odd.quotedNumber), "older releases turn '80' into 80");
  assert.ok(isUnknown(props.odd.float));
  assert.equal(props.odd.yes, 'yes');
  assert.equal(props.odd.empty, null);

  const analysis = analyze(BICEP_URI, aseWithRules("loadYamlContent('config.yaml', '$.rules')"), hostOf(files));
  assert.equal(analysis.findings.filter((f) => f.code === 'ASE101').length, 1, 'rules loaded from YAML are checked');
});

test('load functions in a module read relative to the module file', () => {
  const nsg = lines(
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    "  name: 'm-nsg'",
    "  properties: { securityRules: loadJsonContent('rules/nsg.json', 'rules') }",
    '}',
  );
  const model = buildBicep("module m './modules/nsg.bicep' = { name: 'm' }", {
    [`${DIR}modules/nsg.bicep`]: nsg,
    [`${DIR}modules/rules/nsg.json`]: RULES_JSON,
  });
  const rules = model.nsgs[0].securityRules;
  assert.ok(!isUnknown(rules));
  assert.equal(rules[0].ref.uri, `${DIR}modules/rules/nsg.json`);
  assert.deepEqual(model.uris, [BICEP_URI, `${DIR}modules/nsg.bicep`, `${DIR}modules/rules/nsg.json`]);
});

test('the range of a literal Bicep rule next to loaded ones stays in the Bicep file', () => {
  const text = aseWithRules(
    "concat(loadJsonContent('nsg-rules.json').rules, [ { name: 'allow-mgmt', properties: { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'AppServiceManagement', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '454-455' } } ])",
  );
  const model = buildBicep(text, { [RULES_URI]: RULES_JSON });
  const rules = model.nsgs[0].securityRules;
  assert.ok(!isUnknown(rules));
  assert.deepEqual(rules.map((r) => r.ref.uri), [RULES_URI, BICEP_URI]);
  assert.deepEqual(rules[1].ref.range, rangeOf(text, "'allow-mgmt'"));
});
