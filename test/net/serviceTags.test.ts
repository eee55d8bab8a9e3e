import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Maybe } from '../../server/src/core/value';
import {
  addressCoverage,
  classifyAddress,
  keptMatch,
  matchEntry,
  matchIsContextFree,
  prepareContext,
  type AddressContext,
  type PreparedContext,
} from '../../server/src/net/serviceTags';
import { parameterSymbol, symbolicValue } from '../../server/src/core/symbolic';
import { type Endpoint } from '../../server/src/core/flow';
import { U } from './helpers';

const ctx: AddressContext = { vnetAddressSpaces: ['10.0.0.0/16'] };
const udr: AddressContext = { ...ctx, defaultRouteViaUdr: true };
const cover = (e: Endpoint, list: Maybe<string>[], c: AddressContext = ctx) => addressCoverage(e, list, c).kind;
const tag = (t: string): Endpoint => ({ tag: t });
const cidrs = (...p: string[]): Endpoint => ({ prefixes: p });

describe('classifyAddress', () => {
  it('reads * / Any / 0.0.0.0/0 as everything, case-insensitively', () => {
    for (const t of ['*', 'Any', 'any', '0.0.0.0/0', '::/0']) assert.equal(classifyAddress(t).kind, 'any', t);
  });
  it('knows tag names in any case, and the classic spellings', () => {
    assert.equal(classifyAddress('internet').kind, 'internet');
    assert.equal(classifyAddress('INTERNET').kind, 'internet');
    assert.equal(classifyAddress('VIRTUAL_NETWORK').kind, 'virtualNetwork');
    assert.equal(classifyAddress('AZURE_LOADBALANCER').kind, 'loadBalancer');
    assert.equal(classifyAddress('storage.WestEurope').kind, 'azure');
    assert.equal(classifyAddress('GatewayManager').kind, 'opaque');
    assert.equal(classifyAddress(U()).kind, 'unknown');
    assert.equal(classifyAddress('10.0.0.0/99').kind, 'unknown');
  });
});

describe('tags inside tags', () => {
  it('Storage.WestEurope ⊂ Storage ⊂ AzureCloud ⊂ Internet ⊂ *', () => {
    assert.equal(cover(tag('Storage.WestEurope'), ['Storage']), 'all');
    assert.equal(cover(tag('Storage'), ['Internet']), 'all');
    assert.equal(cover(tag('Storage.WestEurope'), ['Internet']), 'all');
    assert.equal(cover(tag('Sql'), ['AzureCloud']), 'all');
    assert.equal(cover(tag('Sql.WestEurope'), ['AzureCloud.westeurope']), 'all');
    assert.equal(cover(tag('AppServiceManagement'), ['*']), 'all');
    assert.equal(cover(tag('Internet'), ['0.0.0.0/0']), 'all');
    assert.equal(cover(tag('storage'), ['STORAGE']), 'all');
  });
  it('a narrower rule covers some of a wider endpoint', () => {
    const c = addressCoverage(tag('Storage'), ['Storage.WestEurope'], ctx);
    assert.equal(c.kind, 'some');
    assert.equal(c.kind === 'some' && c.text, 'Storage.westeurope');
    assert.equal(cover(tag('Internet'), ['Storage']), 'some');
    assert.equal(cover(tag('AzureCloud.WestEurope'), ['Storage']), 'some');
  });
  it('different services and regions are disjoint', () => {
    assert.equal(cover(tag('Sql'), ['Storage']), 'none');
    assert.equal(cover(tag('Storage.WestEurope'), ['Storage.EastUS']), 'none');
    assert.equal(cover(tag('Storage.WestEurope'), ['AzureCloud.EastUS']), 'none');
    assert.equal(cover(tag('Storage'), ['Storage.WestEurope', 'Storage.EastUS', 'Sql']), 'some');
  });
  it('public tags are disjoint from RFC 1918 CIDRs and the VNet', () => {
    assert.equal(cover(tag('Storage'), ['10.0.0.0/8', '192.168.0.0/16']), 'none');
    assert.equal(cover(tag('Internet'), ['VirtualNetwork']), 'none');
    assert.equal(cover(tag('AppServiceManagement'), ['VirtualNetwork']), 'none');
    assert.equal(cover(cidrs('10.0.1.0/24'), ['Internet']), 'none');
    assert.equal(cover(cidrs('10.0.1.0/24'), ['Storage']), 'none');
    assert.equal(cover(cidrs('172.16.0.0/24'), ['Sql']), 'none');
  });
  it('a public CIDR against a tag is unknown, with the reason', () => {
    const c = addressCoverage(tag('AppServiceManagement'), ['52.0.0.0/8'], ctx);
    assert.equal(c.kind, 'unknown');
    assert.match(c.kind === 'unknown' ? c.reason : '', /52\.0\.0\.0\/8.*service tag/);
    assert.equal(cover(cidrs('52.1.2.3'), ['Storage']), 'unknown');
  });
  it('tags we do not model are unknown except against themselves and *', () => {
    assert.equal(cover(tag('GatewayManager'), ['GatewayManager']), 'all');
    assert.equal(cover(tag('GatewayManager'), ['*']), 'all');
    assert.equal(cover(tag('GatewayManager'), ['Internet']), 'unknown');
    assert.equal(cover(tag('Storage'), ['GatewayManager']), 'unknown');
    assert.equal(cover(cidrs('10.0.1.0/24'), ['GatewayManager']), 'unknown');
  });
  it('application security groups (UNKNOWN entries) are unknown', () => {
    assert.equal(cover(tag('Storage'), [U('application security group')]), 'unknown');
    assert.equal(cover(cidrs('10.0.1.0/24'), [U('application security group')]), 'unknown');
    assert.equal(cover(cidrs('10.0.1.0/24'), ['10.0.0.0/16', U('asg')]), 'all');
  });
});

describe('VirtualNetwork', () => {
  it('covers the known address spaces', () => {
    assert.equal(cover(cidrs('10.0.1.0/24'), ['VirtualNetwork']), 'all');
    assert.equal(cover(tag('VirtualNetwork'), ['VirtualNetwork']), 'all');
  });
  it('is unknown outside the known spaces (peered and connected spaces are not visible)', () => {
    assert.equal(cover(cidrs('10.1.0.0/24'), ['VirtualNetwork']), 'unknown');
    assert.equal(cover(cidrs('10.0.255.0/24', '10.1.0.0/24'), ['VirtualNetwork']), 'unknown');
    assert.equal(cover(cidrs('10.0.1.0/24'), ['VirtualNetwork'], { vnetAddressSpaces: U() }), 'unknown');
  });
  it('does not hold AzureLoadBalancer', () => {
    assert.equal(cover(tag('AzureLoadBalancer'), ['VirtualNetwork']), 'none');
  });
  it('with a 0.0.0.0/0 UDR, whether it holds a public source is unknown', () => {
    assert.equal(cover(tag('AppServiceManagement'), ['VirtualNetwork'], udr), 'unknown');
    assert.equal(cover(tag('Internet'), ['VirtualNetwork'], udr), 'unknown');
    assert.match((addressCoverage(tag('Internet'), ['VirtualNetwork'], udr) as { reason: string }).reason, /0\.0\.0\.0\/0/);
    assert.equal(cover(cidrs('10.0.1.0/24'), ['VirtualNetwork'], udr), 'all');
  });
});

describe('AzureLoadBalancer', () => {
  it('is the single address 168.63.129.16', () => {
    assert.equal(cover(tag('AzureLoadBalancer'), ['168.63.129.16/32']), 'all');
    assert.equal(cover(tag('AzureLoadBalancer'), ['168.63.0.0/16']), 'all');
    assert.equal(cover(tag('AzureLoadBalancer'), ['168.63.129.17']), 'none');
    assert.equal(cover(cidrs('168.63.129.16'), ['AzureLoadBalancer']), 'all');
    assert.equal(cover(cidrs('168.63.129.0/24'), ['AzureLoadBalancer']), 'some');
  });
  it('against Internet is unknown, either way round', () => {
    assert.equal(cover(tag('AzureLoadBalancer'), ['Internet']), 'unknown');
    assert.equal(cover(tag('Internet'), ['AzureLoadBalancer']), 'unknown');
    assert.equal(cover(tag('Storage'), ['AzureLoadBalancer']), 'none');
  });
});

describe('CIDR endpoints', () => {
  it('report exactly which part a rule covers', () => {
    const c = addressCoverage(cidrs('10.0.1.0/24'), ['10.0.1.0/25'], ctx);
    assert.equal(c.kind, 'some');
    assert.equal(c.kind === 'some' && c.text, '10.0.1.0/25');
    assert.equal(cover(cidrs('10.0.1.0/24'), ['10.0.1.0/25', '10.0.1.128/25']), 'all');
    assert.equal(cover(cidrs('10.0.1.0/24'), ['10.0.2.0/24']), 'none');
  });
  it('a public address outside the VNet is Internet', () => {
    assert.equal(cover(cidrs('8.8.8.8'), ['Internet']), 'all');
    assert.equal(cover(cidrs('8.8.8.8'), ['Internet'], { vnetAddressSpaces: U() }), 'unknown');
  });
  it('an unresolved endpoint is unknown', () => {
    assert.equal(cover(U('subnet prefix'), ['*']), 'unknown');
    assert.equal(cover(cidrs('10.0.1.0/24', U('x') as unknown as string), ['*']), 'unknown');
  });
});

describe('kept matches', () => {
  // A match said to read nothing of the context is kept once for every NSG: it must be
  // the same in contexts that differ in every field the matches read.
  const contexts: PreparedContext[] = [
    prepareContext({ vnetAddressSpaces: ['10.0.0.0/16'] }),
    prepareContext({ vnetAddressSpaces: ['10.0.0.0/16'], defaultRouteViaUdr: true }),
    prepareContext({ vnetAddressSpaces: ['100.64.0.0/16', '2001:db8::/48'], vnetSubnetPrefixes: ['100.64.1.0/24'] }),
    prepareContext({ vnetAddressSpaces: ['8.8.0.0/16'] }),
    prepareContext({ vnetAddressSpaces: U() }),
    prepareContext({ vnetAddressSpaces: [symbolicValue(parameterSymbol('vnetPrefix'))], vnetSubnetPrefixes: [symbolicValue(parameterSymbol('subnetPrefix'))] }),
    prepareContext({ vnetAddressSpaces: ['10.0.0.0/16'] }, true),
  ];
  const texts: Maybe<string>[] = ['*', '10.0.0.0/24', '8.8.8.0/24', '168.63.129.16', 'Internet', 'VirtualNetwork', 'AzureLoadBalancer', 'Storage', 'Sql.WestEurope', 'AzureCloud', 'GatewayManager', U(), symbolicValue(parameterSymbol('subnetPrefix')), '10.0.0.0/99'];
  it('a match that reads nothing of the context is the same in every context', () => {
    let free = 0;
    for (const text of texts)
      for (const kind of ['ip', 'tags', 'sym'] as const) {
        const entry = classifyAddress(text);
        if (!matchIsContextFree(entry, kind)) continue;
        free++;
        const first = matchEntry(entry, kind, contexts[0]);
        for (const c of contexts.slice(1)) assert.deepEqual(matchEntry(entry, kind, c), first, `${String(text)} as ${kind}`);
      }
    assert.ok(free > 10);
  });
  it('a kept match is the match', () => {
    for (const c of contexts)
      for (const text of texts)
        for (const kind of ['ip', 'tags', 'sym'] as const) {
          const entry = classifyAddress(text);
          assert.deepEqual(keptMatch(entry, kind, c), matchEntry(entry, kind, c), `${String(text)} as ${kind}`);
        }
  });
});
