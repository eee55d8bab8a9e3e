import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parameterSymbol } from '../../server/src/core/symbolic';
import { aseVersion, ilbMode } from '../../server/src/model/web';
import { isUnknown, unknown } from '../../server/src/core/value';
import { assertRef, ase, build, reasonOf, template, values, vnet } from '../support/model';

test('ASE version from kind (case-insensitive), else from the apiVersion or v1-only properties', () => {
  assert.equal(aseVersion('ASEV3', '2022-03-01', {}), 'v3');
  assert.equal(aseVersion('aseV2', '2022-03-01', {}), 'v2');
  assert.equal(aseVersion('AseV1', '2022-03-01', {}), 'v1');
  assert.equal(aseVersion(undefined, '2015-08-01', {}), 'v1');
  assert.equal(aseVersion(undefined, '2018-02-01', {}), 'v1');
  assert.equal(aseVersion(undefined, '2020-06-01', { workerPools: [] }), 'v1');
  assert.match(reasonOf(aseVersion(undefined, '2022-03-01', {})), /no kind/);
  assert.equal(reasonOf(aseVersion(unknown('x'), '2015-08-01', {})), 'x');
  assert.match(reasonOf(aseVersion('ASE', '2022-03-01', {})), /is not ASEV1, ASEV2 or ASEV3/);
});

test('ILB mode: names in any case or spacing, numbers 0-3 and numeric strings; absent means None', () => {
  const cases: [unknown, string][] = [
    [undefined, 'None'],
    ['None', 'None'],
    ['web', 'Web'],
    ['Publishing', 'Publishing'],
    ['Web, Publishing', 'Web, Publishing'],
    ['publishing,web', 'Web, Publishing'],
    [0, 'None'],
    [1, 'Web'],
    [2, 'Publishing'],
    [3, 'Web, Publishing'],
    ['3', 'Web, Publishing'],
  ];
  for (const [input, expected] of cases) assert.equal(ilbMode(input as never), expected, String(input));
  assert.ok(isUnknown(ilbMode(4)));
  assert.ok(isUnknown(ilbMode('Internal')));
  assert.ok(isUnknown(ilbMode('None, Web')));
});

test('an ASE: version, ILB mode, dnsSuffix, ipsslAddressCount and its subnet (v2/v3 form)', () => {
  const text = template({
    parameters: { ilb: { type: 'int', defaultValue: 3 } },
    resources: [
      vnet('v', { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'ase', properties: { addressPrefix: '10.0.0.0/24' } }] }),
      ase(
        'my-ase',
        {
          internalLoadBalancingMode: "[parameters('ilb')]",
          dnsSuffix: 'contoso.internal',
          ipsslAddressCount: '0',
          virtualNetwork: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 'ase')]" },
        },
        { kind: 'ASEV2' },
      ),
    ],
  });
  const built = build(text);
  const a = built.model.ases[0];
  assert.equal(a.version, 'v2');
  assert.equal(a.ilbMode, 'Web, Publishing');
  assert.equal(a.dnsSuffix?.value, 'contoso.internal');
  assertRef(built, a.dnsSuffix?.ref, '"contoso.internal"', ['resources', 1, 'properties', 'dnsSuffix']);
  assert.equal(a.ipsslAddressCount?.value, 0);
  assertRef(built, a.kindRef, '"ASEV2"', ['resources', 1, 'kind']);
  assertRef(built, a.ref, '"my-ase"', ['resources', 1]);
  assert.equal(a.subnet?.target, built.model.subnets[0]);
  assertRef(built, a.subnet?.ref, `"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 'ase')]"`, ['resources', 1, 'properties', 'virtualNetwork', 'id']);
  assert.deepEqual(built.model.unverified, []);
});

test('older ASEs name the VNet in virtualNetwork.Id and the subnet in virtualNetwork.Subnet', () => {
  const text = template({
    variables: { vnetName: 'classic' },
    resources: [
      vnet("[variables('vnetName')]", { subnets: [{ name: 'default', properties: { addressPrefix: '192.168.250.0/24' } }] }),
      ase(
        'old',
        { VirtualNetwork: { Id: "[resourceId('Microsoft.Network/virtualNetworks', variables('vnetName'))]", type: 'Microsoft.Network/virtualNetworks', Subnet: 'default' } },
        { apiVersion: '2015-02-01' },
      ),
    ],
  });
  const built = build(text);
  const a = built.model.ases[0];
  assert.equal(a.version, 'v1');
  assert.equal(a.ilbMode, 'None');
  assert.match(a.subnet!.id as string, /\/providers\/Microsoft.Network\/virtualNetworks\/classic\/subnets\/default$/);
  assert.equal(a.subnet?.target, built.model.subnets[0]);
  assert.deepEqual(built.model.subnets[0].users.map((u) => u.kind), ['ase']);
});

test('an ASE subnet passed as parameters is UNKNOWN and noted; one outside the files is noted', () => {
  const text = template({
    parameters: { subnetId: { type: 'string' } },
    resources: [
      ase('a', { virtualNetwork: { id: "[parameters('subnetId')]" } }),
      ase('b', { virtualNetwork: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/x' } }),
      ase('c', {}),
    ],
  });
  const { model } = build(text);
  assert.equal(reasonOf(model.ases[0].subnet?.id), "parameter 'subnetId' has no value");
  assert.equal(model.ases[1].subnet?.target, undefined);
  assert.equal(model.ases[2].subnet, undefined);
  assert.deepEqual(model.unverified.map((u) => u.what), [
    "parameter 'subnetId' has no value",
    "the ASE 'c' names no subnet",
    "the subnet of ASE 'b' is not declared in the analysed files",
  ]);
});

test('an ASE subnet whose VNet name is a parameter without value: a symbolic id that finds the declared subnet', () => {
  const text = template({
    parameters: { stack: { type: 'string' }, subnet: { type: 'string', defaultValue: 'frontend' } },
    variables: { vnetName: "[concat(parameters('stack'), '-vnet')]" },
    resources: [
      vnet("[variables('vnetName')]", { subnets: [{ name: "[parameters('subnet')]", properties: { addressPrefix: '10.0.0.0/24' } }] }),
      ase('[parameters(\'stack\')]', { virtualNetwork: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('vnetName'), parameters('subnet'))]" } }),
    ],
  });
  const { model } = build(text);
  const a = model.ases[0];
  const stack = parameterSymbol('stack');
  assert.ok(String(a.subnet?.id).endsWith(`/virtualNetworks/${stack}-vnet/subnets/frontend`));
  assert.equal(a.name, stack);
  assert.equal(a.subnet?.target, model.subnets[0]);
  assert.equal(model.subnets[0].name, `${stack}-vnet/frontend`);
  assert.deepEqual(model.unverified, []);
  assert.equal(model.subnets[0].subnetName, 'frontend');
});

test('an ASE whose kind is an unresolved expression has an UNKNOWN version', () => {
  const { model } = build(template({ parameters: { kind: { type: 'string' } }, resources: [ase('a', {}, { kind: "[parameters('kind')]" })] }));
  assert.equal(reasonOf(model.ases[0].version), "parameter 'kind' has no value");
});

test('App Service plans: sku, capacity, elastic maximum, kind, reserved and the ASE they live in', () => {
  const text = template({
    resources: [
      ase('ase1', {}),
      {
        type: 'Microsoft.Web/serverfarms',
        name: 'plan',
        kind: 'linux',
        sku: { name: 'I1v2', tier: 'IsolatedV2', capacity: '3' },
        properties: { reserved: true, maximumElasticWorkerCount: 10, hostingEnvironmentProfile: { id: "[resourceId('Microsoft.Web/hostingEnvironments', 'ASE1')]" } },
      },
      { type: 'Microsoft.Web/serverFarms', name: 'old', sku: { name: 'P1' }, properties: { hostingEnvironmentId: "[resourceId('Microsoft.Web/hostingEnvironments', 'ase1')]" } },
      { type: 'Microsoft.Web/serverfarms', name: 'byName', properties: { hostingEnvironment: 'ase1' } },
      { type: 'Microsoft.Web/serverfarms', name: 'bare' },
    ],
  });
  const { model } = build(text);
  const [plan, old, byName, bare] = model.plans;
  assert.deepEqual(
    [plan.skuName, plan.skuTier, plan.capacity, plan.maximumElasticWorkerCount, plan.kind, plan.reserved],
    ['I1v2', 'IsolatedV2', 3, 10, 'linux', true],
  );
  assert.equal(plan.hostingEnvironment?.target, model.ases[0]);
  assert.equal(old.hostingEnvironment?.target, model.ases[0]);
  assert.equal(byName.hostingEnvironment?.target, model.ases[0]);
  assert.deepEqual([bare.skuName, bare.capacity, bare.reserved, bare.hostingEnvironment], [undefined, undefined, undefined, undefined]);
});

test('sites: plan, ASE, integration subnet, host names and IP-based SSL (inline and hostNameBindings)', () => {
  const text = template({
    resources: [
      vnet('v', { subnets: [{ name: 'int', properties: { delegations: [{ name: 'd', properties: { serviceName: 'Microsoft.Web/serverFarms' } }] } }] }),
      ase('ase1', {}),
      { type: 'Microsoft.Web/serverfarms', name: 'plan' },
      {
        type: 'Microsoft.Web/sites',
        name: 'app',
        kind: 'app,linux',
        properties: {
          serverFarmId: "[resourceId('Microsoft.Web/serverFarms', 'plan')]",
          hostingEnvironmentProfile: { id: "[resourceId('Microsoft.Web/hostingEnvironments', 'ase1')]" },
          virtualNetworkSubnetId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 'int')]",
          hostNames: ['app.contoso.com'],
          hostNameSslStates: [
            { name: 'app.contoso.com', sslState: 'SniEnabled' },
            { name: 'ip.contoso.com', sslState: 'IpBasedEnabled', thumbprint: 'x' },
          ],
        },
        resources: [{ type: 'hostNameBindings', name: 'www.contoso.com', properties: { sslState: 'ipbasedenabled' } }],
      },
    ],
  });
  const built = build(text);
  const { model } = built;
  const site = model.sites[0];
  assert.equal(site.kind, 'app,linux');
  assert.equal(site.plan?.target, model.plans[0]);
  assert.equal(site.hostingEnvironment?.target, model.ases[0]);
  assert.equal(site.integrationSubnet?.target, model.subnets[0]);
  assert.deepEqual(model.subnets[0].users.map((u) => [u.kind, u.resource]), [['siteIntegration', site]]);
  assert.deepEqual(values(site.hostNames), ['app.contoso.com', 'ip.contoso.com', 'www.contoso.com']);
  assert.equal(site.ipBasedSsl.length, 2);
  assertRef(built, site.ipBasedSsl[0], '"IpBasedEnabled"', ['resources', 3, 'properties', 'hostNameSslStates', 1, 'sslState']);
  assertRef(built, site.ipBasedSsl[1], '"ipbasedenabled"', ['resources', 3, 'resources', 0, 'properties', 'sslState']);
});

test('regional VNet Integration through sites/config named virtualNetwork (older templates)', () => {
  const text = template({
    resources: [
      vnet('vnet', { subnets: [{ name: 'myappservice', properties: {} }] }),
      {
        type: 'Microsoft.Web/sites',
        name: 'app',
        properties: {},
        resources: [
          { type: 'config', name: 'virtualNetwork', properties: { subnetResourceId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'myappservice')]" } },
          { type: 'config', name: 'web', properties: { subnetResourceId: 'ignored' } },
        ],
      },
    ],
  });
  const { model } = build(text);
  assert.equal(model.sites[0].integrationSubnet?.target, model.subnets[0]);
  assert.equal(model.subnets[0].users.length, 1);
});

test('VNet gateways and connections', () => {
  const text = template({
    resources: [
      vnet('hub', { subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/27' } }] }),
      {
        type: 'Microsoft.Network/virtualNetworkGateways',
        name: 'gw',
        properties: {
          gatewayType: 'ExpressRoute',
          vpnType: 'RouteBased',
          ipConfigurations: [{ name: 'c', properties: { subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub', 'GatewaySubnet')]" } } }],
          vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ['172.16.201.0/24'] } },
        },
      },
      {
        type: 'Microsoft.Network/connections',
        name: 'conn',
        properties: { connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: "[resourceId('Microsoft.Network/virtualNetworkGateways', 'gw')]" } },
      },
    ],
  });
  const { model } = build(text);
  const gw = model.gateways[0];
  assert.equal(gw.gatewayType, 'ExpressRoute');
  assert.equal(gw.vpnType, 'RouteBased');
  assert.equal(gw.vnet?.target, model.vnets[0]);
  assert.match(gw.vnet!.id as string, /virtualNetworks\/hub$/);
  assert.deepEqual(values(gw.p2sAddressPrefixes as never), ['172.16.201.0/24']);
  assert.equal(model.connections[0].connectionType, 'ExpressRoute');
  assert.equal(model.connections[0].gateway?.target, gw);
  assert.deepEqual(model.subnets[0].users.map((u) => u.kind), ['gateway']);
});
