import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertUnknown, ev } from './helpers';

test('parseCidr IPv4', () => {
  assert.deepEqual(ev("[parseCidr('10.144.0.0/20')]"), {
    network: '10.144.0.0',
    netmask: '255.255.240.0',
    broadcast: '10.144.15.255',
    firstUsable: '10.144.0.1',
    lastUsable: '10.144.15.254',
    cidr: 20,
  });
  assert.deepEqual(ev("[parseCidr('10.0.0.5/32')]"), {
    network: '10.0.0.5',
    netmask: '255.255.255.255',
    broadcast: '10.0.0.5',
    firstUsable: '10.0.0.5',
    lastUsable: '10.0.0.5',
    cidr: 32,
  });
  assert.equal(ev("[parseCidr('10.144.7.9/20').network]"), '10.144.0.0', 'host bits are ignored');
  assert.equal(ev("[parseCidr('0.0.0.0/0').broadcast]"), '255.255.255.255');
});

test('parseCidr IPv6', () => {
  assert.deepEqual(ev("[parseCidr('fdad:3236:5555::/48')]"), {
    network: 'fdad:3236:5555::',
    netmask: 'ffff:ffff:ffff::',
    firstUsable: 'fdad:3236:5555::',
    lastUsable: 'fdad:3236:5555:ffff:ffff:ffff:ffff:ffff',
    cidr: 48,
  });
  assert.equal(ev("[parseCidr('2001:db8:0:0:1:0:0:1/128').network]"), '2001:db8::1:0:0:1');
  assert.equal(ev("[parseCidr('::ffff:10.0.0.1/128').network]"), '::ffff:a00:1');
});

test('cidrSubnet', () => {
  assert.deepEqual(ev("[map(range(0, 5), lambda('i', cidrSubnet('10.144.0.0/20', 24, lambdaVariables('i'))))]"), [
    '10.144.0.0/24',
    '10.144.1.0/24',
    '10.144.2.0/24',
    '10.144.3.0/24',
    '10.144.4.0/24',
  ]);
  assert.deepEqual(ev("[map(range(0, 3), lambda('i', cidrSubnet('fdad:3236:5555::/48', 52, lambdaVariables('i'))))]"), [
    'fdad:3236:5555::/52',
    'fdad:3236:5555:1000::/52',
    'fdad:3236:5555:2000::/52',
  ]);
  assert.equal(ev("[cidrSubnet('10.0.0.0/16', 16, 0)]"), '10.0.0.0/16');
  assertUnknown(ev("[cidrSubnet('10.0.0.0/16', 15, 0)]"), 'cidrSubnet(): /15 does not fit inside /16');
  assertUnknown(ev("[cidrSubnet('10.0.0.0/16', 24, 256)]"), 'cidrSubnet(): subnet index 256 is outside 0..255');
  assertUnknown(ev("[cidrSubnet('10.0.0.0', 24, 0)]"), "cidrSubnet(): '10.0.0.0' is not a CIDR range");
});

test('cidrHost: index 0 is the first address after the network address', () => {
  assert.deepEqual(ev("[map(range(0, 3), lambda('i', cidrHost('10.144.3.0/24', lambdaVariables('i'))))]"), ['10.144.3.1', '10.144.3.2', '10.144.3.3']);
  assert.equal(ev("[cidrHost('fdad:3236:5555:3000::/52', 0)]"), 'fdad:3236:5555:3000::1');
  assert.equal(ev("[cidrHost('10.0.0.0/24', 253)]"), '10.0.0.254');
  assertUnknown(ev("[cidrHost('10.0.0.0/24', 254)]"), 'cidrHost(): host index 254 is outside the range');
  assertUnknown(ev("[cidrHost('10.0.0.0/24', -1)]"), 'cidrHost(): host index -1 is outside the range');
});

test('invalid CIDR strings are UNKNOWN', () => {
  for (const bad of ['10.0.0.0/33', '10.0.0/8', '256.0.0.0/8', 'x/8', '::1::2/64', '1:2:3:4:5:6:7:8:9/64', '10.0.0.0/-1', 'fe80::/129']) {
    assertUnknown(ev(`[parseCidr('${bad}')]`), 'is not a CIDR range');
  }
  assertUnknown(ev('[parseCidr(1)]'), 'parseCidr(): argument 1 is an integer, expected a CIDR string');
  assertUnknown(ev("[parseCidr(concat(resourceGroup().name, '/24'))]"), 'parseCidr() depends on {resourceGroupName}');
});
