import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { renderBicepChanges } from '../../server/src/edits/bicep';
import { parseBicep } from '../../server/src/parse/bicep';
import type { PlacedChange as Change } from '../../server/src/edits/format';
import type { NodeRef } from '../../server/src/core/nodeRef';
import type { JsonValue } from '../../server/src/core/value';

const uri = 'file:///main.bicep';
const at = (path: (string | number)[]): NodeRef => ({ uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, path });
const lines = (...l: string[]) => l.join('\n');

/** The text after the fix; the result must be Bicep the parser reads without a syntax error. */
function apply(text: string, changes: Change[]): string | undefined {
  const edits = renderBicepChanges({ uri, text }, changes);
  if (!edits) return undefined;
  assert.ok(edits.length <= 1, 'one minimal edit');
  const out = TextDocument.applyEdits(TextDocument.create(uri, 'bicep', 0, text), edits);
  assert.deepEqual(parseBicep(out).diagnostics.map((d) => d.message), [], `the output re-parses cleanly:\n${out}`);
  return out;
}

// The shapes the rules produce (rules/flow.ts ruleJson, expressroute-default-route.ts routeJson).
const allowRule: JsonValue = {
  name: 'AllowAppServiceManagement',
  properties: {
    priority: 90,
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    sourceAddressPrefix: 'AppServiceManagement',
    sourcePortRange: '*',
    destinationAddressPrefix: 'VirtualNetwork',
    destinationPortRanges: ['454', '455'],
  },
};
const allowRuleText = (i: string) =>
  [
    `${i}{`,
    `${i}  name: 'AllowAppServiceManagement'`,
    `${i}  properties: {`,
    `${i}    priority: 90`,
    `${i}    direction: 'Inbound'`,
    `${i}    access: 'Allow'`,
    `${i}    protocol: 'Tcp'`,
    `${i}    sourceAddressPrefix: 'AppServiceManagement'`,
    `${i}    sourcePortRange: '*'`,
    `${i}    destinationAddressPrefix: 'VirtualNetwork'`,
    `${i}    destinationPortRanges: [`,
    `${i}      '454'`,
    `${i}      '455'`,
    `${i}    ]`,
    `${i}  }`,
    `${i}}`,
  ].join('\n');
const defaultRoute: JsonValue = { name: 'DefaultToInternet', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } };

const nsg = lines(
  "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
  "  name: 'ase-nsg'",
  '  properties: {',
  '    securityRules: [',
  '      {',
  "        name: 'AllowHttps'",
  '        properties: { priority: 100, direction: \'Inbound\' }',
  '      }',
  '      // Everything else is denied.',
  '      #disable-next-line no-hardcoded-env-urls',
  '      {',
  "        name: 'DenyAll'",
  '        properties: { priority: 200, direction: \'Inbound\' }',
  '      }',
  '    ]',
  '  }',
  '}',
  '',
);

test('inserts a security rule before the deciding rule, above its comment and pragma', () => {
  const out = apply(nsg, [{ target: at(['nsg', 'properties', 'securityRules']), path: [], value: allowRule, insert: 1 }]);
  const before = nsg.split('\n');
  assert.equal(out, [...before.slice(0, 8), allowRuleText('      '), ...before.slice(8)].join('\n'));
});

test('inserts at the end after a trailing comment', () => {
  const text = lines("var ports = [", "  '80' // plain", ']', '');
  assert.equal(apply(text, [{ target: at(['ports']), path: [], value: '443', insert: 'end' }]), lines('var ports = [', "  '80' // plain", "  '443'", ']', ''));
});

test('creates an absent securityRules array, and properties when that is absent too', () => {
  const withProperties = lines(
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    "  name: 'ase-nsg'",
    '  properties: {',
    '    flushConnection: false',
    '  }',
    '}',
  );
  assert.equal(
    apply(withProperties, [{ target: at(['nsg']), path: ['properties', 'securityRules'], value: allowRule, insert: 'end' }]),
    lines(
      "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
      "  name: 'ase-nsg'",
      '  properties: {',
      '    flushConnection: false',
      '    securityRules: [',
      allowRuleText('      '),
      '    ]',
      '  }',
      '}',
    ),
  );
  const bare = lines("resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {", "  name: 'ase-nsg'", '}');
  assert.equal(
    apply(bare, [{ target: at(['nsg']), path: ['properties', 'securityRules'], value: { name: 'r' }, insert: 'end' }]),
    lines(
      "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
      "  name: 'ase-nsg'",
      '  properties: {',
      '    securityRules: [',
      '      {',
      "        name: 'r'",
      '      }',
      '    ]',
      '  }',
      '}',
    ),
  );
});

test('opens up an empty array and an empty object', () => {
  const text = lines("resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {", '  properties: {', '    securityRules: []', '  }', '}');
  assert.equal(
    apply(text, [{ target: at(['nsg', 'properties', 'securityRules']), path: [], value: allowRule, insert: 0 }]),
    lines("resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {", '  properties: {', '    securityRules: [', allowRuleText('      '), '    ]', '  }', '}'),
  );
  assert.equal(
    apply('var o = {}\n', [{ target: at(['o']), path: ['a'], value: 1 }]),
    'var o = {\n  a: 1\n}\n',
  );
  // An empty array holding only a comment keeps it.
  assert.equal(
    apply(lines('var a = [', '  // none yet', ']'), [{ target: at(['a']), path: [], value: 'x', insert: 'end' }]),
    lines('var a = [', '  // none yet', "  'x'", ']'),
  );
});

const routeTable = lines(
  "resource rt 'Microsoft.Network/routeTables@2023-04-01' = {",
  "  name: 'ase-routes'",
  '  Properties: {',
  '    routes: [',
  '      {',
  "        name: 'to-firewall'",
  '        properties: {',
  "          addressPrefix: '0.0.0.0/0'",
  "          nextHopType: 'VirtualAppliance'",
  "          nextHopIpAddress: '10.0.1.4' // the hub firewall",
  "          // keep this comment",
  '        }',
  '      }',
  '    ]',
  '  }',
  '}',
);

test('forced tunnel: sets nextHopType and removes nextHopIpAddress with its line, in one edit', () => {
  const route = at(['rt', 'properties', 'routes', 0]);
  const changes: Change[] = [
    { target: route, path: ['properties', 'nextHopType'], value: 'Internet' },
    { target: route, path: ['properties', 'nextHopIpAddress'], value: undefined },
  ];
  assert.equal(renderBicepChanges({ uri, text: routeTable }, changes)?.length, 1);
  assert.equal(
    apply(routeTable, changes),
    routeTable.replace("'VirtualAppliance'", "'Internet'").replace("          nextHopIpAddress: '10.0.1.4' // the hub firewall\n", ''),
  );
});

test('one-line objects: a value is replaced in place and a removed property takes its comma', () => {
  const text = lines(
    'var routes = [',
    "  { name: 'r', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4' } }",
    ']',
  );
  assert.equal(
    apply(text, [
      { target: at(['routes', 0]), path: ['properties', 'nextHopType'], value: 'Internet' },
      { target: at(['routes', 0]), path: ['properties', 'nextHopIpAddress'], value: undefined },
    ]),
    lines('var routes = [', "  { name: 'r', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }", ']'),
  );
  assert.equal(
    apply(text, [{ target: at(['routes', 0]), path: ['name'], value: undefined }]),
    lines('var routes = [', "  { properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4' } }", ']'),
  );
  assert.equal(apply('var o = { a: 1 }', [{ target: at(['o']), path: ['a'], value: undefined }]), 'var o = {}');
});

test('one-line containers: a flat entry joins the line, a structured one opens it up', () => {
  assert.equal(
    apply("var r = { ports: ['80'] }", [{ target: at(['r']), path: ['ports'], value: '443', insert: 'end' }]),
    "var r = { ports: ['80', '443'] }",
  );
  assert.equal(apply("var r = ['80', '8080']", [{ target: at(['r']), path: [], value: '443', insert: 1 }]), "var r = ['80', '443', '8080']");
  assert.equal(apply('var o = { id: 1 }', [{ target: at(['o']), path: ['b'], value: true }]), 'var o = { id: 1, b: true }');
  assert.equal(
    apply("var rules = [{ name: 'a' }, { name: 'b' }]", [{ target: at(['rules']), path: [], value: { name: 'n' }, insert: 1 }]),
    lines('var rules = [', "  { name: 'a' }", '  {', "    name: 'n'", '  }', "  { name: 'b' }", ']'),
  );
  // A comment between the entries would be lost by opening up: the line is kept.
  assert.equal(
    apply("var rules = [{ name: 'a' } /* first */]", [{ target: at(['rules']), path: [], value: { name: 'n' }, insert: 'end' }]),
    "var rules = [{ name: 'a' }, { name: 'n' } /* first */]",
  );
});

const vnet = lines(
  '// The spoke.',
  'param location string = resourceGroup().location',
  '',
  "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
  "  name: 'spoke'",
  '  location: location',
  '  properties: {',
  '    addressSpace: {',
  "      addressPrefixes: ['10.0.0.0/16']",
  '    }',
  '    subnets: [',
  '      {',
  "        name: 'snet-ase'",
  '        properties: {',
  "          addressPrefix: '10.0.0.0/27' // too small",
  '        }',
  '      }',
  '    ]',
  '  }',
  '',
  "  resource integration 'subnets' = {",
  "    name: 'snet-integration'",
  '    properties: {',
  "      addressPrefix: '10.0.2.0/24'",
  '    }',
  '  }',
  '}',
  '',
  "output vnetId string = vnet.id",
  '',
);

test('replaces an addressPrefix string, keeping its trailing comment', () => {
  const out = apply(vnet, [{ target: at(['vnet', 'properties', 'subnets', 0, 'properties', 'addressPrefix']), path: [], value: '10.0.0.0/24' }]);
  assert.equal(out, vnet.replace("'10.0.0.0/27' // too small", "'10.0.0.0/24' // too small"));
  const item = apply(vnet, [{ target: at(['vnet', 'properties', 'addressSpace', 'addressPrefixes', 0]), path: [], value: '10.1.0.0/16' }]);
  assert.equal(item, vnet.replace("['10.0.0.0/16']", "['10.1.0.0/16']"));
});

test('delegates a nested child subnet, creating delegations', () => {
  const out = apply(vnet, [
    {
      target: at(['vnet', '::integration']),
      path: ['properties', 'delegations'],
      value: { name: 'Microsoft.Web.hostingEnvironments', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } },
      insert: 'end',
    },
  ]);
  assert.equal(
    out,
    vnet.replace(
      "      addressPrefix: '10.0.2.0/24'\n",
      [
        "      addressPrefix: '10.0.2.0/24'",
        '      delegations: [',
        '        {',
        "          name: 'Microsoft.Web.hostingEnvironments'",
        '          properties: {',
        "            serviceName: 'Microsoft.Web/hostingEnvironments'",
        '          }',
        '        }',
        '      ]',
        '',
      ].join('\n'),
    ),
  );
});

test('a property added to a resource body goes before its nested resources', () => {
  const out = apply(vnet, [{ target: at(['vnet']), path: ['tags'], value: { env: 'prod' } }]);
  assert.equal(out, vnet.replace('\n  }\n\n  resource integration', "\n  }\n  tags: {\n    env: 'prod'\n  }\n\n  resource integration"));
});

test('sets disableBgpRoutePropagation where properties is spelled otherwise', () => {
  assert.equal(
    apply(routeTable, [{ target: at(['rt']), path: ['properties', 'disableBgpRoutePropagation'], value: true }]),
    routeTable.replace('      }\n    ]\n  }\n}', '      }\n    ]\n    disableBgpRoutePropagation: true\n  }\n}'),
  );
  const set = lines("resource rt 'Microsoft.Network/routeTables@2023-04-01' = {", '  properties: {', '    disableBgpRoutePropagation: false', '  }', '}');
  assert.equal(apply(set, [{ target: at(['rt']), path: ['properties', 'disableBgpRoutePropagation'], value: true }]), set.replace('false', 'true'));
});

test('adds a route at the end of the routes', () => {
  const out = apply(routeTable, [{ target: at(['rt', 'Properties', 'routes']), path: [], value: defaultRoute, insert: 'end' }]);
  assert.equal(
    out,
    routeTable.replace(
      '      }\n    ]',
      [
        '      }',
        '      {',
        "        name: 'DefaultToInternet'",
        '        properties: {',
        "          addressPrefix: '0.0.0.0/0'",
        "          nextHopType: 'Internet'",
        '        }',
        '      }',
        '    ]',
      ].join('\n'),
    ),
  );
});

const tableId = "[resourceId('Microsoft.Network/routeTables', 'snet-ase-routes')]";
const newTable = (location: string): JsonValue => ({
  type: 'Microsoft.Network/routeTables',
  apiVersion: '2023-04-01',
  name: 'snet-ase-routes',
  location,
  properties: { routes: [defaultRoute] },
});

test('ASE302: declares a route table, attaches it and makes the VNet depend on its symbol', () => {
  const changes: Change[] = [
    { target: at(['vnet', 'properties', 'subnets', 0]), path: ['properties', 'routeTable'], value: { id: tableId } },
    { target: at(['vnet']), path: ['dependsOn'], value: tableId, insert: 'end' },
    { target: at([]), path: ['resources'], value: newTable("[parameters('location')]"), insert: 'end' },
  ];
  const out = apply(vnet, changes);
  assert.equal(
    out,
    lines(
      '// The spoke.',
      'param location string = resourceGroup().location',
      '',
      "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
      "  name: 'spoke'",
      '  location: location',
      '  properties: {',
      '    addressSpace: {',
      "      addressPrefixes: ['10.0.0.0/16']",
      '    }',
      '    subnets: [',
      '      {',
      "        name: 'snet-ase'",
      '        properties: {',
      "          addressPrefix: '10.0.0.0/27' // too small",
      '          routeTable: {',
      "            id: resourceId('Microsoft.Network/routeTables', 'snet-ase-routes')",
      '          }',
      '        }',
      '      }',
      '    ]',
      '  }',
      '  dependsOn: [',
      '    snetAseRoutes',
      '  ]',
      '',
      "  resource integration 'subnets' = {",
      "    name: 'snet-integration'",
      '    properties: {',
      "      addressPrefix: '10.0.2.0/24'",
      '    }',
      '  }',
      '}',
      '',
      "resource snetAseRoutes 'Microsoft.Network/routeTables@2023-04-01' = {",
      "  name: 'snet-ase-routes'",
      '  location: location',
      '  properties: {',
      '    routes: [',
      '      {',
      "        name: 'DefaultToInternet'",
      '        properties: {',
      "          addressPrefix: '0.0.0.0/0'",
      "          nextHopType: 'Internet'",
      '        }',
      '      }',
      '    ]',
      '  }',
      '}',
      '',
      'output vnetId string = vnet.id',
      '',
    ),
  );
});

test('a new declaration gets a free symbol, goes before an index, and adds to an existing dependsOn', () => {
  const text = lines(
    "param snetAseRoutes string = 'taken'",
    '',
    '// The NSG.',
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    "  name: 'nsg'",
    '}',
    '',
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'spoke'",
    '  dependsOn: [',
    '    nsg',
    '  ]',
    '}',
  );
  const out = apply(text, [
    { target: at(['vnet']), path: ['dependsOn'], value: tableId, insert: 'end' },
    { target: at([]), path: ['resources'], value: newTable('[resourceGroup().location]'), insert: 0 },
  ]);
  assert.equal(
    out,
    lines(
      "param snetAseRoutes string = 'taken'",
      '',
      "resource snetAseRoutes2 'Microsoft.Network/routeTables@2023-04-01' = {",
      "  name: 'snet-ase-routes'",
      '  location: resourceGroup().location',
      '  properties: {',
      '    routes: [',
      '      {',
      "        name: 'DefaultToInternet'",
      '        properties: {',
      "          addressPrefix: '0.0.0.0/0'",
      "          nextHopType: 'Internet'",
      '        }',
      '      }',
      '    ]',
      '  }',
      '}',
      '',
      '// The NSG.',
      "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
      "  name: 'nsg'",
      '}',
      '',
      "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
      "  name: 'spoke'",
      '  dependsOn: [',
      '    nsg',
      '    snetAseRoutes2',
      '  ]',
      '}',
    ),
  );
});

test('a dependsOn entry naming a resource the file declares becomes its symbol', () => {
  const text = lines(
    "resource table 'Microsoft.Network/routeTables@2023-04-01' = {",
    "  name: 'rt'",
    '}',
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'spoke'",
    '}',
  );
  assert.equal(
    apply(text, [{ target: at(['vnet']), path: ['dependsOn'], value: "[resourceId('Microsoft.Network/routeTables', 'rt')]", insert: 'end' }]),
    lines(
      "resource table 'Microsoft.Network/routeTables@2023-04-01' = {",
      "  name: 'rt'",
      '}',
      "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
      "  name: 'spoke'",
      '  dependsOn: [',
      '    table',
      '  ]',
      '}',
    ),
  );
  // An id Bicep cannot name by symbol is refused: dependsOn takes no strings.
  assert.equal(
    renderBicepChanges({ uri, text }, [{ target: at(['vnet']), path: ['dependsOn'], value: "[resourceId('Microsoft.Network/routeTables', 'other')]", insert: 'end' }]),
    undefined,
  );
});

test('a new declaration in a file without resources goes before the outputs, or at the end', () => {
  const table = { type: 'Microsoft.Network/routeTables', apiVersion: '2023-04-01', name: 'rt' };
  assert.equal(
    apply("param p string\n\noutput o string = p\n", [{ target: at([]), path: ['resources'], value: table, insert: 'end' }]),
    "param p string\n\nresource rt 'Microsoft.Network/routeTables@2023-04-01' = {\n  name: 'rt'\n}\n\noutput o string = p\n",
  );
  assert.equal(
    apply('', [{ target: at([]), path: ['resources'], value: table, insert: 'end' }]),
    "resource rt 'Microsoft.Network/routeTables@2023-04-01' = {\n  name: 'rt'\n}\n",
  );
  assert.equal(
    renderBicepChanges({ uri, text: '' }, [{ target: at([]), path: ['resources'], value: { ...table, copy: { name: 'c', count: 2 } }, insert: 'end' }]),
    undefined,
  );
});

test('keeps CRLF and tabs', () => {
  const text = "resource rt 'Microsoft.Network/routeTables@2023-04-01' = {\r\n\tname: 'rt'\r\n\tproperties: {\r\n\t\troutes: []\r\n\t}\r\n}\r\n";
  assert.equal(
    apply(text, [{ target: at(['rt', 'properties', 'routes']), path: [], value: defaultRoute, insert: 'end' }]),
    "resource rt 'Microsoft.Network/routeTables@2023-04-01' = {\r\n\tname: 'rt'\r\n\tproperties: {\r\n\t\troutes: [\r\n\t\t\t{\r\n\t\t\t\tname: 'DefaultToInternet'\r\n\t\t\t\tproperties: {\r\n\t\t\t\t\taddressPrefix: '0.0.0.0/0'\r\n\t\t\t\t\tnextHopType: 'Internet'\r\n\t\t\t\t}\r\n\t\t\t}\r\n\t\t]\r\n\t}\r\n}\r\n",
  );
  const crlf = nsg.replace(/\n/g, '\r\n');
  assert.equal(
    apply(crlf, [{ target: at(['nsg', 'properties', 'securityRules']), path: [], value: allowRule, insert: 1 }]),
    [...nsg.split('\n').slice(0, 8), allowRuleText('      '), ...nsg.split('\n').slice(8)].join('\n').replace(/\n/g, '\r\n'),
  );
  const withHop = "var r = {\r\n\tnextHopType: 'VirtualAppliance'\r\n\tnextHopIpAddress: '10.0.0.4'\r\n\tname: 'x'\r\n}\r\n";
  assert.equal(
    apply(withHop, [{ target: at(['r']), path: ['nextHopIpAddress'], value: undefined }]),
    "var r = {\r\n\tnextHopType: 'VirtualAppliance'\r\n\tname: 'x'\r\n}\r\n",
  );
});

test('for and if bodies are transparent', () => {
  const loop = lines(
    "resource tables 'Microsoft.Network/routeTables@2023-04-01' = [for name in names: {",
    '  name: name',
    '  properties: {}',
    '}]',
  );
  assert.equal(
    apply(loop, [{ target: at(['tables']), path: ['properties', 'disableBgpRoutePropagation'], value: true }]),
    loop.replace('properties: {}', 'properties: {\n    disableBgpRoutePropagation: true\n  }'),
  );
  // The model gives a loop's items the loop's path: a name after it edits the loop body.
  const rules = lines(
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    '  properties: {',
    '    securityRules: [for r in rules: {',
    '      name: r.name',
    "      properties: { access: 'Deny' }",
    '    }]',
    '  }',
    '}',
  );
  assert.equal(
    apply(rules, [{ target: at(['nsg', 'properties', 'securityRules']), path: ['properties', 'access'], value: 'Allow' }]),
    rules.replace("'Deny'", "'Allow'"),
  );
  const conditional = lines("resource rt 'Microsoft.Network/routeTables@2023-04-01' = if (deploy) {", "  name: 'rt'", '}');
  assert.equal(
    apply(conditional, [{ target: at(['rt']), path: ['properties', 'routes'], value: defaultRoute, insert: 'end' }]),
    lines(
      "resource rt 'Microsoft.Network/routeTables@2023-04-01' = if (deploy) {",
      "  name: 'rt'",
      '  properties: {',
      '    routes: [',
      '      {',
      "        name: 'DefaultToInternet'",
      '        properties: {',
      "          addressPrefix: '0.0.0.0/0'",
      "          nextHopType: 'Internet'",
      '        }',
      '      }',
      '    ]',
      '  }',
      '}',
    ),
  );
});

test('refuses what is not literal text', () => {
  const text = lines(
    'param props object',
    "var ports = ['80']",
    "var rules = [for r in range(0, 2): { name: 'r${r}' }]",
    "resource a 'Microsoft.Network/routeTables@2023-04-01' = {",
    "  name: 'a'",
    '  properties: props',
    '}',
    "resource b 'Microsoft.Network/routeTables@2023-04-01' = {",
    "  name: 'b'",
    '  properties: union(props, {})',
    '}',
    "resource c 'Microsoft.Network/routeTables@2023-04-01' = {",
    '  ...props',
    "  name: 'c'",
    '}',
    "resource d 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    "  name: 'd'",
    '  properties: {',
    "    securityRules: [for r in rules: { name: r.name }]",
    '  }',
    '}',
  );
  const refused = (change: Change, why: string) => assert.equal(renderBicepChanges({ uri, text }, [change]), undefined, why);
  refused({ target: at(['missing']), path: ['properties'], value: 1 }, 'unknown symbol');
  refused({ target: at(['a', '::child']), path: ['properties'], value: 1 }, 'unknown child');
  refused({ target: { ...at(['a']), uri: 'file:///other.bicep' }, path: ['name'], value: 'x' }, 'another document');
  refused({ target: { ...at([]), path: undefined }, path: ['name'], value: 'x' }, 'no path');
  refused({ target: at(['a']), path: ['properties', 'routes'], value: 1, insert: 'end' }, 'through a parameter');
  refused({ target: at(['b']), path: ['properties', 'routes'], value: 1, insert: 'end' }, 'through a call');
  refused({ target: at(['c']), path: ['properties'], value: {} }, 'a spread may supply it');
  refused({ target: at(['d', 'properties', 'securityRules']), path: [], value: {}, insert: 'end' }, 'into a loop');
  refused({ target: at(['d', 'properties', 'securityRules', 0]), path: ['name'], value: 'x' }, "a loop's items");
  refused({ target: at(['rules', 0]), path: ['name'], value: 'x' }, "a var loop's items");
  refused({ target: at(['d']), path: ['name', 'x'], value: 'x' }, 'through a string');
  refused({ target: at(['d', 'properties', 'securityRules', 0, 'properties']), path: [], value: 'x' }, "into a loop's items");
  refused({ target: at(['ports', 'x']), path: [], value: 'x' }, 'a name into an array');
  refused({ target: at(['d']), path: ['location'], value: "[reference('x').location]" }, 'no Bicep equivalent');
  refused({ target: at(['d']), path: ['location'], value: "[parameters('undeclared')]" }, 'undeclared parameter');
  refused({ target: at(['d']), path: ['x'], value: 1.5 }, 'Bicep has no fractions');
  refused({ target: at(['d']), path: ['name'], value: undefined, insert: 0 }, 'insert into a string');
});

test('renders values: keys, escapes and ARM expressions', () => {
  const out = apply('param location string\nvar v = {}\n', [
    {
      target: at(['v']),
      path: ['x'],
      value: {
        'with-dash': "it's C:\\ ${x}\n",
        true: null,
        n: -3,
        loc: "[parameters('LOCATION')]",
        lit: '[[not an expression]',
        sub: "[subscriptionResourceId('Microsoft.Network/routeTables', concat('a', 'b'))]",
        empty: [],
      },
    },
  ]);
  assert.equal(
    out,
    [
      'param location string',
      'var v = {',
      '  x: {',
      "    'with-dash': 'it\\'s C:\\\\ \\${x}\\n'",
      "    'true': null",
      '    n: -3',
      '    loc: location',
      "    lit: '[not an expression]'",
      "    sub: subscriptionResourceId('Microsoft.Network/routeTables', concat('a', 'b'))",
      '    empty: []',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
});

test('removing what is absent changes nothing; a fix that changes nothing is no edit', () => {
  assert.deepEqual(renderBicepChanges({ uri, text: 'var o = {}\n' }, [{ target: at(['o']), path: ['a'], value: undefined }]), []);
});

test('a new declaration writes its comment, drops condition true, and names its dependencies by symbol', () => {
  const text = lines("resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {", "  name: 'ase-nsg'", '}', '');
  const out = apply(text, [
    {
      target: at([]),
      path: ['resources'],
      value: {
        type: 'Microsoft.Network/routeTables',
        apiVersion: '2023-04-01',
        name: "[format('{0}-routes', parameters('prefix'))]",
        comments: 'Keeps management traffic on the internet.',
        condition: true,
        dependsOn: ["[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]"],
      },
      insert: 'end',
    },
  ]);
  assert.equal(out, undefined, 'parameters(prefix) is not declared: refused');
  const withPrefix = `param prefix string\n${text}`;
  assert.equal(
    apply(withPrefix, [
      {
        target: at([]),
        path: ['resources'],
        value: {
          type: 'Microsoft.Network/routeTables',
          apiVersion: '2023-04-01',
          name: "[format('{0}-routes', parameters('prefix'))]",
          comments: 'Keeps management traffic on the internet.',
          condition: true,
          dependsOn: ["[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]"],
        },
        insert: 'end',
      },
    ]),
    lines(
      'param prefix string',
      "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
      "  name: 'ase-nsg'",
      '}',
      '',
      '// Keeps management traffic on the internet.',
      "resource routeTable 'Microsoft.Network/routeTables@2023-04-01' = {",
      "  name: format('{0}-routes', prefix)",
      '  dependsOn: [',
      '    nsg',
      '  ]',
      '}',
      '',
    ),
  );
});

test('symbols: metadata has a namespace of its own; parentheses are transparent', () => {
  const text = lines("metadata rt = 'not a value'", "var rt = ({", "  name: 'x'", '})');
  assert.equal(apply(text, [{ target: at(['rt']), path: ['name'], value: 'y' }]), text.replace("'x'", "'y'"));
});
