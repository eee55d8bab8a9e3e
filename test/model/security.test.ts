import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnknown } from '../../server/src/core/value';
import type { SecurityRule } from '../../server/src/model/types';
import { assertRef, build, reasonOf, template } from '../support/model';

const nsg = (name: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'Microsoft.Network/networkSecurityGroups',
  apiVersion: '2023-04-01',
  name,
  ...extra,
  properties,
});

function rules(list: SecurityRule[] | { reason: string }): SecurityRule[] {
  assert.ok(!isUnknown(list), 'expected known rules');
  return list as SecurityRule[];
}

test('inline security rules: fields normalised to Azure spelling, singular and plural merged', () => {
  const text = template({
    resources: [
      nsg('ase-nsg', {
        securityRules: [
          {
            name: 'AllowMgmt',
            properties: {
              priority: '100',
              direction: 'inbound',
              access: 'ALLOW',
              protocol: 'TCP',
              sourceAddressPrefix: 'AppServiceManagement',
              sourceAddressPrefixes: ['10.0.0.0/24'],
              sourcePortRange: '*',
              destinationAddressPrefix: '*',
              destinationPortRanges: ['454-455', 16001],
            },
          },
          {
            Name: 'DenyAll',
            Properties: { Priority: 4096, Direction: 'Outbound', Access: 'Deny', Protocol: '*', SourceAddressPrefix: '*', SourcePortRange: '*', DestinationAddressPrefix: '*', DestinationPortRange: '*' },
          },
        ],
      }),
    ],
  });
  const built = build(text);
  const n = built.model.nsgs[0];
  const [a, b] = rules(n.securityRules);
  assert.deepEqual(
    { ...a, ref: undefined, nsg: undefined, priorityRef: undefined, fieldRefs: undefined },
    {
      name: 'AllowMgmt',
      ref: undefined,
      nsg: undefined,
      priorityRef: undefined,
      fieldRefs: undefined,
      priority: 100,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceAddressPrefixes: ['AppServiceManagement', '10.0.0.0/24'],
      sourcePortRanges: ['*'],
      destinationAddressPrefixes: ['*'],
      destinationPortRanges: ['454-455', '16001'],
    },
  );
  assert.equal(a.nsg, n);
  assertRef(built, a.ref, '"AllowMgmt"', ['resources', 0, 'properties', 'securityRules', 0]);
  assertRef(built, a.priorityRef, '"100"', ['resources', 0, 'properties', 'securityRules', 0, 'properties', 'priority']);
  // Where each part is written: a note on a verdict it leaves open goes there (the singular field first).
  assertRef(built, a.fieldRefs?.access, '"ALLOW"', ['resources', 0, 'properties', 'securityRules', 0, 'properties', 'access']);
  assertRef(built, a.fieldRefs?.source, '"AppServiceManagement"', ['resources', 0, 'properties', 'securityRules', 0, 'properties', 'sourceAddressPrefix']);
  assert.deepEqual(a.fieldRefs?.destinationPorts?.path, ['resources', 0, 'properties', 'securityRules', 0, 'properties', 'destinationPortRanges']);
  assert.equal(b.name, 'DenyAll');
  assert.equal(b.direction, 'Outbound');
  assert.deepEqual(b.destinationPortRanges, ['*']);
  assertRef(built, n.securityRulesRef, '"securityRules"', ['resources', 0, 'properties', 'securityRules']);
  assert.deepEqual(built.model.unverified, []);
});

test('application security groups make UNKNOWN entries and one note per NSG', () => {
  const asg = { id: "[resourceId('Microsoft.Network/applicationSecurityGroups', 'web')]" };
  const rule = (name: string) => ({
    name,
    properties: {
      priority: 200,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceApplicationSecurityGroups: [asg],
      sourcePortRange: '*',
      destinationAddressPrefix: 'VirtualNetwork',
      destinationApplicationSecurityGroups: [asg, asg],
      destinationPortRange: '443',
    },
  });
  const { model } = build(template({ resources: [nsg('n', { securityRules: [rule('a'), rule('b')] })] }));
  const [a] = rules(model.nsgs[0].securityRules);
  const src = a.sourceAddressPrefixes as unknown[];
  assert.equal(src.length, 1);
  assert.match(reasonOf(src[0]), /application security group/);
  const dst = a.destinationAddressPrefixes as unknown[];
  assert.equal(dst[0], 'VirtualNetwork');
  assert.equal(dst.length, 3);
  assert.deepEqual(model.unverified.map((u) => u.what), ["NSG 'n' uses application security groups, whose addresses are known only at deployment"]);
});

test('missing and invalid rule fields are UNKNOWN with a reason', () => {
  const { model } = build(
    template({
      parameters: { ports: { type: 'array' } },
      resources: [
        nsg('n', {
          securityRules: [
            { name: 'x', properties: { priority: 'high', direction: 'sideways', access: 'Allow', protocol: 'Gre', destinationPortRanges: "[parameters('ports')]" } },
          ],
        }),
      ],
    }),
  );
  const [x] = rules(model.nsgs[0].securityRules);
  assert.equal(reasonOf(x.priority), 'priority is not a number');
  assert.equal(reasonOf(x.direction), "direction 'sideways' is not one of Inbound, Outbound");
  assert.equal(reasonOf(x.protocol), "protocol 'Gre' is not one of *, Tcp, Udp, Icmp, Esp, Ah");
  assert.equal(reasonOf(x.sourceAddressPrefixes), 'the rule has no sourceAddressPrefix');
  assert.equal(reasonOf(x.destinationPortRanges), "parameter 'ports' has no value");
});

test('child securityRules resources join their NSG; a rule of the same name is replaced', () => {
  const props = (priority: number) => ({
    priority,
    direction: 'Inbound',
    access: 'Allow',
    protocol: '*',
    sourceAddressPrefix: 'AzureLoadBalancer',
    sourcePortRange: '*',
    destinationAddressPrefix: '*',
    destinationPortRange: '*',
  });
  const text = template({
    resources: [
      {
        ...nsg('n', { securityRules: [{ name: 'LB', properties: props(100) }, { name: 'keep', properties: props(110) }] }),
        resources: [{ type: 'securityRules', name: 'nested', properties: props(120) }],
      },
      { type: 'Microsoft.Network/networkSecurityGroups/securityRules', name: 'n/lb', properties: props(130) },
      { type: 'Microsoft.Network/networkSecurityGroups/securityRules', name: 'other/x', properties: props(140) },
    ],
  });
  const built = build(text);
  const n = built.model.nsgs[0];
  const list = rules(n.securityRules);
  assert.deepEqual(list.map((r) => [r.name, r.priority]), [['lb', 130], ['keep', 110], ['nested', 120]]);
  for (const r of list) assert.equal(r.nsg, n);
  assertRef(built, list[0].ref, '"n/lb"', ['resources', 1]);
  assertRef(built, list[2].ref, '"nested"', ['resources', 0, 'resources', 0]);
  assert.equal(built.model.resources.filter((r) => r.type === 'Microsoft.Network/networkSecurityGroups/securityRules').length, 3);
});

test('a property copy builds the rules: evaluated per index, without edit paths', () => {
  const text = template({
    variables: { ports: ['80', '443'] },
    resources: [
      nsg('n', {
        copy: [
          {
            name: 'securityRules',
            count: "[length(variables('ports'))]",
            input: {
              name: "[concat('allow-', variables('ports')[copyIndex('securityRules')])]",
              properties: {
                priority: "[add(100, copyIndex('securityRules'))]",
                direction: 'Inbound',
                access: 'Allow',
                protocol: 'Tcp',
                sourceAddressPrefix: '*',
                sourcePortRange: '*',
                destinationAddressPrefix: '*',
                destinationPortRange: "[variables('ports')[copyIndex('securityRules')]]",
              },
            },
          },
        ],
      }),
    ],
  });
  const built = build(text);
  const n = built.model.nsgs[0];
  const list = rules(n.securityRules);
  assert.deepEqual(list.map((r) => [r.name, r.priority, r.destinationPortRanges]), [['allow-80', 100, ['80']], ['allow-443', 101, ['443']]]);
  assertRef(built, list[1].ref, `"[concat('allow-', variables('ports')[copyIndex('securityRules')])]"`, null);
  assert.equal(n.securityRulesRef, undefined, 'no literal array to insert into');
});

test('rules from a variable point into the variables; unresolved rules are UNKNOWN and noted', () => {
  const text = template({
    parameters: { rules: { type: 'array' } },
    variables: { rules: [{ name: 'r', properties: { priority: 100 } }] },
    resources: [nsg('a', { securityRules: "[variables('rules')]" }), nsg('b', { securityRules: "[parameters('rules')]" }), nsg('c', {})],
  });
  const built = build(text);
  const [a, b, c] = built.model.nsgs;
  assertRef(built, rules(a.securityRules)[0].ref, '"r"', ['variables', 'rules', 0]);
  assertRef(built, a.securityRulesRef, '"securityRules"', ['variables', 'rules']);
  assert.equal(reasonOf(b.securityRules), "parameter 'rules' has no value");
  assert.deepEqual(c.securityRules, []);
  assert.equal(c.securityRulesRef, undefined);
  assert.ok(built.model.unverified.some((u) => u.what === "the security rules of NSG 'b' could not be resolved (parameter 'rules' has no value)"));
});

test('route tables: inline and child routes, canonical next hop types, BGP propagation', () => {
  const text = template({
    resources: [
      {
        type: 'Microsoft.Network/routeTables',
        name: 'rt',
        properties: {
          disableBgpRoutePropagation: 'true',
          routes: [
            { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'virtualappliance', nextHopIpAddress: '10.0.0.4' } },
            { name: 'replaced', properties: { addressPrefix: '10.0.0.0/8', nextHopType: 'None' } },
          ],
        },
        resources: [{ type: 'routes', name: 'replaced', properties: { addressPrefix: '10.0.0.0/8', nextHopType: 'internet' } }],
      },
      { type: 'Microsoft.Network/routeTables/routes', name: 'rt/extra', properties: { addressPrefix: '1.2.3.0/24', nextHopType: 'VnetLocal' } },
      { type: 'Microsoft.Network/routeTables', name: 'bare', properties: {} },
    ],
  });
  const built = build(text);
  const [rt, bare] = built.model.routeTables;
  assert.equal(rt.disableBgpRoutePropagation, true);
  assert.ok(!isUnknown(rt.routes));
  assert.deepEqual(
    rt.routes.map((r) => [r.name, r.addressPrefix, r.nextHopType, r.nextHopIpAddress]),
    [
      ['default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4'],
      ['replaced', '10.0.0.0/8', 'Internet', undefined],
      ['extra', '1.2.3.0/24', 'VnetLocal', undefined],
    ],
  );
  for (const r of rt.routes) assert.equal(r.table, rt);
  assertRef(built, rt.routes[0].ref, '"default"', ['resources', 0, 'properties', 'routes', 0]);
  assertRef(built, rt.routes[0].nextHopTypeRef, '"virtualappliance"', ['resources', 0, 'properties', 'routes', 0, 'properties', 'nextHopType']);
  assertRef(built, rt.routes[1].nextHopTypeRef, '"internet"', ['resources', 0, 'resources', 0, 'properties', 'nextHopType']);
  assertRef(built, rt.routesRef, '"routes"', ['resources', 0, 'properties', 'routes']);
  assert.equal(bare.disableBgpRoutePropagation, undefined);
  assert.deepEqual(bare.routes, []);
});
