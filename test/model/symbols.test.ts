// Values known only at deployment, end to end in ARM and Bicep: names and ids built from
// parameters without a value and uniqueString() link as symbols, prefixes that are such
// parameters are compared by identity by the NSG checks, nullable parameters are null, a
// single allowed value is the value, and ASE902 lists only what stayed unknown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import { parameterSymbol } from '../../server/src/core/symbolic';
import { isSymbolicValue, isUnknown } from '../../server/src/core/value';
import { build, hostOf, SCHEMA, template } from '../support/model';
import { BICEP_URI, buildBicep, lines } from './bicep/helpers';
import { noteText } from '../support/notes';

const ARM_URI = 'file:///work/infra/azuredeploy.json';
const NSG = 'Microsoft.Network/networkSecurityGroups';
const DELEGATION = [{ name: 'd', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } }];

function analyzeArm(text: string, files: Record<string, string> = {}): Analysis {
  return analyze(ARM_URI, text, hostOf(files));
}

function analyzeBicep(text: string, files: Record<string, string> = {}): Analysis {
  return analyze(BICEP_URI, text, hostOf(files));
}

/** The codes of the findings, in order, and the ASE902 note's text. */
function codes(a: Analysis): string[] {
  assert.deepEqual(a.failures, []);
  return a.findings.map((f) => f.code);
}

function note(a: Analysis): string | undefined {
  const found = a.findings.find((f) => f.code === 'ASE902');
  return found ? noteText(found) : undefined;
}

interface ArmSpec {
  parameters: Record<string, unknown>;
  vnetName: string;
  vnetPrefix: string;
  subnetPrefix: string;
  subnetRef: string;
  /** The NSG's name as an expression inside `[...]`: `'ase-nsg'`, `format('{0}-nsg', parameters('prefix'))`. */
  nsgName: string;
  rules: unknown[];
  kind?: string;
  delegations?: unknown[];
}

/** An ASE deployment whose names and prefixes are expressions of the test's choosing. */
function armAse(o: ArmSpec): string {
  return template({
    parameters: o.parameters,
    resources: [
      { type: NSG, apiVersion: '2023-04-01', name: `[${o.nsgName}]`, location: 'westeurope', properties: { securityRules: o.rules } },
      {
        type: 'Microsoft.Network/virtualNetworks',
        apiVersion: '2023-04-01',
        name: o.vnetName,
        location: 'westeurope',
        properties: {
          addressSpace: { addressPrefixes: [o.vnetPrefix] },
          subnets: [
            {
              name: 'ase',
              properties: {
                addressPrefix: o.subnetPrefix,
                networkSecurityGroup: { id: `[resourceId('${NSG}', ${o.nsgName})]` },
                ...(o.delegations ? { delegations: o.delegations } : {}),
              },
            },
          ],
        },
      },
      {
        type: 'Microsoft.Web/hostingEnvironments',
        apiVersion: '2022-03-01',
        name: 'my-ase',
        location: 'westeurope',
        kind: o.kind ?? 'ASEV3',
        properties: { virtualNetwork: { id: o.subnetRef } },
      },
    ],
  });
}

const rule = (name: string, priority: number, access: 'Allow' | 'Deny', source = '*', destination = '*', ports = '*') => ({
  name,
  properties: { priority, direction: 'Inbound', access, protocol: '*', sourceAddressPrefix: source, sourcePortRange: '*', destinationAddressPrefix: destination, destinationPortRange: ports },
});

function bicepAse(o: { params: string[]; vnetName: string; vnetPrefix: string; subnetPrefix: string; subnetRef: string; rules: string[]; kind?: string; delegation?: boolean }): string {
  return lines(
    ...o.params,
    `resource nsg '${NSG}@2023-04-01' = {`,
    "  name: 'ase-nsg'",
    "  location: 'westeurope'",
    '  properties: {',
    '    securityRules: [',
    ...o.rules,
    '    ]',
    '  }',
    '}',
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    `  name: ${o.vnetName}`,
    "  location: 'westeurope'",
    '  properties: {',
    `    addressSpace: { addressPrefixes: [ ${o.vnetPrefix} ] }`,
    '    subnets: [',
    '      {',
    "        name: 'ase'",
    '        properties: {',
    `          addressPrefix: ${o.subnetPrefix}`,
    '          networkSecurityGroup: { id: nsg.id }',
    ...(o.delegation === false ? [] : ["          delegations: [ { name: 'd', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } } ]"]),
    '        }',
    '      }',
    '    ]',
    '  }',
    '}',
    "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
    "  name: 'my-ase'",
    "  location: 'westeurope'",
    `  kind: '${o.kind ?? 'ASEV3'}'`,
    `  properties: { virtualNetwork: { id: ${o.subnetRef} } }`,
    '}',
  );
}

const bicepRule = (name: string, priority: number, access: 'Allow' | 'Deny', source = "'*'", destination = "'*'") =>
  `      { name: '${name}', properties: { priority: ${priority}, direction: 'Inbound', access: '${access}', protocol: '*', sourceAddressPrefix: ${source}, sourcePortRange: '*', destinationAddressPrefix: ${destination}, destinationPortRange: '*' } }`;

test('symbolic names: a VNet named from a parameter without a value is the one resourceId() names with the same parameter (ARM)', () => {
  const text = armAse({
    parameters: { prefix: { type: 'string' } },
    vnetName: "[concat(parameters('prefix'), '-vnet')]",
    vnetPrefix: '10.0.0.0/16',
    subnetPrefix: '10.0.1.0/24',
    subnetRef: "[resourceId('Microsoft.Network/virtualNetworks/subnets', format('{0}-vnet', parameters('prefix')), 'ase')]",
    nsgName: "format('{0}-nsg', parameters('prefix'))",
    rules: [],
    delegations: DELEGATION,
  });
  const { model } = build(text);
  const subnet = model.subnets[0];
  assert.equal(model.vnets[0].name, `${parameterSymbol('prefix')}-vnet`);
  assert.equal(model.ases[0].subnet?.target, subnet);
  assert.equal(subnet.networkSecurityGroup?.target, model.nsgs[0]);
  assert.deepEqual(model.unverified, [], 'names known by identity leave nothing unverified');
});

test("symbolic names: a VNet named '${prefix}-vnet' is the one resourceId() names, also as an existing resource (Bicep)", () => {
  const model = buildBicep(
    bicepAse({
      params: ['param prefix string'],
      vnetName: "'${prefix}-vnet'",
      vnetPrefix: "'10.0.0.0/16'",
      subnetPrefix: "'10.0.1.0/24'",
      subnetRef: "resourceId('Microsoft.Network/virtualNetworks/subnets', '${prefix}-vnet', 'ase')",
      rules: [],
    }),
  );
  assert.equal(model.ases[0].subnet?.target, model.subnets[0]);
  const existing = buildBicep(
    lines(
      'param prefix string',
      "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
      "  name: '${prefix}-vnet'",
      "  properties: { addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }, subnets: [ { name: 'ase', properties: { addressPrefix: '10.0.1.0/24' } } ] }",
      '}',
      "resource same 'Microsoft.Network/virtualNetworks@2023-04-01' existing = {",
      "  name: '${prefix}-vnet'",
      "  resource subnet 'subnets' existing = { name: 'ase' }",
      '}',
      "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
      "  name: 'my-ase'",
      "  kind: 'ASEV3'",
      '  properties: { virtualNetwork: { id: same::subnet.id } }',
      '  dependsOn: [ vnet ]',
      '}',
    ),
  );
  assert.equal(existing.ases[0].subnet?.target, existing.subnets[0]);
  assert.deepEqual(existing.ases[0].dependsOn, [existing.vnets[0].key]);
});

test('a uniqueString() in the VNet name no longer silences ASE403, in ARM and in Bicep', () => {
  const arm = analyzeArm(
    armAse({
      parameters: {},
      vnetName: "[concat('vnet-', uniqueString(resourceGroup().id))]",
      vnetPrefix: '10.0.0.0/16',
      subnetPrefix: '10.0.1.0/24',
      subnetRef: "[resourceId('Microsoft.Network/virtualNetworks/subnets', concat('vnet-', uniqueString(resourceGroup().id)), 'ase')]",
      nsgName: "'ase-nsg'",
      rules: [],
    }),
  );
  assert.deepEqual(codes(arm).filter((c) => c !== 'ASE104'), ['ASE403']);
  const bicep = analyzeBicep(
    bicepAse({
      params: ["var vnetName = 'vnet-${uniqueString(resourceGroup().id)}'"],
      vnetName: 'vnetName',
      vnetPrefix: "'10.0.0.0/16'",
      subnetPrefix: "'10.0.1.0/24'",
      subnetRef: "'${vnet.id}/subnets/ase'",
      rules: [],
      delegation: false,
    }),
  );
  assert.deepEqual(codes(bicep).filter((c) => c !== 'ASE104'), ['ASE403']);
  assert.match(bicep.findings.find((f) => f.code === 'ASE403')!.message, /subnet 'ase'/);
});

const SYMBOLIC_PREFIXES = { aseSubnetPrefix: { type: 'string' }, vnetPrefix: { type: 'string' } };

test('symbolic prefixes, decided: a deny-all at priority 100 blocks the load balancer whatever the prefix is (ASE106, ASE102)', () => {
  for (const kind of ['ASEV3', 'ASEV2']) {
    const code = kind === 'ASEV3' ? 'ASE106' : 'ASE102';
    const arm = analyzeArm(
      armAse({
        parameters: SYMBOLIC_PREFIXES,
        vnetName: 'ase-vnet',
        vnetPrefix: "[parameters('vnetPrefix')]",
        subnetPrefix: "[parameters('aseSubnetPrefix')]",
        subnetRef: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase')]",
        nsgName: "'ase-nsg'",
        rules: [rule('DenyAll', 100, 'Deny')],
        kind,
        ...(kind === 'ASEV3' ? { delegations: DELEGATION } : {}),
      }),
    );
    const bicep = analyzeBicep(
      bicepAse({
        params: ['param vnetPrefix string', 'param aseSubnetPrefix string'],
        vnetName: "'ase-vnet'",
        vnetPrefix: 'vnetPrefix',
        subnetPrefix: 'aseSubnetPrefix',
        subnetRef: "'${vnet.id}/subnets/ase'",
        rules: [bicepRule('DenyAll', 100, 'Deny')],
        kind,
        delegation: kind === 'ASEV3',
      }),
    );
    for (const a of [arm, bicep]) {
      const found = a.findings.find((f) => f.code === code);
      assert.ok(found, `${kind}: ${code} is reported`);
      assert.match(found.message, /blocks .*from AzureLoadBalancer \(rule 'DenyAll', priority 100\)/);
      // The prefix still leaves its size and overlaps unknown, and nothing else: the NSG checks decided.
      assert.match(note(a) ?? '', /the prefix of subnet 'ase' is known only at deployment \(parameter 'aseSubnetPrefix' has no value\) \(affects ASE401, ASE404, ASE405, ASE504, ASE601, ASE702, ASE703, ASE713, ASE801, ASE802\)/);
      assert.doesNotMatch(note(a) ?? '', /ASE10[1-6]/);
    }
  }
});

test('symbolic prefixes, undecided: a CIDR rule against the symbolic subnet stays silent, and ASE902 says which check it silenced', () => {
  const arm = analyzeArm(
    armAse({
      parameters: SYMBOLIC_PREFIXES,
      vnetName: 'ase-vnet',
      vnetPrefix: "[parameters('vnetPrefix')]",
      subnetPrefix: "[parameters('aseSubnetPrefix')]",
      subnetRef: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase')]",
      nsgName: "'ase-nsg'",
      rules: [rule('Lb', 100, 'Allow', 'AzureLoadBalancer', '10.0.1.0/24'), rule('Self', 200, 'Allow', "[parameters('aseSubnetPrefix')]", "[parameters('aseSubnetPrefix')]"), rule('Web', 300, 'Allow', 'Internet', '*', '443'), rule('DenyAll', 4000, 'Deny')],
      delegations: DELEGATION,
    }),
  );
  const bicep = analyzeBicep(
    bicepAse({
      params: ['param vnetPrefix string', 'param aseSubnetPrefix string'],
      vnetName: "'ase-vnet'",
      vnetPrefix: 'vnetPrefix',
      subnetPrefix: 'aseSubnetPrefix',
      subnetRef: "'${vnet.id}/subnets/ase'",
      rules: [
        bicepRule('Lb', 100, 'Allow', "'AzureLoadBalancer'", "'10.0.1.0/24'"),
        bicepRule('Self', 200, 'Allow', 'aseSubnetPrefix', 'aseSubnetPrefix'),
        bicepRule('Web', 300, 'Allow', "'Internet'", "'*'").replace("destinationPortRange: '*'", "destinationPortRange: '443'"),
        bicepRule('DenyAll', 4000, 'Deny'),
      ],
    }),
  );
  for (const a of [arm, bicep]) {
    // ASE106 depends on whether 10.0.1.0/24 is the subnet: silent. ASE104 (TCP 80 from Internet) is denied whatever the prefix is.
    assert.deepEqual(codes(a), ['ASE902', 'ASE104']);
    assert.match(a.findings[1].message, /blocks TCP 80 from Internet \(rule 'DenyAll', priority 4000/);
    assert.match(note(a) ?? '', /the prefix of subnet 'ase' is known only at deployment \(parameter 'aseSubnetPrefix' has no value\) \(affects ASE106, ASE401/);
    // The NSG's own use of the parameter could be decided: it is not listed on its own.
    assert.doesNotMatch(note(a) ?? '', /an address prefix of NSG/);
  }
});

test('symbolic prefixes in the model: the subnet keeps the symbol, its rules compare it, other readers see UNKNOWN', () => {
  const { model } = build(
    armAse({
      parameters: SYMBOLIC_PREFIXES,
      vnetName: 'ase-vnet',
      vnetPrefix: "[parameters('vnetPrefix')]",
      subnetPrefix: "[parameters('aseSubnetPrefix')]",
      subnetRef: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase')]",
      nsgName: "'ase-nsg'",
      rules: [],
    }),
  );
  const prefixes = model.subnets[0].addressPrefixes;
  assert.ok(!isUnknown(prefixes));
  const p = prefixes[0].value;
  assert.ok(isUnknown(p) && isSymbolicValue(p));
  assert.equal(p.text, parameterSymbol('aseSubnetPrefix'));
  assert.equal(p.reason, "parameter 'aseSubnetPrefix' has no value");
});

test('nullable parameters without a value are null (ARM "nullable": true, Bicep type?)', () => {
  const arm = build(
    template({
      parameters: { nsgName: { type: 'string', nullable: true } },
      resources: [{ type: NSG, apiVersion: '2023-04-01', name: "[coalesce(parameters('nsgName'), 'default-nsg')]", properties: { securityRules: [] } }],
    }),
  ).model;
  assert.equal(arm.nsgs[0].name, 'default-nsg');
  const bicep = buildBicep(lines('param nsgName string?', `resource nsg '${NSG}@2023-04-01' = { name: nsgName ?? 'default-nsg', properties: { securityRules: [] } }`));
  assert.equal(bicep.nsgs[0].name, 'default-nsg');
});

test('a parameter whose allowed values are one has that value (ARM allowedValues, Bicep @allowed and a literal type)', () => {
  const arm = build(
    template({
      parameters: { kind: { type: 'string', allowedValues: ['ASEV3'] }, mode: { type: 'int', allowedValues: [3] } },
      resources: [{ type: 'Microsoft.Web/hostingEnvironments', apiVersion: '2022-03-01', name: 'a', kind: "[parameters('kind')]", properties: { internalLoadBalancingMode: "[parameters('mode')]" } }],
    }),
  ).model;
  assert.equal(arm.ases[0].version, 'v3');
  assert.equal(arm.ases[0].ilbMode, 'Web, Publishing');
  for (const decl of ["@allowed([ 'ASEV3' ])\nparam kind string", "param kind 'ASEV3'"]) {
    const bicep = buildBicep(lines(decl, "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = { name: 'a', kind: kind, properties: {} }"));
    assert.equal(bicep.ases[0].version, 'v3', decl);
  }
  // Two allowed values: the parameter stays a symbol, and the version unknown.
  const two = buildBicep(lines("@allowed([ 'ASEV2', 'ASEV3' ])\nparam kind string", "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = { name: 'a', kind: kind, properties: {} }"));
  assert.ok(isUnknown(two.ases[0].version));
});

test("a module's own parameters without a value from its caller stay UNKNOWN, not the caller's symbols", () => {
  const NSG_URI = 'file:///work/infra/nsg.bicep';
  const model = buildBicep(lines("module m './nsg.bicep' = { name: 'm', params: {} }"), {
    [NSG_URI]: lines('param nsgName string', `resource nsg '${NSG}@2023-04-01' = { name: nsgName, properties: { securityRules: [] } }`),
  });
  assert.ok(isUnknown(model.nsgs[0].name));
  assert.match((model.nsgs[0].name as { reason: string }).reason, /parameter 'nsgName' has no value/);
});

// The same resource deployed twice is one resource.

const MODULE_URI = 'file:///work/infra/ase.bicep';
const MODULE = lines(
  'param name string',
  'param location string',
  `resource nsg '${NSG}@2023-04-01' = {`,
  "  name: '${name}-nsg'",
  '  location: location',
  "  properties: { securityRules: [ { name: 'Web', properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'Internet', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRanges: [ '80', '443' ] } } ] }",
  '}',
  "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
  "  name: '${name}-vnet'",
  '  location: location',
  '  properties: {',
  "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
  "    subnets: [ { name: 'ase', properties: { addressPrefix: '10.0.0.0/24', networkSecurityGroup: { id: nsg.id }, delegations: [ { name: 'd', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } } ] } } ]",
  '  }',
  '}',
  "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
  '  name: name',
  '  location: location',
  "  kind: 'ASEV3'",
  '  properties: { virtualNetwork: { id: vnet.properties.subnets[0].id } }',
  '}',
);

test("the idempotency loop of a module test (['init', 'idem']) deploys one ASE, and raises nothing (Bicep)", () => {
  const main = lines(
    'param namePrefix string',
    'param location string = resourceGroup().location',
    '@batchSize(1)',
    "module testDeployment './ase.bicep' = [for iteration in [ 'init', 'idem' ]: {",
    "  name: '${uniqueString(deployment().name, location)}-test-${iteration}'",
    "  params: { name: '${namePrefix}asev3001', location: location }",
    '}]',
  );
  const a = analyzeBicep(main, { [MODULE_URI]: MODULE });
  assert.deepEqual(codes(a), []);
  assert.equal(a.model?.ases.length, 1);
  assert.equal(a.model?.subnets[0].users.length, 1);
});

test('the same resources deployed by two nested deployments are deployed once, and raise nothing (ARM)', () => {
  const inner = JSON.parse(
    template({
      parameters: { name: { type: 'string' } },
      resources: [
        { type: NSG, apiVersion: '2023-04-01', name: "[format('{0}-nsg', parameters('name'))]", properties: { securityRules: [rule('Web', 100, 'Allow', 'Internet', '*', '443'), { ...rule('Web80', 110, 'Allow', 'Internet', '*', '80') }] } },
        {
          type: 'Microsoft.Network/virtualNetworks',
          apiVersion: '2023-04-01',
          name: "[format('{0}-vnet', parameters('name'))]",
          properties: {
            addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
            subnets: [{ name: 'ase', properties: { addressPrefix: '10.0.0.0/24', networkSecurityGroup: { id: `[resourceId('${NSG}', format('{0}-nsg', parameters('name')))]` }, delegations: DELEGATION } }],
          },
        },
        {
          type: 'Microsoft.Web/hostingEnvironments',
          apiVersion: '2022-03-01',
          name: "[parameters('name')]",
          kind: 'ASEV3',
          properties: { virtualNetwork: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', format('{0}-vnet', parameters('name')), 'ase')]" } },
        },
      ],
    }),
  );
  const text = template({
    parameters: { namePrefix: { type: 'string' } },
    resources: [
      {
        type: 'Microsoft.Resources/deployments',
        apiVersion: '2022-09-01',
        name: "[format('test-{0}', copyIndex())]",
        copy: { name: 'iterations', count: 2, mode: 'serial', batchSize: 1 },
        properties: {
          mode: 'Incremental',
          expressionEvaluationOptions: { scope: 'inner' },
          parameters: { name: { value: "[format('{0}asev3001', parameters('namePrefix'))]" } },
          template: inner,
        },
      },
    ],
  });
  const a = analyzeArm(text);
  assert.deepEqual(codes(a), []);
  assert.equal(a.model?.ases.length, 1);
  assert.equal(a.model?.nsgs.length, 1);
});

test('a resource declared twice: the later declaration wins, as the later deployment of it does', () => {
  const nsgWith = (rules: unknown[]) => ({ type: NSG, apiVersion: '2023-04-01', name: 'ase-nsg', properties: { securityRules: rules } });
  const withDeny = (first: unknown[], second: unknown[]) =>
    template({
      $schema: SCHEMA,
      resources: [
        nsgWith(first),
        nsgWith(second),
        { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-04-01', name: 'v', properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'ase', properties: { addressPrefix: '10.0.0.0/24', networkSecurityGroup: { id: `[resourceId('${NSG}', 'ase-nsg')]` }, delegations: DELEGATION } }] } },
        { type: 'Microsoft.Web/hostingEnvironments', apiVersion: '2022-03-01', name: 'a', kind: 'ASEV3', properties: { internalLoadBalancingMode: 'Web, Publishing', virtualNetwork: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 'ase')]" } } },
      ],
    });
  assert.deepEqual(codes(analyzeArm(withDeny([rule('DenyAll', 100, 'Deny')], []))), []);
  assert.deepEqual(codes(analyzeArm(withDeny([], [rule('DenyAll', 100, 'Deny')]))), ['ASE106']);
});

test('two resources with one name in different resource groups are two resources', () => {
  const deployment = (rg: string, rules: unknown[]) => ({
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name: `nsg-${rg}`,
    resourceGroup: rg,
    properties: { mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' }, template: JSON.parse(template({ resources: [{ type: NSG, apiVersion: '2023-04-01', name: 'shared-nsg', properties: { securityRules: rules } }] })) },
  });
  const { model } = build(template({ resources: [deployment('rg1', []), deployment('rg2', [rule('DenyAll', 100, 'Deny')])] }));
  assert.equal(model.nsgs.length, 2);
});
