import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateFlow, type NsgContext } from '../../server/src/net/nsg';
import { type Flow } from '../../server/src/core/flow';
import { PortSet } from '../../server/src/ip/ports';
import { nsg, rule } from './helpers';

// The evaluator keeps, per NSG, the rules' evaluation order and their parsed ports and
// addresses, and per context object its prepared address spaces. These tests change
// what those are built from between two questions: the answer must follow.

const SUBNET = { prefixes: ['10.0.1.0/24'] };
const management: Flow = {
  direction: 'Inbound',
  protocol: 'Tcp',
  source: { tag: 'AppServiceManagement' },
  destination: SUBNET,
  destinationPorts: '454-455',
};
const https: Flow = { direction: 'Inbound', protocol: 'Tcp', source: { prefixes: ['10.9.0.5'] }, destination: SUBNET, destinationPorts: '443' };

describe('what the evaluator keeps between questions', () => {
  it('follows rules added to the list in place, and a list replaced', () => {
    const ctx: NsgContext = { vnetAddressSpaces: ['10.0.0.0/16'] };
    const g = nsg(rule('AllowManagement', 200, 'Allow', { ports: ['454-455'] }));
    assert.equal(evaluateFlow(g, management, ctx).status, 'allowed');
    const deny = rule('DenyManagement', 100, 'Deny', { ports: ['454'] });
    (g.securityRules as ReturnType<typeof rule>[]).push(deny);
    const blocked = evaluateFlow(g, management, ctx);
    assert.equal(blocked.status, 'blocked');
    assert.equal(blocked.rule, deny);
    (g.securityRules as ReturnType<typeof rule>[])[1] = rule('DenyOther', 100, 'Deny', { ports: ['22'] });
    assert.equal(evaluateFlow(g, management, ctx).status, 'allowed');
    g.securityRules = [rule('DenyAll', 150, 'Deny')];
    assert.equal(evaluateFlow(g, management, ctx).rule?.name, 'DenyAll');
  });

  it('keeps both orders of rules that share a priority, asked again', () => {
    const ctx: NsgContext = { vnetAddressSpaces: ['10.0.0.0/16'] };
    const g = nsg(rule('Allow', 100, 'Allow', { ports: ['443'] }), rule('Deny', 100, 'Deny', { ports: ['443'] }));
    for (let i = 0; i < 3; i++) {
      const v = evaluateFlow(g, https, ctx);
      assert.equal(v.status, 'unknown');
      assert.match(v.reason ?? '', /share a priority/);
    }
  });

  it('follows a context whose address spaces change, in place or replaced', () => {
    // 10.9.0.5 is in the VNet's space when that is 10.9.0.0/16: VirtualNetwork then matches it for sure.
    const g = nsg(rule('AllowVnet', 100, 'Allow', { source: ['VirtualNetwork'], ports: ['443'] }), rule('DenyAll', 200, 'Deny'));
    const spaces = ['10.0.0.0/16'];
    const ctx: NsgContext = { vnetAddressSpaces: spaces };
    const outside = evaluateFlow(g, https, ctx);
    spaces[0] = '10.9.0.0/16';
    const inside = evaluateFlow(g, https, ctx);
    assert.equal(inside.status, 'allowed');
    assert.notDeepEqual(inside, outside);
    ctx.vnetAddressSpaces = ['10.0.0.0/16'];
    assert.deepEqual(evaluateFlow(g, https, ctx), outside);
  });

  it('rules writing the same ports and prefixes share their parses and keep their own verdicts', () => {
    const ctx: NsgContext = { vnetAddressSpaces: ['10.0.0.0/16'] };
    const a = rule('A', 100, 'Deny', { source: ['10.9.0.0/24'], ports: ['443'] });
    const b = rule('B', 200, 'Allow', { source: ['10.9.0.0/24'], ports: ['443'] });
    const g = nsg(a, b);
    const other = nsg(rule('B2', 200, 'Allow', { source: ['10.9.0.0/24'], ports: ['443'] }));
    assert.equal(evaluateFlow(g, https, ctx).rule, a);
    assert.equal(evaluateFlow(other, https, ctx).status, 'allowed');
    assert.equal(evaluateFlow(g, https, ctx).status, 'blocked');
  });
});

describe('PortSet.overlaps', () => {
  it('is true exactly when the intersection is not empty', () => {
    const texts = ['*', '80', '443', '80,443', '1-1024', '1024-2048', '2049-65535', '0', '65535', '100-200,300-400', '201-299'];
    for (const x of texts) {
      for (const y of texts) {
        const a = PortSet.parse(x)!;
        const b = PortSet.parse(y)!;
        assert.equal(a.overlaps(b), !a.intersect(b).isEmpty(), `${x} ∩ ${y}`);
      }
    }
    assert.equal(PortSet.empty().overlaps(PortSet.all()), false);
  });
});
