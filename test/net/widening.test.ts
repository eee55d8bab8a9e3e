// What a security rule may admit beyond the flows a fix is for (net/widening.ts): the
// measure the engine's safety net applies to the rules a fix adds or rewrites.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ipSet } from '../../server/src/ip/addressSet';
import { parseCidr } from '../../server/src/ip/cidr';
import type { Flow } from '../../server/src/core/flow';
import { admittedBeyond, type GuardedSubnet } from '../../server/src/net/widening';
import { unknown } from '../../server/src/core/value';
import { rule } from './helpers';

const SUBNET = '10.0.1.0/24';
const subnet = (udr = false): GuardedSubnet => ({ ctx: { vnetAddressSpaces: ['10.0.0.0/16'], defaultRouteViaUdr: udr }, addresses: ipSet([parseCidr(SUBNET)!]) });
const intra: Flow = { direction: 'Inbound', protocol: '*', source: { prefixes: [SUBNET] }, destination: { prefixes: [SUBNET] }, destinationPorts: '*' };
const management: Flow = { direction: 'Inbound', protocol: 'Tcp', source: { tag: 'AppServiceManagement' }, destination: { prefixes: [SUBNET] }, destinationPorts: '454-455' };
const storage: Flow = { direction: 'Outbound', protocol: 'Tcp', source: { prefixes: [SUBNET] }, destination: { tag: 'Storage' }, destinationPorts: '80,443' };

test('a rule that admits exactly its purpose stays within it', () => {
  assert.equal(admittedBeyond(rule('Self', 100, 'Allow', { source: [SUBNET], destination: [SUBNET] }), [intra], undefined, subnet()), undefined);
  assert.equal(admittedBeyond(rule('Self', 100, 'Allow', { source: [SUBNET], destination: [SUBNET] }), [intra], undefined, subnet(true)), undefined, 'with a 0.0.0.0/0 route too');
  const asm = rule('Mgmt', 100, 'Allow', { protocol: 'Tcp', source: ['AppServiceManagement'], ports: ['454-455'] });
  assert.equal(admittedBeyond(asm, [management], undefined, subnet()), undefined, 'destination * is the guarded subnet');
  const out = rule('Storage', 100, 'Allow', { direction: 'Outbound', protocol: 'Tcp', destination: ['Storage'], ports: ['80', '443'] });
  assert.equal(admittedBeyond(out, [storage], undefined, subnet()), undefined, 'source * is the guarded subnet');
});

test('VirtualNetwork in place of the subnet admits more, and with a 0.0.0.0/0 route every address', () => {
  const tagged = rule('Self', 100, 'Allow', { source: ['VirtualNetwork'], destination: ['VirtualNetwork'] });
  assert.match(admittedBeyond(tagged, [intra], undefined, subnet()) ?? '', /^inbound any protocol all ports from /);
  assert.ok(admittedBeyond(tagged, [intra], undefined, subnet(true)));
  assert.ok(admittedBeyond(rule('Any', 100, 'Allow'), [intra], undefined, subnet()), '* to *');
});

test('more ports, protocols or sources than the purpose are beyond it', () => {
  assert.match(admittedBeyond(rule('M', 100, 'Allow', { protocol: 'Tcp', source: ['AppServiceManagement'], ports: ['454-456'] }), [management], undefined, subnet()) ?? '', /TCP 456/);
  assert.match(admittedBeyond(rule('M', 100, 'Allow', { protocol: '*', source: ['AppServiceManagement'], ports: ['454-455'] }), [management], undefined, subnet()) ?? '', /UDP/);
  assert.ok(admittedBeyond(rule('M', 100, 'Allow', { protocol: 'Tcp', source: ['Internet'], ports: ['454-455'] }), [management], undefined, subnet()));
  assert.ok(admittedBeyond(rule('M', 100, 'Allow', { protocol: 'Tcp', source: ['AppServiceManagement'], ports: ['454-455'] }), [], undefined, subnet()), 'no purpose: nothing may be admitted');
});

test('what the rule admitted before does not count; an unresolved field counts as anything; an unresolved purpose allows nothing', () => {
  const before = rule('Web', 100, 'Allow', { protocol: 'Tcp', source: ['10.2.0.0/24'], ports: ['443'] });
  const after = rule('Web', 100, 'Allow', { protocol: 'Tcp', source: ['10.2.0.0/24', SUBNET], ports: ['443'] });
  const fromSubnet: Flow = { direction: 'Inbound', protocol: 'Tcp', source: { prefixes: [SUBNET] }, destination: { tag: '*' }, destinationPorts: '443' };
  assert.equal(admittedBeyond(after, [fromSubnet], before, subnet()), undefined);
  assert.ok(admittedBeyond(after, [fromSubnet], undefined, subnet()));
  assert.ok(admittedBeyond(rule('P', 100, 'Allow', { source: [unknown('a parameter')], destination: [SUBNET] }), [intra], undefined, subnet()));
  assert.ok(admittedBeyond(rule('Self', 100, 'Allow', { source: [SUBNET], destination: [SUBNET] }), [{ ...intra, source: unknown('unresolved') }], undefined, subnet()));
});

test('a rule whose direction is unresolved is held to both directions; an unknown subnet is anywhere', () => {
  const either = rule('Self', 100, 'Allow', { direction: unknown('a parameter'), source: [SUBNET], destination: [SUBNET] });
  assert.match(admittedBeyond(either, [intra], undefined, subnet()) ?? '', /^outbound/);
  assert.equal(admittedBeyond(either, [intra, { ...intra, direction: 'Outbound' }], undefined, subnet()), undefined);
  const anywhere: GuardedSubnet = { ctx: { vnetAddressSpaces: unknown('not declared') } };
  assert.ok(admittedBeyond(rule('Mgmt', 100, 'Allow', { protocol: 'Tcp', source: ['AppServiceManagement'], ports: ['454-455'] }), [management], undefined, anywhere), 'destination * is every address');
});
