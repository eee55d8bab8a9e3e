import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSecurityRules, effectiveRules, evaluateFlow, type NsgContext } from '../../server/src/net/nsg';
import { type Flow } from '../../server/src/core/flow';
import type { Maybe } from '../../server/src/core/value';
import { nsg, rule, U } from './helpers';

const SUBNET = { prefixes: ['10.0.1.0/24'] };
const ctx: NsgContext = { vnetAddressSpaces: ['10.0.0.0/16'] };

const management: Flow = {
  direction: 'Inbound',
  protocol: 'Tcp',
  source: { tag: 'AppServiceManagement' },
  destination: SUBNET,
  destinationPorts: '454-455',
};
const fromLoadBalancer: Flow = {
  direction: 'Inbound',
  protocol: '*',
  source: { tag: 'AzureLoadBalancer' },
  destination: SUBNET,
  destinationPorts: '*',
};
const intraSubnet: Flow = { direction: 'Inbound', protocol: '*', source: SUBNET, destination: SUBNET, destinationPorts: '*' };
const toInternet443: Flow = {
  direction: 'Outbound',
  protocol: 'Tcp',
  source: SUBNET,
  destination: { tag: 'Internet' },
  destinationPorts: '443',
};
const toSql: Flow = {
  direction: 'Outbound',
  protocol: 'Tcp',
  source: SUBNET,
  destination: { tag: 'Sql' },
  destinationPorts: '1433,11000-11999,14000-14999',
};

const denyAllIn = () => rule('DenyAll', 4096, 'Deny');
const denyAllOut = () => rule('DenyAllOut', 4096, 'Deny', { direction: 'Outbound' });
const tcp = (
  name: string,
  priority: Maybe<number>,
  access: Maybe<'Allow' | 'Deny'>,
  source: Maybe<string>[],
  ports: Maybe<string>[],
  destination: Maybe<string>[] = ['*'],
) =>
  rule(name, priority, access, { protocol: 'Tcp', source, ports, destination });

describe('evaluateFlow: basics', () => {
  it('no NSG allows everything', () => {
    assert.equal(evaluateFlow(undefined, management, ctx).status, 'allowed');
  });

  it('returns the deciding rule object itself', () => {
    const allow = tcp('AllowMgmt', 100, 'Allow', ['AppServiceManagement'], ['454-455']);
    const g = nsg(allow, denyAllIn());
    const v = evaluateFlow(g, management, ctx);
    assert.equal(v.status, 'allowed');
    assert.equal(v.rule, allow);
    assert.equal(v.rule, (g.securityRules as unknown[])[0]);
    assert.deepEqual(v.allowedBy, [allow]);
  });

  it('rule order is by priority, not by position', () => {
    const deny = denyAllIn();
    const allow = tcp('AllowMgmt', 100, 'Allow', ['AppServiceManagement'], ['454-455']);
    assert.equal(evaluateFlow(nsg(deny, allow), management, ctx).status, 'allowed');
  });

  it('only rules of the flow direction count', () => {
    const outboundDeny = rule('DenyOut', 100, 'Deny', { direction: 'Outbound' });
    const v = evaluateFlow(nsg(outboundDeny, tcp('AllowMgmt', 200, 'Allow', ['AppServiceManagement'], ['*'])), management, ctx);
    assert.equal(v.status, 'allowed');
  });

  it('an unresolved rule list is unknown', () => {
    const g = nsg();
    g.securityRules = U('securityRules come from a parameter');
    const v = evaluateFlow(g, management, ctx);
    assert.equal(v.status, 'unknown');
    assert.match(v.reason!, /securityRules come from a parameter/);
  });

  it('a protocol no NSG knows leaves a rule open, whatever its text (object property names included)', () => {
    for (const protocol of ['Tcpp', 'constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const v = evaluateFlow(nsg(rule('AllowOdd', 100, 'Allow', { protocol }), denyAllIn()), management, ctx);
      assert.equal(v.status, 'unknown', protocol);
      assert.match(v.reason ?? '', new RegExp(`cannot read the protocol '${protocol}'`), protocol);
    }
    assert.equal(evaluateFlow(nsg(rule('AllowTcp', 100, 'Allow', { protocol: ' tcp ' }), denyAllIn()), management, ctx).status, 'allowed');
  });

  it('an unresolved endpoint is unknown', () => {
    assert.equal(evaluateFlow(nsg(denyAllIn()), { ...management, destination: U('subnet prefix') }, ctx).status, 'unknown');
    assert.equal(
      evaluateFlow(nsg(denyAllIn()), { ...management, destination: { prefixes: [U('subnet prefix')] } }, ctx).status,
      'unknown',
    );
  });
});

describe('evaluateFlow: Azure default rules', () => {
  it('AppServiceManagement with no written rules is blocked by DenyAllInBound', () => {
    const g = nsg();
    const v = evaluateFlow(g, management, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.rule?.name, 'DenyAllInBound');
    assert.equal(v.rule?.priority, 65500);
    assert.equal(v.rule?.isDefault, true);
    assert.equal(v.rule, defaultSecurityRules('Inbound', g)[2]);
    assert.equal(v.blockedPart, 'TCP 454-455');
  });

  it('AzureLoadBalancer with no written rules is allowed by AllowAzureLoadBalancerInBound', () => {
    const g = nsg();
    const v = evaluateFlow(g, fromLoadBalancer, ctx);
    assert.equal(v.status, 'allowed');
    assert.equal(v.rule?.name, 'AllowAzureLoadBalancerInBound');
    assert.equal(v.rule, defaultSecurityRules('Inbound', g)[1]);
  });

  it('a written deny-all at 4096 blocks AzureLoadBalancer unless an allow precedes it', () => {
    const deny = denyAllIn();
    const blocked = evaluateFlow(nsg(deny), fromLoadBalancer, ctx);
    assert.equal(blocked.status, 'blocked');
    assert.equal(blocked.rule, deny);
    const allow = rule('AllowLB', 100, 'Allow', { source: ['AzureLoadBalancer'] });
    const allowed = evaluateFlow(nsg(allow, denyAllIn()), fromLoadBalancer, ctx);
    assert.equal(allowed.status, 'allowed');
    assert.equal(allowed.rule, allow);
  });

  it('subnet to itself with no written rules is allowed by AllowVnetInBound', () => {
    const v = evaluateFlow(nsg(), intraSubnet, ctx);
    assert.equal(v.status, 'allowed');
    assert.equal(v.rule?.name, 'AllowVnetInBound');
  });

  it('outbound to Internet with no rules is allowed by AllowInternetOutBound', () => {
    const v = evaluateFlow(nsg(), toInternet443, ctx);
    assert.equal(v.status, 'allowed');
    assert.equal(v.rule?.name, 'AllowInternetOutBound');
    assert.equal(evaluateFlow(nsg(), toSql, ctx).rule?.name, 'AllowInternetOutBound');
  });

  it('defaultSecurityRules and effectiveRules', () => {
    assert.deepEqual(
      defaultSecurityRules('Inbound').map((r) => [r.name, r.priority, r.access, r.isDefault]),
      [
        ['AllowVnetInBound', 65000, 'Allow', true],
        ['AllowAzureLoadBalancerInBound', 65001, 'Allow', true],
        ['DenyAllInBound', 65500, 'Deny', true],
      ],
    );
    assert.deepEqual(
      defaultSecurityRules('Outbound').map((r) => r.name),
      ['AllowVnetOutBound', 'AllowInternetOutBound', 'DenyAllOutBound'],
    );
    const a = rule('a', 300, 'Allow');
    const b = rule('b', 100, 'Deny');
    const out = rule('out', 100, 'Allow', { direction: 'Outbound' });
    const g = nsg(a, b, out);
    const eff = effectiveRules(g, 'Inbound');
    assert.deepEqual(eff.rules.map((r) => r.name), ['b', 'a', 'AllowVnetInBound', 'AllowAzureLoadBalancerInBound', 'DenyAllInBound']);
    assert.equal(eff.unknown, undefined);
    assert.equal(eff.rules[2], defaultSecurityRules('Inbound', g)[0]);
    const tie = effectiveRules(nsg(rule('x', 100, 'Allow'), rule('y', 100, 'Deny'), rule('z', U(), 'Deny')), 'Inbound');
    assert.deepEqual(tie.rules.map((r) => r.name).slice(0, 3), ['x', 'y', 'z']);
    assert.match(tie.unknown!, /priority 100/);
    assert.match(tie.unknown!, /unresolved priority/);
  });
});

describe('evaluateFlow: ports', () => {
  it('allow 454 then allow 455 then deny-all allows 454-455', () => {
    const a = tcp('Allow454', 100, 'Allow', ['AppServiceManagement'], ['454']);
    const b = tcp('Allow455', 110, 'Allow', ['AppServiceManagement'], ['455']);
    const v = evaluateFlow(nsg(a, b, denyAllIn()), management, ctx);
    assert.equal(v.status, 'allowed');
    assert.equal(v.rule, a);
    assert.deepEqual(v.allowedBy, [a, b]);
    assert.equal(v.decidedBy, undefined, 'no rule allows all of it: the two decide together');
  });

  it('a rule that allows part of the flow first does not decide it; the rule that allows all of it does', () => {
    const storage = rule('AllowStorage', 100, 'Allow', { direction: 'Outbound', protocol: 'Tcp', destination: ['Storage'], ports: ['443'] });
    const internet = rule('AllowInternet', 300, 'Allow', { direction: 'Outbound', protocol: 'Tcp', destination: ['Internet'], ports: ['443'] });
    const v = evaluateFlow(nsg(storage, internet, denyAllOut()), toInternet443, ctx);
    assert.equal(v.status, 'allowed');
    assert.equal(v.rule, internet);
    assert.equal(v.decidedBy, internet);
    assert.deepEqual(v.allowedBy, [storage, internet]);
    assert.equal(v.reason, "allowed by 'AllowInternet' (priority 300) ('AllowStorage' (priority 100) allows part of it)");
    const dns = rule('AllowDns', 110, 'Allow', { ports: ['53'] });
    const vnet = rule('AllowVnet', 200, 'Allow', { source: ['VirtualNetwork'], destination: ['VirtualNetwork'] });
    const intra = evaluateFlow(nsg(dns, vnet, denyAllIn()), intraSubnet, ctx);
    assert.equal(intra.decidedBy, vnet);
    assert.deepEqual(intra.allowedBy, [dns, vnet]);
  });

  it('allow 454 alone before deny-all blocks TCP 455', () => {
    const deny = denyAllIn();
    const v = evaluateFlow(nsg(tcp('Allow454', 100, 'Allow', ['AppServiceManagement'], ['454']), deny), management, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.rule, deny);
    assert.equal(v.blockedPart, 'TCP 455');
    assert.match(v.reason!, /'DenyAll' \(priority 4096\) denies TCP 455/);
  });

  it('a deny of part of the flow before the allow blocks that part', () => {
    const deny455 = tcp('Deny455', 100, 'Deny', ['*'], ['455']);
    const v = evaluateFlow(nsg(deny455, tcp('AllowMgmt', 200, 'Allow', ['AppServiceManagement'], ['454-455'])), management, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.rule, deny455);
    assert.equal(v.blockedPart, 'TCP 455');
  });

  it('plural port ranges are "any of"', () => {
    const v = evaluateFlow(nsg(tcp('Allow', 100, 'Allow', ['AppServiceManagement'], ['454', '455']), denyAllIn()), management, ctx);
    assert.equal(v.status, 'allowed');
  });

  it('a comma list in one port field works like the plural field', () => {
    const allow = rule('AllowWeb', 100, 'Allow', { direction: 'Outbound', protocol: 'Tcp', destination: ['Internet'], ports: ['80,443'] });
    const g = nsg(allow, denyAllOut());
    assert.equal(evaluateFlow(g, toInternet443, ctx).status, 'allowed');
    assert.equal(evaluateFlow(g, { ...toInternet443, destinationPorts: '80,443' }, ctx).status, 'allowed');
    const v = evaluateFlow(g, { ...toInternet443, destinationPorts: '80,443,8080' }, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.blockedPart, 'TCP 8080');
  });

  it('a flow over a port list is blocked for the port no rule allows', () => {
    const allow = rule('Allow80', 100, 'Allow', { direction: 'Outbound', protocol: 'Tcp', destination: ['Internet'], ports: ['80'] });
    const v = evaluateFlow(nsg(allow, denyAllOut()), { ...toInternet443, destinationPorts: '80,443' }, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.blockedPart, 'TCP 443');
  });

  it('1-65535 is the same as *', () => {
    const v = evaluateFlow(nsg(rule('AllowLB', 100, 'Allow', { source: ['AzureLoadBalancer'], ports: ['1-65535'] }), denyAllIn()), fromLoadBalancer, ctx);
    assert.equal(v.status, 'allowed');
  });

  it('ranges split over several rules allow the SQL ports', () => {
    const rules = [
      rule('Sql1433', 100, 'Allow', { direction: 'Outbound', protocol: 'Tcp', destination: ['Sql'], ports: ['1433'] }),
      rule('Sql11k', 110, 'Allow', { direction: 'Outbound', protocol: 'Tcp', destination: ['Sql'], ports: ['11000-11999'] }),
      rule('Sql14k', 120, 'Allow', { direction: 'Outbound', protocol: 'Tcp', destination: ['Sql'], ports: ['14000-14999'] }),
      denyAllOut(),
    ];
    assert.equal(evaluateFlow(nsg(...rules), toSql, ctx).status, 'allowed');
    const v = evaluateFlow(nsg(rules[0], rules[2], rules[3]), toSql, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.blockedPart, 'TCP 11000-11999');
  });

  it('source ports count too', () => {
    const v = evaluateFlow(
      nsg(rule('AllowMgmt', 100, 'Allow', { protocol: 'Tcp', source: ['AppServiceManagement'], sourcePorts: ['1024-65535'] }), denyAllIn()),
      management,
      ctx,
    );
    assert.equal(v.status, 'blocked');
    assert.equal(v.blockedPart, 'TCP 454-455 (source ports 1-1023)');
  });
});

describe('evaluateFlow: protocols', () => {
  it('a Tcp allow before deny-all leaves UDP (and the rest) blocked for a * flow', () => {
    const deny = denyAllIn();
    const v = evaluateFlow(nsg(rule('AllowLBTcp', 100, 'Allow', { protocol: 'Tcp', source: ['AzureLoadBalancer'] }), deny), fromLoadBalancer, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.rule, deny);
    assert.equal(v.blockedPart, 'UDP/ICMP/ESP/AH all ports');
  });

  it('a * rule matches a Tcp flow; a Udp rule does not', () => {
    assert.equal(evaluateFlow(nsg(rule('Any', 100, 'Allow', { source: ['AppServiceManagement'] }), denyAllIn()), management, ctx).status, 'allowed');
    const v = evaluateFlow(nsg(rule('Udp', 100, 'Allow', { protocol: 'Udp', source: ['AppServiceManagement'] }), denyAllIn()), management, ctx);
    assert.equal(v.status, 'blocked');
  });

  it('protocol names are case-insensitive', () => {
    assert.equal(evaluateFlow(nsg(rule('tcp', 100, 'Allow', { protocol: 'TCP', source: ['AppServiceManagement'] }), denyAllIn()), management, ctx).status, 'allowed');
  });

  it('DNS over TCP and UDP: separate rules allow each; ICMP stays blocked for a * flow', () => {
    const dns = (protocol: 'Tcp' | 'Udp' | '*'): Flow => ({ direction: 'Outbound', protocol, source: SUBNET, destination: { tag: 'Internet' }, destinationPorts: '53' });
    const rules = [
      rule('DnsTcp', 100, 'Allow', { direction: 'Outbound', protocol: 'Tcp', destination: ['Internet'], ports: ['53'] }),
      rule('DnsUdp', 110, 'Allow', { direction: 'Outbound', protocol: 'Udp', destination: ['Internet'], ports: ['53'] }),
      denyAllOut(),
    ];
    assert.equal(evaluateFlow(nsg(...rules), dns('Tcp'), ctx).status, 'allowed');
    assert.equal(evaluateFlow(nsg(...rules), dns('Udp'), ctx).status, 'allowed');
    const v = evaluateFlow(nsg(...rules), dns('*'), ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.blockedPart, 'ICMP/ESP/AH 53');
  });
});

describe('evaluateFlow: tags and addresses', () => {
  it('a rule on a wider tag covers the flow (Internet ⊃ AppServiceManagement)', () => {
    assert.equal(evaluateFlow(nsg(tcp('AllowInternet', 100, 'Allow', ['Internet'], ['454-455']), denyAllIn()), management, ctx).status, 'allowed');
  });

  it('a deny to Internet blocks Sql', () => {
    const deny = rule('DenyInternet', 100, 'Deny', { direction: 'Outbound', destination: ['Internet'] });
    const v = evaluateFlow(nsg(deny), toSql, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.rule, deny);
  });

  it('a deny of one region blocks that part of the service', () => {
    const deny = rule('DenyStorageWE', 100, 'Deny', { direction: 'Outbound', destination: ['Storage.WestEurope'] });
    const flow: Flow = { direction: 'Outbound', protocol: 'Tcp', source: SUBNET, destination: { tag: 'Storage' }, destinationPorts: '443' };
    const v = evaluateFlow(nsg(deny), flow, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.blockedPart, 'TCP 443 to Storage.westeurope');
  });

  it('allowing regions one by one never covers the whole service tag', () => {
    const rules = [
      rule('WE', 100, 'Allow', { direction: 'Outbound', destination: ['Storage.WestEurope'] }),
      rule('NE', 110, 'Allow', { direction: 'Outbound', destination: ['Storage.NorthEurope'] }),
      denyAllOut(),
    ];
    const flow: Flow = { direction: 'Outbound', protocol: 'Tcp', source: SUBNET, destination: { tag: 'Storage' }, destinationPorts: '443' };
    const v = evaluateFlow(nsg(...rules), flow, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.blockedPart, 'TCP 443 to Storage outside westeurope, northeurope');
  });

  it('a deny on a different service does not touch the flow', () => {
    const v = evaluateFlow(nsg(rule('DenyStorage', 100, 'Deny', { direction: 'Outbound', destination: ['Storage'] })), toSql, ctx);
    assert.equal(v.status, 'allowed');
  });

  it('a CIDR that allows part of a tag, then a deny: unknown, naming the CIDR rule', () => {
    const partial = tcp('AllowSomeMgmtIps', 100, 'Allow', ['52.0.0.0/8'], ['454-455']);
    const v = evaluateFlow(nsg(partial, denyAllIn()), management, ctx);
    assert.equal(v.status, 'unknown');
    assert.equal(v.rule, partial);
    assert.match(v.reason!, /52\.0\.0\.0\/8/);
  });

  it('an uncertain deny, then a certain one: blocked by the certain one', () => {
    const vague = tcp('DenyCidr', 100, 'Deny', ['52.0.0.0/8'], ['*']);
    const deny455 = tcp('Deny455', 200, 'Deny', ['AppServiceManagement'], ['455']);
    const v = evaluateFlow(nsg(vague, deny455), management, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.rule, deny455);
    assert.equal(v.blockedPart, 'TCP 455');
    assert.match(v.reason!, /unless 'DenyCidr' \(priority 100\) denies it first/);
  });

  it('an uncertain deny, an uncertain allow, then a certain deny: unknown', () => {
    const rules = [
      tcp('DenyCidr', 100, 'Deny', ['52.0.0.0/8'], ['*']),
      tcp('AllowCidr', 110, 'Allow', ['40.0.0.0/8'], ['*']),
      denyAllIn(),
    ];
    const v = evaluateFlow(nsg(...rules), management, ctx);
    assert.equal(v.status, 'unknown');
    assert.equal(v.rule, rules[0]);
  });

  it('an ASG in a rule that could decide makes the verdict unknown', () => {
    const asg = rule('AllowAsg', 100, 'Allow', { source: [U('application security group')] });
    const v = evaluateFlow(nsg(asg, denyAllIn()), intraSubnet, ctx);
    assert.equal(v.status, 'unknown');
    assert.equal(v.rule, asg);
    assert.match(v.reason!, /application security group/);
  });

  it('an unresolved prefix in a rule after the flow is decided does not matter', () => {
    const allow = tcp('AllowMgmt', 100, 'Allow', ['AppServiceManagement'], ['454-455']);
    const v = evaluateFlow(nsg(allow, rule('Vague', 200, 'Deny', { source: [U()] }), denyAllIn()), management, ctx);
    assert.equal(v.status, 'allowed');
    assert.equal(v.rule, allow);
  });

  it('an unresolved port or protocol in a rule that could decide makes it unknown', () => {
    const p = evaluateFlow(nsg(tcp('AllowMgmt', 100, 'Allow', ['AppServiceManagement'], [U('port parameter')]), denyAllIn()), management, ctx);
    assert.equal(p.status, 'unknown');
    assert.match(p.reason!, /port parameter/);
    const q = evaluateFlow(nsg(rule('Proto', 100, 'Allow', { protocol: U('protocol parameter'), source: ['AppServiceManagement'] }), denyAllIn()), management, ctx);
    assert.equal(q.status, 'unknown');
    assert.match(q.reason!, /protocol parameter/);
    const r = evaluateFlow(nsg(tcp('Bad', 100, 'Allow', ['AppServiceManagement'], ['http']), denyAllIn()), management, ctx);
    assert.equal(r.status, 'unknown');
    assert.match(r.reason!, /'http'/);
  });

  it('a rule that is certain on part of the flow and unreadable elsewhere still decides that part', () => {
    // The known entry 454 is certain; the unresolved entry may or may not add 455.
    const v = evaluateFlow(nsg(tcp('Allow', 100, 'Allow', ['AppServiceManagement'], ['454', U()]), denyAllIn()), management, ctx);
    assert.equal(v.status, 'unknown');
    const deny = tcp('Deny', 100, 'Deny', ['AppServiceManagement'], ['455', U()]);
    const w = evaluateFlow(nsg(deny), management, ctx);
    assert.equal(w.status, 'blocked');
    assert.equal(w.blockedPart, 'TCP 455');
  });

  it('splits the subnet by address when rules allow halves of it', () => {
    const halves = [
      rule('Low', 100, 'Allow', { source: ['10.0.1.0/25'] }),
      rule('High', 110, 'Allow', { source: ['10.0.1.128/25'] }),
      denyAllIn(),
    ];
    assert.equal(evaluateFlow(nsg(...halves), intraSubnet, ctx).status, 'allowed');
    const v = evaluateFlow(nsg(halves[0], halves[2]), intraSubnet, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.blockedPart, 'any protocol all ports from 10.0.1.128/25');
  });

  it('splits in two dimensions at once, exactly', () => {
    // TCP 80 to the subnet only, TCP 443 anywhere: TCP 80 to anything else is blocked.
    const flow: Flow = { direction: 'Outbound', protocol: 'Tcp', source: SUBNET, destination: { prefixes: ['10.0.0.0/16'] }, destinationPorts: '80,443' };
    const rules = [
      rule('Http', 100, 'Allow', { direction: 'Outbound', protocol: 'Tcp', destination: ['10.0.1.0/24'], ports: ['80'] }),
      rule('Https', 110, 'Allow', { direction: 'Outbound', protocol: 'Tcp', ports: ['443'] }),
      denyAllOut(),
    ];
    const v = evaluateFlow(nsg(...rules), flow, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.blockedPart, 'TCP 80 to 10.0.0.0/24, 10.0.2.0-10.0.255.255');
    const w = evaluateFlow(nsg(rules[0], rules[1], rule('HttpRest', 120, 'Allow', { direction: 'Outbound', destination: ['VirtualNetwork'], ports: ['80'] }), denyAllOut()), flow, ctx);
    assert.equal(w.status, 'allowed');
  });

  it('VirtualNetwork does not hold a public source, unless a 0.0.0.0/0 UDR makes it unknown', () => {
    const rules = () => [rule('AllowVnet', 100, 'Allow', { source: ['VirtualNetwork'] }), denyAllIn()];
    const plain = evaluateFlow(nsg(...rules()), management, ctx);
    assert.equal(plain.status, 'blocked');
    assert.equal(plain.rule?.name, 'DenyAll');
    const udr = evaluateFlow(nsg(...rules()), management, { ...ctx, defaultRouteViaUdr: true });
    assert.equal(udr.status, 'unknown');
    assert.equal(udr.rule?.name, 'AllowVnet');
    assert.match(udr.reason!, /0\.0\.0\.0\/0/);
  });

  it('with a 0.0.0.0/0 UDR, AllowVnetInBound may admit management traffic: unknown, not blocked', () => {
    const v = evaluateFlow(nsg(), management, { ...ctx, defaultRouteViaUdr: true });
    assert.equal(v.status, 'unknown');
    assert.equal(v.rule?.name, 'AllowVnetInBound');
    // Outbound to Internet is allowed either way (AllowInternetOutBound follows).
    const w = evaluateFlow(nsg(), toInternet443, { ...ctx, defaultRouteViaUdr: true });
    assert.equal(w.status, 'allowed');
    assert.equal(w.rule?.name, 'AllowInternetOutBound');
  });

  it('VirtualNetwork covers the subnet inside the known space; outside it, unknown', () => {
    const rules = [rule('AllowVnet', 100, 'Allow', { source: ['VirtualNetwork'] }), denyAllIn()];
    assert.equal(evaluateFlow(nsg(...rules), intraSubnet, ctx).status, 'allowed');
    const peered: Flow = { ...intraSubnet, source: { prefixes: ['10.9.0.0/24'] } };
    assert.equal(evaluateFlow(nsg(...rules), peered, ctx).status, 'unknown');
  });

  it('AzureLoadBalancer allowed first does not hide a deny of Internet', () => {
    const fromInternet: Flow = { direction: 'Inbound', protocol: 'Tcp', source: { tag: 'Internet' }, destination: SUBNET, destinationPorts: '443' };
    const deny = rule('DenyInternet', 200, 'Deny', { source: ['Internet'] });
    const v = evaluateFlow(nsg(rule('AllowLB', 100, 'Allow', { source: ['AzureLoadBalancer'] }), deny), fromInternet, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.rule, deny);
    // Whether Internet holds the load balancer's address is not documented: no claim.
    const w = evaluateFlow(nsg(rule('DenyLB', 100, 'Deny', { source: ['AzureLoadBalancer'] }), rule('AllowInternet', 200, 'Allow', { source: ['Internet'] })), fromInternet, ctx);
    assert.equal(w.status, 'unknown');
  });
});

describe('evaluateFlow: order that Azure leaves undefined', () => {
  it('an allow and a deny sharing a priority: unknown when they decide differently', () => {
    const allow = tcp('AllowMgmt', 200, 'Allow', ['AppServiceManagement'], ['454-455']);
    const deny = rule('DenyAll', 200, 'Deny');
    const v = evaluateFlow(nsg(allow, deny), management, ctx);
    assert.equal(v.status, 'unknown');
    assert.match(v.reason!, /share a priority/);
    assert.equal(evaluateFlow(nsg(deny, allow), management, ctx).status, 'unknown');
  });

  it('a tie that cannot change the verdict does not matter', () => {
    const allow = tcp('AllowMgmt', 200, 'Allow', ['AppServiceManagement'], ['454-455']);
    const denySsh = tcp('DenySsh', 200, 'Deny', ['*'], ['22']);
    assert.equal(evaluateFlow(nsg(allow, denySsh, denyAllIn()), management, ctx).status, 'allowed');
    const twoAllows = [tcp('A', 200, 'Allow', ['AppServiceManagement'], ['454']), tcp('B', 200, 'Allow', ['AppServiceManagement'], ['455']), denyAllIn()];
    assert.equal(evaluateFlow(nsg(...twoAllows), management, ctx).status, 'allowed');
    // Both orders block (the deny is reached either way): blocked.
    const v = evaluateFlow(nsg(tcp('A', 200, 'Allow', ['AppServiceManagement'], ['454']), rule('DenyAll', 200, 'Deny')), management, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.blockedPart, 'TCP 455');
  });

  it('an unresolved priority: unknown when the position decides', () => {
    const allow = tcp('AllowMgmt', U('priority parameter'), 'Allow', ['AppServiceManagement'], ['454-455']);
    const v = evaluateFlow(nsg(allow, denyAllIn()), management, ctx);
    assert.equal(v.status, 'unknown');
    assert.match(v.reason!, /priority parameter/);
    // Allowed before anything could deny it anyway.
    assert.equal(evaluateFlow(nsg(allow), management, ctx).status, 'allowed');
    // A deny whose position is unknown but which blocks wherever it sits.
    const deny = tcp('Deny455', U(), 'Deny', ['*'], ['455']);
    assert.equal(evaluateFlow(nsg(deny), management, ctx).status, 'blocked');
  });

  it('an unresolved access or direction in a rule that could decide: unknown', () => {
    const access = tcp('Mgmt', 100, U('access parameter'), ['AppServiceManagement'], ['454-455']);
    const v = evaluateFlow(nsg(access, tcp('AllowMgmt', 200, 'Allow', ['AppServiceManagement'], ['*'])), management, ctx);
    assert.equal(v.status, 'unknown');
    assert.equal(v.rule, access);
    assert.match(v.reason!, /access parameter/);
    const direction = rule('DenyAll', 100, 'Deny', { direction: U('direction parameter') });
    const w = evaluateFlow(nsg(direction, tcp('AllowMgmt', 200, 'Allow', ['AppServiceManagement'], ['*'])), management, ctx);
    assert.equal(w.status, 'unknown');
    assert.match(w.reason!, /direction parameter/);
    // The same rule applies perhaps to outbound flows too.
    assert.equal(evaluateFlow(nsg(direction), toInternet443, ctx).status, 'unknown');
  });
});

describe('evaluateFlow: large NSGs', () => {
  // Speed is measured by the benchmark, not asserted here.
  it('hundreds of rules that cannot match fall through to the default rules', () => {
    const rules = [];
    for (let i = 0; i < 300; i++)
      rules.push(
        rule(`r${i}`, 100 + i * 10, i % 3 === 0 ? 'Deny' : 'Allow', {
          protocol: i % 2 ? 'Tcp' : 'Udp',
          source: [`10.${i % 200}.0.0/16`, 'Storage.Region' + i],
          ports: [`${1000 + i}`, `${2000 + i}-${2100 + i}`],
        }),
      );
    const g = nsg(...rules);
    const flows: Flow[] = [management, fromLoadBalancer, intraSubnet, { ...intraSubnet, destinationPorts: '1000-3000' }];
    // Private sources and regional Storage tags never cover AppServiceManagement, and no
    // rule opens 454-455: the default DenyAllInBound decides.
    const verdict = evaluateFlow(g, flows[0], ctx);
    assert.equal(verdict.status, 'blocked');
    assert.equal(verdict.rule?.name, 'DenyAllInBound');
    assert.equal(verdict.rule?.isDefault, true);
  });
});
