import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateFlow, forgetKeptVerdicts, keepVerdicts, keptVerdictCount, type FlowVerdict, type NsgContext } from '../../server/src/net/nsg';
import { Symbolic, unknown } from '../../server/src/core/value';
import type { NetworkSecurityGroup } from '../../server/src/model/types';
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
  it('keeps the verdicts that name their deciding rule or the field that leaves them open, and gives them back with the asking NSG\'s rules', () => {
    const ctx: NsgContext = { vnetAddressSpaces: ['10.0.0.0/16'] };
    // Allowed: a rule for part of the flow first, then the one that allows all of it (decidedBy).
    const allowing = () => nsg(rule('AllowPart', 100, 'Allow', { ports: ['454'] }), rule('AllowAll', 200, 'Allow', { ports: ['454-455'] }));
    // Unknown: a half-typed access leaves the answer open (field).
    const open = () => nsg(rule('Typing', 100, unknown("access 'Den' is not one of Allow, Deny"), { ports: ['454-455'] }));
    for (const make of [allowing, open]) {
      forgetKeptVerdicts();
      keepVerdicts(false);
      const fresh = evaluateFlow(make(), management, ctx);
      keepVerdicts(true);
      const first = evaluateFlow(make(), management, ctx);
      assert.equal(keptVerdictCount(), 1, `kept: ${fresh.status} ${fresh.reason}`);
      const other = make();
      const again = evaluateFlow(other, management, ctx);
      assert.deepEqual(again, fresh);
      assert.deepEqual(again, first);
      if (again.rule) assert.ok((other.securityRules as unknown[]).includes(again.rule), 'the asking NSG\'s own rule');
      if (again.decidedBy) assert.equal(again.decidedBy, again.rule);
    }
    assert.equal(evaluateFlow(allowing(), management, ctx).decidedBy?.name, 'AllowAll');
    assert.equal(evaluateFlow(open(), management, ctx).field, 'access');
  });

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

  it('answers a flow asked again of the same NSG in the same context from the first walk, and walks it again where either changed', () => {
    keepVerdicts(false);
    try {
      const ctx: NsgContext = { vnetAddressSpaces: ['10.0.0.0/16'] };
      const g = nsg(rule('AllowManagement', 200, 'Allow', { ports: ['454-455'] }));
      const first = evaluateFlow(g, management, ctx);
      assert.equal(evaluateFlow(g, management, ctx), first, 'the same answer, not walked again');
      assert.notEqual(evaluateFlow(nsg(rule('AllowManagement', 200, 'Allow', { ports: ['454-455'] })), management, ctx), first, 'another NSG walks');
      assert.notEqual(evaluateFlow(g, management, { vnetAddressSpaces: ['10.0.0.0/16'] }), first, 'another context walks');
      (g.securityRules as ReturnType<typeof rule>[]).unshift(rule('DenyManagement', 100, 'Deny', { ports: ['455'] }));
      assert.equal(evaluateFlow(g, management, ctx).status, 'blocked');
    } finally {
      keepVerdicts(true);
    }
  });

  it("follows a flow's prefixes changed in place", () => {
    const ctx: NsgContext = { vnetAddressSpaces: ['10.0.0.0/16'] };
    const g = nsg(rule('AllowOne', 100, 'Allow', { destination: ['10.0.1.0/24'], ports: ['443'] }), rule('DenyAll', 200, 'Deny'));
    const prefixes = ['10.0.1.0/24'];
    assert.equal(evaluateFlow(g, { ...https, destination: { prefixes } }, ctx).status, 'allowed');
    prefixes[0] = '10.0.2.0/24';
    assert.equal(evaluateFlow(g, { ...https, destination: { prefixes } }, ctx).status, 'blocked');
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

describe('verdicts kept by content', () => {
  // Each variant changes one thing the walk reads, so that the answer changes. Asked after
  // the base (with its verdicts kept), a variant must answer as it does from nothing.
  const ctx: NsgContext = { vnetAddressSpaces: ['10.0.0.0/16'], vnetSubnetPrefixes: ['10.0.1.0/24'] };
  const base = () =>
    nsg(
      rule('AllowHttps', 100, 'Allow', { protocol: 'Tcp', source: ['10.9.0.0/24'], ports: ['443'] }),
      rule('DenyFar', 200, 'Deny', { source: ['10.9.0.0/16'], ports: ['400-500'] }),
    );
  const symbolic = (name: string) => () =>
    nsg(rule('AllowHttps', 100, 'Allow', { protocol: 'Tcp', source: [new Symbolic(`[parameters('${name}')]`, 'a parameter')], ports: ['443'] }), rule('DenyFar', 200, 'Deny', { source: ['10.9.0.0/16'], ports: ['400-500'] }));
  const variants: Array<[string, () => NetworkSecurityGroup, NsgContext?, (() => NetworkSecurityGroup)?, NsgContext?]> = [
    ['a priority', () => nsg(rule('AllowHttps', 300, 'Allow', { protocol: 'Tcp', source: ['10.9.0.0/24'], ports: ['443'] }), rule('DenyFar', 200, 'Deny', { source: ['10.9.0.0/16'], ports: ['400-500'] }))],
    ['an access', () => nsg(rule('AllowHttps', 100, 'Deny', { protocol: 'Tcp', source: ['10.9.0.0/24'], ports: ['443'] }), rule('DenyFar', 200, 'Deny', { source: ['10.9.0.0/16'], ports: ['400-500'] }))],
    ['a direction', () => nsg(rule('AllowHttps', 100, 'Allow', { direction: 'Outbound', protocol: 'Tcp', source: ['10.9.0.0/24'], ports: ['443'] }), rule('DenyFar', 200, 'Deny', { source: ['10.9.0.0/16'], ports: ['400-500'] }))],
    ['a protocol', () => nsg(rule('AllowHttps', 100, 'Allow', { protocol: 'Udp', source: ['10.9.0.0/24'], ports: ['443'] }), rule('DenyFar', 200, 'Deny', { source: ['10.9.0.0/16'], ports: ['400-500'] }))],
    ['a source prefix', () => nsg(rule('AllowHttps', 100, 'Allow', { protocol: 'Tcp', source: ['10.8.0.0/24'], ports: ['443'] }), rule('DenyFar', 200, 'Deny', { source: ['10.9.0.0/16'], ports: ['400-500'] }))],
    ['a source port', () => nsg(rule('AllowHttps', 100, 'Allow', { protocol: 'Tcp', source: ['10.9.0.0/24'], sourcePorts: ['1000'], ports: ['443'] }), rule('DenyFar', 200, 'Deny', { source: ['10.9.0.0/16'], ports: ['400-500'] }))],
    ['a destination prefix', () => nsg(rule('AllowHttps', 100, 'Allow', { protocol: 'Tcp', source: ['10.9.0.0/24'], destination: ['10.0.2.0/24'], ports: ['443'] }), rule('DenyFar', 200, 'Deny', { source: ['10.9.0.0/16'], ports: ['400-500'] }))],
    ['a destination port', () => nsg(rule('AllowHttps', 100, 'Allow', { protocol: 'Tcp', source: ['10.9.0.0/24'], ports: ['444'] }), rule('DenyFar', 200, 'Deny', { source: ['10.9.0.0/16'], ports: ['400-500'] }))],
    ['a name', () => nsg(rule('AllowWeb', 100, 'Allow', { protocol: 'Tcp', source: ['10.9.0.0/24'], ports: ['443'] }), rule('DenyFar', 200, 'Deny', { source: ['10.9.0.0/16'], ports: ['400-500'] }))],
    ['an unresolved value and its reason', () => nsg(rule('AllowHttps', 100, 'Allow', { protocol: 'Tcp', source: [unknown('an ASG')], ports: ['443'] }), rule('DenyFar', 200, 'Deny', { source: ['10.9.0.0/16'], ports: ['400-500'] }))],
    ['a symbolic prefix', symbolic('peer')],
    // The subnet's prefix is the parameter `subnet`: a rule naming it matches the subnet, one naming another parameter may not.
    ['another symbolic prefix', symbolic('other'), { vnetAddressSpaces: ['10.0.0.0/16'], vnetSubnetPrefixes: [new Symbolic(`[parameters('subnet')]`, 'a parameter')] }, symbolic('subnet'), { vnetAddressSpaces: ['10.0.0.0/16'], vnetSubnetPrefixes: [new Symbolic(`[parameters('subnet')]`, 'a parameter')] }],
    ['the rules order among themselves', () => nsg(rule('DenyFar', 200, 'Deny', { source: ['10.9.0.0/16'], ports: ['400-500'] }), rule('AllowHttps', 100, 'Allow', { protocol: 'Tcp', source: ['10.9.0.0/24'], ports: ['443'] }))],
    ['the VNet space', base, { vnetAddressSpaces: ['10.9.0.0/16'], vnetSubnetPrefixes: ['10.0.1.0/24'] }],
    ['a subnet of the VNet', base, { vnetAddressSpaces: ['10.0.0.0/16'], vnetSubnetPrefixes: ['10.9.0.0/24'] }],
    ['a default route through a UDR', base, { vnetAddressSpaces: ['10.0.0.0/16'], vnetSubnetPrefixes: ['10.0.1.0/24'], defaultRouteViaUdr: true }],
  ];
  const flows: Flow[] = [
    https,
    { ...https, source: { prefixes: ['10.9.1.5'] }, destinationPorts: '450' },
    { ...https, source: { tag: 'VirtualNetwork' } },
    // Past the written rules: the defaults decide, by whether the source is in the VNet.
    { ...https, source: { prefixes: ['10.9.0.5'] }, destinationPorts: '8080' },
    { ...https, source: { prefixes: [new Symbolic(`[parameters('subnet')]`, 'a parameter')] } },
    { ...https, source: { tag: 'Internet' }, protocol: '*' },
    { ...https, direction: 'Outbound', source: SUBNET, destination: { tag: 'Internet' } },
    // From source port 1000 only: the variant whose allow rule covers just that port allows it.
    { ...https, sourcePorts: '1000' },
  ];
  /** A verdict with its rules as positions in their NSG (the defaults by name), to compare across NSG objects. */
  const shown = (g: NetworkSecurityGroup, v: FlowVerdict) => {
    const at = (r: unknown) => (r === undefined ? undefined : (g.securityRules as unknown[]).indexOf(r) >= 0 ? (g.securityRules as unknown[]).indexOf(r) : `default ${(r as { name: string }).name}`);
    return { ...v, rule: at(v.rule), decidedBy: at(v.decidedBy), allowedBy: v.allowedBy?.map(at) };
  };

  for (const [what, make, variantCtx, from = base, fromCtx = ctx] of variants) {
    it(`follows ${what}`, () => {
      forgetKeptVerdicts();
      const g = from();
      const before = flows.map((f) => evaluateFlow(g, f, fromCtx));
      const h = make();
      const c = variantCtx ?? ctx;
      const reused = flows.map((f) => shown(h, evaluateFlow(h, f, c)));
      forgetKeptVerdicts();
      const fresh = flows.map((f) => shown(h, evaluateFlow(h, f, c)));
      assert.deepEqual(reused, fresh);
      // The variant changes some answer: otherwise it would test nothing.
      assert.notDeepEqual(fresh, flows.map((f, i) => shown(g, before[i])), `${what} changes no verdict`);
    });
  }

  it('answers every variant and flow as the walk does, all asked in one session', () => {
    // Every rule, flow and context above, one after another with nothing forgotten
    // between them: a key that left out a field any of them changes would hand one of
    // them another's verdict.
    const cases = [['the base', base, ctx] as const, ...variants.map(([what, make, c]) => [what, make, c ?? ctx] as const), ...variants.filter((v) => v[3]).map(([what, , , from, c]) => [`${what} (before)`, from!, c ?? ctx] as const)];
    keepVerdicts(false);
    let walked;
    try {
      walked = cases.map(([, make, c]) => {
        const g = make();
        return flows.map((f) => shown(g, evaluateFlow(g, f, c)));
      });
    } finally {
      keepVerdicts(true);
    }
    forgetKeptVerdicts();
    // Round 0: every NSG is the same resource (one name), so each is compared with the
    // one asked before it; then each its own resource, so each is compared with the lists
    // kept that look alike.
    for (let round = 0; round < 3; round++)
      cases.forEach(([what, make, c], i) => {
        const g = make();
        if (round > 0) g.key = `${g.key}-${i}`;
        // A context object of its own: one asked before the verdicts were forgotten would keep its old id and only miss.
        const own = { ...c };
        assert.deepEqual(flows.map((f) => shown(g, evaluateFlow(g, f, own))), walked[i], `${what}, round ${round}`);
      });
    assert.ok(keptVerdictCount() > cases.length, 'verdicts are kept');
  });

  it('answers the same with keeping turned off, and after it is turned on again', () => {
    forgetKeptVerdicts();
    const first = base();
    const kept = flows.map((f) => shown(first, evaluateFlow(first, f, ctx)));
    keepVerdicts(false);
    try {
      const g = base();
      assert.deepEqual(flows.map((f) => shown(g, evaluateFlow(g, f, ctx))), kept);
      // An NSG asked while nothing is kept, then with keeping on again, answers from its own rules.
      const h = variants[1][1]();
      const walked = flows.map((f) => shown(h, evaluateFlow(h, f, ctx)));
      keepVerdicts(true);
      assert.deepEqual(flows.map((f) => shown(h, evaluateFlow(h, f, ctx))), walked);
    } finally {
      keepVerdicts(true);
    }
  });

  it("answers with the asking NSG's own rule objects, and the same content shares verdicts", () => {
    forgetKeptVerdicts();
    const g = base();
    const h = base();
    const vg = evaluateFlow(g, https, ctx);
    const vh = evaluateFlow(h, https, ctx);
    assert.equal(vg.rule, (g.securityRules as unknown[])[0]);
    assert.equal(vh.rule, (h.securityRules as unknown[])[0]);
    assert.deepEqual(shown(h, vh), shown(g, vg));
    const denied = evaluateFlow(h, { ...https, source: { prefixes: ['10.9.1.5'] }, destinationPorts: '450' }, ctx);
    assert.equal(denied.rule, (h.securityRules as unknown[])[1]);
    const byDefault = evaluateFlow(h, { ...https, source: { tag: 'Internet' } }, ctx);
    assert.equal(byDefault.rule?.nsg, h);
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
