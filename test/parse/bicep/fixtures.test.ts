import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findProperty, parseBicep, walk, type ObjectLiteral } from '../../../server/src/parse/bicep';
import { checkCoverage } from './coverage';
import { FIXTURES, readFixture } from './fixtures';
import { generateBicep } from './generateBicep';
import { declaration, parseClean, show, textOf } from './helpers';

test('every fixture parses without errors, with a sound tree that covers the text', () => {
  for (const name of FIXTURES) {
    const file = parseClean(readFixture(name));
    checkCoverage(file);
    assert.ok(file.declarations.length > 3, name);
  }
});

test('the ASE spoke fixture: resources, the subnet reference, the pragma and comments', () => {
  const file = parseClean(readFixture('ase-v3-network.bicep'));
  const resources = file.declarations.filter((d) => d.kind === 'resource');
  assert.deepEqual(
    resources.map((r) => r.name.name),
    ['nsg', 'routes', 'vnet', 'peSubnet', 'ase', 'aseConfig'],
  );
  const ase = resources[4].value as ObjectLiteral;
  const network = findProperty(findProperty(ase, 'properties')!.value as ObjectLiteral, 'virtualNetwork')!.value as ObjectLiteral;
  assert.equal(show(findProperty(network, 'id')!.value), 'vnet::aseSubnet.id');
  const pragma = file.pragmas[0];
  assert.deepEqual(
    pragma.codes.map((c) => c.code),
    ['BCP081', 'use-recent-api-versions'],
  );
  // The pragma is on the line right before the resource it silences.
  assert.equal(file.lines.position(pragma.start).line + 1, file.lines.position(resources[5].start).line);
  assert.match(textOf(file, file.comments[0]), /^\/\/ App Service Environment v3/);
  const dns = declaration(file, 'module');
  assert.equal(dns.value.kind, 'if');
});

test('the parameters file is recognised and its values parsed', () => {
  const file = parseClean(readFixture('ase-v3.bicepparam'));
  assert.equal(file.isParamsFile, true);
  assert.deepEqual(
    file.declarations.filter((d) => d.kind === 'param').map((d) => d.name.name),
    ['prefix', 'location', 'vnetAddressPrefix', 'internalLoadBalancingMode', 'zoneRedundant', 'extraRules', 'tags'],
  );
});

test('walk visits every node once, parents first, in text order, and can skip subtrees', () => {
  const file = parseClean(readFixture('hub.bicep'));
  const starts: number[] = [];
  const seen = new Set<object>();
  walk(file, (node) => {
    assert.ok(!seen.has(node));
    seen.add(node);
    if (node.kind !== 'file') starts.push(node.start);
  });
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  let objects = 0;
  walk(file, (node) => {
    if (node.kind === 'object') objects++;
    return node.kind !== 'object';
  });
  let allObjects = 0;
  walk(file, (node) => {
    if (node.kind === 'object') allObjects++;
  });
  assert.ok(objects > 0 && objects < allObjects, `${objects} outermost of ${allObjects} objects`);
});

test('generated templates parse without errors', () => {
  for (const size of [5_000, 30_000]) {
    const file = parseBicep(generateBicep(size));
    assert.deepEqual(file.diagnostics, []);
    checkCoverage(file);
    assert.ok(file.text.length >= size);
    assert.ok(file.declarations.some((d) => d.kind === 'resource' && d.value.kind === 'if'));
  }
});
