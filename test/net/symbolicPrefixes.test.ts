// The NSG evaluator with address prefixes known only at deployment: a subnet whose prefix
// is a parameter without a value. What does not depend on the prefix is decided; what
// does stays 'unknown', never a guess.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateFlow, type NsgContext } from '../../server/src/net/nsg';
import { admittedBeyond } from '../../server/src/net/widening';
import { addressCoverage } from '../../server/src/net/serviceTags';
import { findForcedTunnel } from '../../server/src/net/routes';
import { parameterSymbol, symbolicValue } from '../../server/src/core/symbolic';
import { symSet } from '../../server/src/ip/addressSet';
import { onlyNames } from '../../server/src/ip/nameSet';
import type { Flow } from '../../server/src/core/flow';
import { nsg, route, rule, table } from './helpers';

const S = symbolicValue(parameterSymbol('aseSubnetPrefix'));
const T = symbolicValue(parameterSymbol('appSubnetPrefix'));
const SPACE = symbolicValue(parameterSymbol('vnetPrefix'));
const SUBNET = { prefixes: [S] };
/** The NSG of the ASE subnet: its VNet's space is a parameter too, and the subnet's prefix lies in it. */
const ctx: NsgContext = { vnetAddressSpaces: [SPACE], vnetSubnetPrefixes: [S] };

const fromLoadBalancer: Flow = { direction: 'Inbound', protocol: 'Tcp', source: { tag: 'AzureLoadBalancer' }, destination: SUBNET, destinationPorts: '80' };
const management: Flow = { direction: 'Inbound', protocol: 'Tcp', source: { tag: 'AppServiceManagement' }, destination: SUBNET, destinationPorts: '454-455' };
const intraSubnet: Flow = { direction: 'Inbound', protocol: '*', source: SUBNET, destination: SUBNET, destinationPorts: '*' };
const toInternet: Flow = { direction: 'Outbound', protocol: 'Tcp', source: SUBNET, destination: { tag: 'Internet' }, destinationPorts: '443' };

describe('rules that do not depend on the prefix decide without it', () => {
  it('a deny-all at priority 100 blocks the load balancer whatever the prefix is', () => {
    const v = evaluateFlow(nsg(rule('DenyAll', 100, 'Deny')), fromLoadBalancer, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.rule?.name, 'DenyAll');
    assert.equal(v.blocksAll, true);
  });

  it('service tags on the other side, and * on the subnet side, decide', () => {
    const g = nsg(rule('Lb', 100, 'Allow', { source: ['AzureLoadBalancer'], ports: ['80'] }), rule('DenyAll', 4000, 'Deny'));
    assert.equal(evaluateFlow(g, fromLoadBalancer, ctx).status, 'allowed');
    assert.equal(evaluateFlow(g, management, ctx).status, 'blocked');
  });

  it('the default rules decide: VirtualNetwork holds the subnet, public tags and the load balancer do not', () => {
    // AllowVnetInBound admits the subnet's traffic to itself; DenyAllInBound blocks the management tag.
    assert.equal(evaluateFlow(nsg(), intraSubnet, ctx).status, 'allowed');
    assert.equal(evaluateFlow(nsg(), management, ctx).status, 'blocked');
    // A deny from Internet does not touch the subnet's own traffic, which never comes from a public tag.
    const g = nsg(rule('NoInternet', 100, 'Deny', { source: ['Internet'] }));
    assert.equal(evaluateFlow(g, intraSubnet, ctx).status, 'allowed');
    assert.equal(evaluateFlow(nsg(), toInternet, ctx).status, 'allowed');
  });

  it("the subnet's own symbolic prefix matches itself exactly", () => {
    const g = nsg(rule('Self', 100, 'Allow', { source: [S], destination: [S] }), rule('DenyAll', 200, 'Deny'));
    assert.equal(evaluateFlow(g, intraSubnet, ctx).status, 'allowed');
    const deny = nsg(rule('NoSelf', 100, 'Deny', { source: [S], destination: [S], ports: ['22'] }));
    const v = evaluateFlow(deny, intraSubnet, ctx);
    assert.equal(v.status, 'blocked');
    assert.equal(v.blockedPart, 'any protocol 22');
  });
});

describe('where the answer depends on the prefix it stays unknown', () => {
  it('a CIDR rule against the symbolic subnet', () => {
    const g = nsg(rule('Lb', 100, 'Allow', { source: ['AzureLoadBalancer'], destination: ['10.0.1.0/24'] }), rule('DenyAll', 4000, 'Deny'));
    const v = evaluateFlow(g, fromLoadBalancer, ctx);
    assert.equal(v.status, 'unknown');
    assert.match(v.reason ?? '', /whether '10\.0\.1\.0\/24' holds a prefix known only at deployment depends on its value/);
  });

  it('a rule naming another symbolic prefix', () => {
    const g = nsg(rule('Other', 100, 'Allow', { destination: [T] }), rule('DenyAll', 4000, 'Deny'));
    const v = evaluateFlow(g, fromLoadBalancer, ctx);
    assert.equal(v.status, 'unknown');
    assert.match(v.reason ?? '', /\{parameters\('appSubnetPrefix'\)\} is known only at deployment/);
  });

  it('a symbolic prefix against a concrete address', () => {
    const g = nsg(rule('ToS', 100, 'Deny', { direction: 'Outbound', destination: [S] }));
    const dns: Flow = { direction: 'Outbound', protocol: 'Udp', source: SUBNET, destination: { prefixes: ['10.1.0.4'] }, destinationPorts: '53' };
    assert.equal(evaluateFlow(g, dns, ctx).status, 'unknown');
  });

  it("VirtualNetwork holds a symbolic prefix only when it is one of the NSG's VNet", () => {
    const elsewhere: NsgContext = { vnetAddressSpaces: ['10.0.0.0/16'] };
    const g = nsg(rule('Vnet', 100, 'Allow', { source: ['VirtualNetwork'], destination: ['VirtualNetwork'] }), rule('DenyAll', 200, 'Deny'));
    assert.equal(evaluateFlow(g, intraSubnet, ctx).status, 'allowed');
    assert.equal(evaluateFlow(g, intraSubnet, elsewhere).status, 'unknown');
  });

  it('coverage of a symbolic endpoint: all by * and by itself, unknown by a CIDR', () => {
    assert.equal(addressCoverage(SUBNET, ['*'], ctx).kind, 'all');
    assert.equal(addressCoverage(SUBNET, [S], ctx).kind, 'all');
    assert.equal(addressCoverage(SUBNET, ['10.0.0.0/8'], ctx).kind, 'unknown');
    assert.equal(addressCoverage(SUBNET, ['Internet'], ctx).kind, 'none');
  });

  it('a subnet with known and symbolic prefixes side by side is unresolved', () => {
    const mixed: Flow = { ...fromLoadBalancer, destination: { prefixes: ['10.0.1.0/24', S] } };
    assert.equal(evaluateFlow(nsg(rule('DenyAll', 100, 'Deny')), mixed, ctx).status, 'unknown');
  });
});

describe('the widening check with a symbolic subnet', () => {
  const guarded = { ctx, addresses: symSet(onlyNames(S.text)) };

  it('a rule from the subnet to itself stays within the intra-subnet purpose', () => {
    assert.equal(admittedBeyond(rule('Self', 100, 'Allow', { source: [S], destination: [S] }), [intraSubnet], undefined, guarded), undefined);
  });

  it('a rule from anywhere, or from another symbolic prefix, goes beyond it', () => {
    assert.match(admittedBeyond(rule('Any', 100, 'Allow', { destination: [S] }), [intraSubnet], undefined, guarded) ?? '', /^inbound /);
    assert.match(admittedBeyond(rule('Other', 100, 'Allow', { source: [T], destination: [S] }), [intraSubnet], undefined, guarded) ?? '', /appSubnetPrefix/);
  });

  it('a load balancer rule to * stays within the load balancer purpose', () => {
    assert.equal(admittedBeyond(rule('Lb', 100, 'Allow', { protocol: 'Tcp', source: ['AzureLoadBalancer'], ports: ['80'] }), [fromLoadBalancer], undefined, guarded), undefined);
  });
});

describe('routes with symbolic prefixes are unresolved routes', () => {
  it('a symbolic route prefix sent to an appliance may tunnel: unknown, with its reason', () => {
    const t = findForcedTunnel(table(route('maybe', T, 'VirtualAppliance')), ['10.0.0.0/16']);
    assert.equal(t.status, 'unknown');
  });

  it('0.0.0.0/0 to an appliance tunnels whatever the VNet space is', () => {
    const t = findForcedTunnel(table(route('default', '0.0.0.0/0', 'VirtualAppliance')), [SPACE]);
    assert.equal(t.status, 'tunnelled');
  });

  it('a more specific route that could be the VNet space is not counted as tunnelling', () => {
    const t = findForcedTunnel(table(route('spoke', '20.0.0.0/16', 'VirtualAppliance')), [SPACE]);
    assert.equal(t.status, 'unknown');
    assert.match(t.status === 'unknown' ? t.reason : '', /parameter 'vnetPrefix' has no value/);
  });
});
