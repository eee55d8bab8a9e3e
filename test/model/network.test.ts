import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isSymbolicValue, isUnknown } from '../../server/src/core/value';
import { parameterSymbol } from '../../server/src/core/symbolic';
import { assertRef, build, reasonOf, template, values, vnet } from '../support/model';

import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'fixtures', 'arm');

test('a VNet: address space and DNS servers, each located', () => {
  const text = template({
    resources: [vnet('v', { addressSpace: { addressPrefixes: ['10.0.0.0/16', '10.1.0.0/16'] }, dhcpOptions: { dnsServers: ['10.0.0.4'] } })],
  });
  const built = build(text);
  const v = built.model.vnets[0];
  assert.deepEqual(values(v.addressPrefixes), ['10.0.0.0/16', '10.1.0.0/16']);
  assert.deepEqual(values(v.dnsServers), ['10.0.0.4']);
  assert.ok(!isUnknown(v.addressPrefixes));
  assertRef(built, v.addressPrefixes[1].ref, '"10.1.0.0/16"', ['resources', 0, 'properties', 'addressSpace', 'addressPrefixes', 1]);
  assertRef(built, v.ref, '"v"', ['resources', 0]);
  const none = build(template({ resources: [vnet('w', {})] })).model.vnets[0];
  assert.deepEqual(none.addressPrefixes, []);
  assert.deepEqual(none.dnsServers, []);
});

test('subnet fields: prefix or prefixes, NSG and route table references, delegations, service endpoints', () => {
  const text = template({
    resources: [
      { type: 'Microsoft.Network/networkSecurityGroups', name: 'nsg', properties: { securityRules: [] } },
      { type: 'Microsoft.Network/routeTables', name: 'rt', properties: { routes: [] } },
      vnet('v', {
        addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
        subnets: [
          {
            name: 'a',
            properties: {
              addressPrefix: '10.0.1.0/24',
              networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg')]" },
              routeTable: { Id: "[resourceId('Microsoft.Network/routeTables', 'RT')]" },
              delegations: [{ name: 'd', properties: { serviceName: 'Microsoft.Web/serverFarms' } }],
              serviceEndpoints: [{ service: 'Microsoft.Sql' }, { service: 'Microsoft.Storage' }],
            },
          },
          { name: 'b', properties: { addressPrefixes: ['10.0.2.0/25', '10.0.2.128/25'] } },
        ],
      }),
    ],
  });
  const built = build(text);
  const { model } = built;
  const [a, b] = model.subnets;
  assert.equal(a.subnetName, 'a');
  assert.equal(a.name, 'v/a');
  assert.equal(a.key, 'microsoft.network/virtualnetworks/subnets/v/a');
  assert.equal(a.vnet, model.vnets[0]);
  assert.deepEqual(values(a.addressPrefixes), ['10.0.1.0/24']);
  assertRef(built, a.prefixRef, '"10.0.1.0/24"', ['resources', 2, 'properties', 'subnets', 0, 'properties', 'addressPrefix']);
  assertRef(built, a.ref, '"a"', ['resources', 2, 'properties', 'subnets', 0]);
  assert.equal(a.networkSecurityGroup?.target, model.nsgs[0]);
  assert.equal(a.routeTable?.target, model.routeTables[0], 'keys are case-insensitive');
  assert.equal(a.networkSecurityGroup?.id, '/subscriptions/\uE000subscriptionId\uE001/resourceGroups/\uE000resourceGroupName\uE001/providers/Microsoft.Network/networkSecurityGroups/nsg');
  assertRef(built, a.networkSecurityGroup?.ref, `"[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg')]"`);
  assert.deepEqual(values(a.delegations), ['Microsoft.Web/serverFarms']);
  assertRef(built, a.propertiesRef, '"properties"', ['resources', 2, 'properties', 'subnets', 0, 'properties']);
  assert.deepEqual(values(a.serviceEndpoints), ['Microsoft.Sql', 'Microsoft.Storage']);
  assert.deepEqual(values(b.addressPrefixes), ['10.0.2.0/25', '10.0.2.128/25']);
  assertRef(built, b.prefixRef, '"addressPrefixes"', ['resources', 2, 'properties', 'subnets', 1, 'properties', 'addressPrefixes']);
  assert.equal(b.networkSecurityGroup, undefined);
  assert.deepEqual(b.delegations, []);
  assert.deepEqual(model.vnets[0].subnets, [a, b]);
});

test('a subnet written inline and as a child resource is one subnet with the most informative fields', () => {
  const text = readFileSync(join(FIXTURES, 'vnet-inline-and-child.json'), 'utf8');
  const built = build(text);
  const { model } = built;
  assert.equal(model.vnets.length, 1);
  assert.deepEqual(model.subnets.map((s) => s.name), ['ase-vnet/ase-subnet', 'ase-vnet/apps']);
  assert.deepEqual(model.vnets[0].subnets, model.subnets);
  const s = model.subnets[0];
  // the child resource is the subnet's declaration...
  assertRef(built, s.ref, `"[concat(parameters('vnetName'), '/', variables('aseSubnet'))]"`, ['resources', 2]);
  // ...but its prefix is an unresolved parameter, so the inline prefix is kept
  assert.deepEqual(values(s.addressPrefixes), ['10.0.1.0/24']);
  assertRef(built, s.prefixRef, '"10.0.1.0/24"', ['resources', 1, 'properties', 'subnets', 0, 'properties', 'addressPrefix']);
  // only the inline declaration names the NSG; only the child the delegation
  assert.equal(s.networkSecurityGroup?.target, model.nsgs[0]);
  assert.deepEqual(values(s.delegations), ['Microsoft.Web/hostingEnvironments']);
  assertRef(built, s.propertiesRef, '"properties"', ['resources', 2, 'properties']);
  assert.equal(s.condition, true);
  // counted once everywhere
  assert.equal(model.resources.filter((r) => r.type === 'Microsoft.Network/virtualNetworks/subnets').length, 2);
  // the ASE's subnet id uses another resource group: it still matches by type and names
  assert.equal(model.ases[0].subnet?.target, s);
  assert.deepEqual(s.users.map((u) => [u.kind, u.resource]), [['ase', model.ases[0]]]);
  assert.deepEqual(s.dependsOn, ['microsoft.network/virtualnetworks/ase-vnet']);
});

test('a reference to a resource the files do not declare has an id but no target', () => {
  const text = template({
    resources: [
      vnet('v', {
        subnets: [{ name: 's', properties: { addressPrefix: '10.0.0.0/24', networkSecurityGroup: { id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/elsewhere' } } }],
      }),
    ],
  });
  const s = build(text).model.subnets[0];
  assert.equal(s.networkSecurityGroup?.id, '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/elsewhere');
  assert.equal(s.networkSecurityGroup?.target, undefined);
});

test('a reference of the wrong type does not resolve', () => {
  const text = template({
    resources: [
      { type: 'Microsoft.Network/routeTables', name: 'x', properties: {} },
      vnet('v', { subnets: [{ name: 's', properties: { networkSecurityGroup: { id: "[resourceId('Microsoft.Network/routeTables', 'x')]" } } }] }),
    ],
  });
  assert.equal(build(text).model.subnets[0].networkSecurityGroup?.target, undefined);
});

test('subnets from a variable keep edit paths into the variables', () => {
  const text = template({
    variables: { subnets: [{ name: 'ase', properties: { addressPrefix: '10.0.1.0/24' } }] },
    resources: [vnet('v', { subnets: "[variables('subnets')]" })],
  });
  const built = build(text);
  const s = built.model.subnets[0];
  assertRef(built, s.ref, '"ase"', ['variables', 'subnets', 0]);
  assertRef(built, s.prefixRef, '"10.0.1.0/24"', ['variables', 'subnets', 0, 'properties', 'addressPrefix']);
});

test('unresolved subnets are UNKNOWN, prefixes known only at deployment are symbols, each noted', () => {
  const text = template({
    parameters: { subnets: { type: 'array' }, prefix: { type: 'string' } },
    resources: [
      vnet('v', { subnets: "[parameters('subnets')]" }),
      vnet('w', {
        subnets: [
          { name: 'a', properties: { addressPrefix: "[parameters('prefix')]" } },
          { name: 'b', properties: { addressPrefix: "[parameters('prefix')]" } },
        ],
      }),
    ],
  });
  const { model } = build(text);
  assert.deepEqual(model.vnets[0].subnets, []);
  const a = model.subnets[0];
  assert.ok(!isUnknown(a.addressPrefixes));
  assert.equal(reasonOf(a.addressPrefixes[0].value), "parameter 'prefix' has no value");
  assert.ok(isSymbolicValue(a.addressPrefixes[0].value) && a.addressPrefixes[0].value.text === parameterSymbol('prefix'));
  assert.deepEqual(
    model.unverified.map((u) => [u.what, u.symbolic === true]),
    [
      ["the subnets of VNet 'v' could not be resolved (parameter 'subnets' has no value)", false],
      ["the prefix of subnet 'a' is known only at deployment (parameter 'prefix' has no value)", true],
      ["the prefix of subnet 'b' is known only at deployment (parameter 'prefix' has no value)", true],
    ],
  );
});

test('subnet users: NICs, private endpoints, application gateways, gateways, apps and anything else with subnet.id', () => {
  const subnetId = (s: string) => `[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', '${s}')]`;
  const text = template({
    resources: [
      vnet('v', { subnets: ['nic', 'pe', 'agw', 'GatewaySubnet', 'lb', 'app', 'cfg'].map((name) => ({ name, properties: {} })) }),
      {
        type: 'Microsoft.Network/networkInterfaces',
        name: 'nic1',
        properties: {
          ipConfigurations: [
            { name: 'a', properties: { subnet: { id: subnetId('nic') } } },
            { name: 'b', properties: { Subnet: { Id: subnetId('nic') } } },
          ],
        },
      },
      { type: 'Microsoft.Network/privateEndpoints', name: 'pe1', properties: { subnet: { id: subnetId('pe') } } },
      { type: 'Microsoft.Network/applicationGateways', name: 'agw1', properties: { gatewayIPConfigurations: [{ name: 'g', properties: { subnet: { id: subnetId('agw') } } }] } },
      { type: 'Microsoft.Network/virtualNetworkGateways', name: 'gw', properties: { ipConfigurations: [{ name: 'c', properties: { subnet: { id: subnetId('GatewaySubnet') } } }] } },
      { type: 'Microsoft.Network/loadBalancers', name: 'ilb', properties: { frontendIPConfigurations: [{ name: 'f', properties: { subnet: { id: subnetId('lb') } } }] } },
      // A type that is an object property's name is a resource like any other (it was read as a function).
      { type: 'constructor', name: 'odd', properties: { subnet: { id: subnetId('lb') } } },
      { type: 'Microsoft.Web/sites', name: 'web', properties: { virtualNetworkSubnetId: subnetId('app') } },
      { type: 'Microsoft.Web/sites', name: 'web2', properties: {} },
      { type: 'Microsoft.Web/sites/networkConfig', name: 'web2/virtualNetwork', properties: { subnetResourceId: subnetId('cfg') } },
    ],
  });
  const built = build(text);
  const { model } = built;
  const users = Object.fromEntries(model.subnets.map((s) => [s.subnetName, s.users.map((u) => `${u.kind}:${u.resource.name}`)]));
  assert.deepEqual(users, {
    nic: ['nic:nic1'],
    pe: ['privateEndpoint:pe1'],
    agw: ['applicationGateway:agw1'],
    GatewaySubnet: ['gateway:gw'],
    lb: ['other:ilb', 'other:odd'],
    app: ['siteIntegration:web'],
    cfg: ['siteIntegration:web2'],
  });
  assertRef(built, model.subnets[0].users[0].ref, `"${subnetId('nic')}"`, ['resources', 1, 'properties', 'ipConfigurations', 0, 'properties', 'subnet', 'id']);
  assert.equal(model.sites[1].integrationSubnet?.target, model.subnets[6]);
});
