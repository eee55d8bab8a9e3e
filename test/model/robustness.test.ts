import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { buildArmModel } from '../../server/src/lower/arm/build';
import { parseArmDocument } from '../../server/src/parse/arm';
import { build, hostOf, SCHEMA, template } from '../support/model';

const CORPUS = '/work/shared/corpus/arm/';

function buildsQuietly(text: string, label: string): void {
  const doc = parseArmDocument('file:///work/t.json', text);
  try {
    buildArmModel(doc, hostOf(), {});
  } catch (e) {
    assert.fail(`${label}: ${e instanceof Error ? e.stack : String(e)}`);
  }
}

test('odd shapes anywhere never throw', () => {
  const odd = [null, 0, 'x', true, [], {}, [null], { id: null }, "[parameters('nope')]", '[', '[]', '[concat(]'];
  const shapes: unknown[] = [];
  for (const v of odd) {
    shapes.push({ resources: v });
    shapes.push({ resources: [v] });
    shapes.push({ parameters: v, variables: v, functions: v, resources: [] });
    shapes.push({ parameters: { p: v }, variables: { v, copy: v }, resources: [{ type: 'Microsoft.Test/x', name: "[parameters('p')]", properties: "[variables('v')]" }] });
    for (const type of [
      'Microsoft.Network/virtualNetworks',
      'Microsoft.Network/virtualNetworks/subnets',
      'Microsoft.Network/networkSecurityGroups',
      'Microsoft.Network/networkSecurityGroups/securityRules',
      'Microsoft.Network/routeTables',
      'Microsoft.Network/routeTables/routes',
      'Microsoft.Web/hostingEnvironments',
      'Microsoft.Web/serverfarms',
      'Microsoft.Web/sites',
      'Microsoft.Web/sites/networkConfig',
      'Microsoft.Web/sites/config',
      'Microsoft.Web/sites/hostNameBindings',
      'Microsoft.Network/virtualNetworkGateways',
      'Microsoft.Network/connections',
      'Microsoft.Network/networkInterfaces',
      'Microsoft.Resources/deployments',
      'Unknown.Type/things',
    ]) {
      shapes.push({ resources: [{ type, name: v, properties: v, copy: v, condition: v, resources: v, dependsOn: v, sku: v, kind: v }] });
      shapes.push({ resources: [{ type, name: 'a/b', properties: { subnets: v, securityRules: v, routes: v, virtualNetwork: v, ipConfigurations: [v], template: v, templateLink: v, parameters: v, hostNameSslStates: v, addressSpace: v, subnet: v } }] });
      shapes.push({
        resources: [
          {
            type,
            name: 'a/b',
            properties: {
              subnets: [{ name: v, properties: { addressPrefix: v, addressPrefixes: v, networkSecurityGroup: v, delegations: [v], serviceEndpoints: v } }],
              securityRules: [{ name: v, properties: { priority: v, sourceAddressPrefixes: v, sourceApplicationSecurityGroups: v } }],
              routes: [{ properties: { nextHopType: v } }],
              virtualNetwork: { id: v, subnet: v },
              hostingEnvironmentProfile: v,
              vpnClientConfiguration: { vpnClientAddressPool: v },
              copy: [{ name: 'x', count: v, input: v }],
              expressionEvaluationOptions: { scope: v },
              template: { resources: [v] },
            },
          },
        ],
      });
    }
  }
  shapes.forEach((s, i) => buildsQuietly(JSON.stringify({ $schema: SCHEMA, ...(s as object) }), `shape ${i}: ${JSON.stringify(s).slice(0, 200)}`));
  for (const text of ['', '{', `{"$schema": "${SCHEMA}"`, `{"$schema": "${SCHEMA}", "resources": [{"type": `, 'null', '[]']) buildsQuietly(text, text);
});

test('every truncation of the corpus templates builds without throwing', () => {
  for (const f of readdirSync(CORPUS).filter((x) => x.endsWith('.json'))) {
    const text = readFileSync(CORPUS + f, 'utf8');
    const step = Math.max(1, Math.floor(text.length / 400));
    for (let end = 0; end <= text.length; end += step) buildsQuietly(text.slice(0, end), `${f} cut at ${end}`);
  }
});

test('random edits of the corpus templates build without throwing', () => {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const noise = ['', '"', '{', '}', '[', ']', ',', ':', 'null', '"[parameters(\'x\')]"', '0', '[[', '\u00e9'];
  for (const f of readdirSync(CORPUS).filter((x) => x.endsWith('.json'))) {
    const text = readFileSync(CORPUS + f, 'utf8');
    for (let i = 0; i < 60; i++) {
      let t = text;
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(random() * t.length);
        const len = Math.floor(random() * 20);
        t = t.slice(0, at) + noise[Math.floor(random() * noise.length)] + t.slice(at + len);
      }
      buildsQuietly(t, `${f} edit ${i}`);
    }
  }
});

test('10,000 levels of nesting in values, child resources and deployments do not overflow', () => {
  const depth = 10_000;
  const deepValue = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  buildsQuietly(
    `{"$schema": "${SCHEMA}", "variables": {"deep": ${deepValue}}, "resources": [{"type": "Microsoft.Test/x", "name": "x", "properties": {"v": "[variables('deep')]", "w": ${deepValue}}}]}`,
    'deep values',
  );
  let child = '{"type": "Microsoft.Network/networkSecurityGroups", "name": "n"}';
  for (let i = 0; i < 2000; i++) child = `{"type": "c", "name": "c${i}", "resources": [${child}]}`;
  buildsQuietly(`{"$schema": "${SCHEMA}", "resources": [${child}]}`, 'deep children');
  let deployment = `{"resources": []}`;
  for (let i = 0; i < 500; i++) deployment = `{"resources": [{"type": "Microsoft.Resources/deployments", "name": "d${i}", "properties": {"template": ${deployment}}}]}`;
  buildsQuietly(`{"$schema": "${SCHEMA}", ${deployment.slice(1)}`, 'deep deployments');
  const deepArray = `{"$schema": "${SCHEMA}", "resources": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
  buildsQuietly(deepArray, 'deep resources array');
});

// A hang guard, not a speed target: a quadratic lookup would blow far past the timeout.
test('a 10 MB template builds in one pass (no quadratic lookups)', { timeout: 60_000 }, () => {
  const rules = (n: number, offset: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `rule-${offset + i}`,
      properties: {
        priority: 100 + (i % 4000),
        direction: i % 2 ? 'Inbound' : 'Outbound',
        access: 'Allow',
        protocol: 'Tcp',
        sourceAddressPrefix: 'VirtualNetwork',
        sourcePortRange: '*',
        destinationAddressPrefix: '*',
        destinationPortRange: `${i}`,
        description: 'x'.repeat(20),
      },
    }));
  const resources: unknown[] = [];
  for (let n = 0; n < 200; n++) {
    resources.push({ type: 'Microsoft.Network/networkSecurityGroups', name: `nsg-${n}`, properties: { securityRules: rules(150, n * 150) } });
    resources.push({
      type: 'Microsoft.Network/virtualNetworks',
      name: `vnet-${n}`,
      properties: {
        addressSpace: { addressPrefixes: ['10.0.0.0/8'] },
        subnets: Array.from({ length: 40 }, (_, i) => ({
          name: `s${i}`,
          properties: { addressPrefix: `10.${n}.${i}.0/24`, networkSecurityGroup: { id: `[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-${n}')]` } },
        })),
      },
    });
  }
  const text = template({ resources });
  assert.ok(text.length > 10_000_000, `only ${text.length} characters`);
  const { model } = build(text);
  assert.equal(model.subnets.length, 8000);
  assert.equal(model.subnets[7999].networkSecurityGroup?.target, model.nsgs[199]);
});
