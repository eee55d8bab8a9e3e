import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  RangeSet,
  contains,
  formatAddress,
  formatRange,
  isCanonicalCidr,
  isRfc1918,
  overlaps,
  parseCidr,
  prefixLength,
  size,
  usableAddresses,
  v6Prefix,
  type IpRange,
} from '../../server/src/ip/cidr';
import { IPv4 } from 'ip-num';
import { prngFor } from '../support/prng';

const r = (text: string): IpRange => {
  const x = parseCidr(text);
  assert.ok(x, text);
  return x;
};

describe('parseCidr', () => {
  it('reads IPv4 prefixes as first/last numbers', () => {
    assert.deepEqual(parseCidr('10.0.0.0/24'), { version: 4, first: 0x0a000000n, last: 0x0a0000ffn });
    assert.deepEqual(parseCidr('0.0.0.0/0'), { version: 4, first: 0n, last: 0xffffffffn });
  });
  it('reads a bare address as a /32 or /128', () => {
    assert.deepEqual(parseCidr('168.63.129.16'), { version: 4, first: 0xa83f8110n, last: 0xa83f8110n });
    assert.deepEqual(parseCidr('::1'), { version: 6, first: 1n, last: 1n });
  });
  it('reads IPv6 prefixes', () => {
    const x = r('2001:db8::/32');
    assert.equal(x.version, 6);
    assert.equal(x.first, 0x20010db8n << 96n);
    assert.equal(size(x), 1n << 96n);
  });
  it('tolerates surrounding whitespace', () => {
    assert.deepEqual(parseCidr('  10.0.0.0/24 '), parseCidr('10.0.0.0/24'));
  });
  it('normalises host bits away, as Azure does', () => {
    assert.deepEqual(parseCidr('10.0.0.5/24'), parseCidr('10.0.0.0/24'));
    assert.equal(isCanonicalCidr('10.0.0.5/24'), false);
    assert.equal(isCanonicalCidr('10.0.0.0/24'), true);
  });
  it('rejects tags, * and garbage', () => {
    for (const t of ['*', 'Internet', 'Storage.WestEurope', '', '10.0.0.0/33', '10.0.0/24', '256.0.0.0/8', '1.2.3.4/', '1.2.3.4/x', '::/129', 'fe80::1%eth0', '10.0.0.0/24/1'])
      assert.equal(parseCidr(t), undefined, t);
  });
});

describe('prefixLength', () => {
  it('gives the written length, 32/128 for bare addresses, undefined for non-prefixes', () => {
    assert.equal(prefixLength('10.0.0.0/24'), 24);
    assert.equal(prefixLength('10.0.0.4'), 32);
    assert.equal(prefixLength('2001:db8::/48'), 48);
    assert.equal(prefixLength('::1'), 128);
    assert.equal(prefixLength('Internet'), undefined);
  });
});

describe('range arithmetic', () => {
  it('contains and overlaps, never across versions', () => {
    assert.equal(contains(r('10.0.0.0/16'), r('10.0.1.0/24')), true);
    assert.equal(contains(r('10.0.1.0/24'), r('10.0.0.0/16')), false);
    assert.equal(overlaps(r('10.0.1.0/24'), r('10.0.0.0/16')), true);
    assert.equal(overlaps(r('10.0.1.0/24'), r('10.0.2.0/24')), false);
    assert.equal(overlaps(r('0.0.0.0/0'), r('::/0')), false);
    assert.equal(contains(r('::/0'), r('10.0.0.0/8')), false);
  });
  it('sizes and Azure usable addresses', () => {
    assert.equal(size(r('10.0.0.0/24')), 256n);
    assert.equal(usableAddresses(r('10.0.0.0/24')), 251n);
    assert.equal(usableAddresses(r('10.0.0.0/29')), 3n);
    assert.equal(usableAddresses(r('10.0.0.0/30')), 0n);
    assert.equal(usableAddresses(r('10.0.0.0/32')), 0n);
  });
  it('RFC 1918 means wholly inside one of the three blocks', () => {
    assert.equal(isRfc1918(r('10.1.0.0/16')), true);
    assert.equal(isRfc1918(r('172.31.255.0/24')), true);
    assert.equal(isRfc1918(r('192.168.1.1')), true);
    assert.equal(isRfc1918(r('172.32.0.0/16')), false);
    assert.equal(isRfc1918(r('8.0.0.0/7')), false);
    assert.equal(isRfc1918(r('10.0.0.0/7')), false);
    assert.equal(isRfc1918(r('fd00::/8')), false);
  });
  it('formats CIDRs as CIDRs and other ranges as first-last', () => {
    assert.equal(formatRange(r('10.0.0.5/24')), '10.0.0.0/24');
    assert.equal(formatRange(r('2001:db8::/32')), '2001:db8::/32');
    assert.equal(formatRange(r('::/0')), '::/0');
    assert.equal(formatRange({ version: 4, first: r('10.0.0.1').first, last: r('10.0.0.6').first }), '10.0.0.1-10.0.0.6');
    assert.equal(formatRange({ version: 4, first: r('10.0.0.0').first, last: r('10.0.1.255').first }), '10.0.0.0/23');
  });
});

describe('RangeSet', () => {
  const set = (...cidrs: string[]) => RangeSet.parse(4, cidrs)!;
  it('merges adjacent and overlapping ranges', () => {
    assert.equal(set('10.0.0.0/25', '10.0.0.128/25').toString(), '10.0.0.0/24');
    assert.equal(set('10.0.0.0/24', '10.0.0.0/16').toString(), '10.0.0.0/16');
  });
  it('subtracts, leaving holes exactly', () => {
    const s = set('10.0.0.0/16').subtract(set('10.0.1.0/24'));
    assert.equal(s.toString(), '10.0.0.0/24, 10.0.2.0-10.0.255.255');
    assert.equal(s.containsRange(r('10.0.1.7')), false);
    assert.equal(s.containsRange(r('10.0.2.0/24')), true);
    assert.equal(s.size(), 65536n - 256n);
    assert.equal(set('10.0.0.0/24').subtract(set('10.0.0.0/16')).isEmpty(), true);
  });
  it('intersects and unions', () => {
    assert.equal(set('10.0.0.0/16').intersect(set('10.0.5.0/24', '11.0.0.0/8')).toString(), '10.0.5.0/24');
    assert.equal(set('10.0.0.0/24').union(set('10.0.1.0/24')).toString(), '10.0.0.0/23');
    assert.equal(set('10.0.0.0/24').intersect(set('10.0.1.0/24')).isEmpty(), true);
  });
  it('containsRange needs one covering interval', () => {
    const s = set('10.0.0.0/24', '10.0.2.0/24');
    assert.equal(s.containsRange(r('10.0.0.0/25')), true);
    assert.equal(s.containsRange(r('10.0.0.0/22')), false);
    assert.equal(s.containsRange(r('10.0.1.0')), false);
  });
  it('keeps one IP version and refuses to mix', () => {
    assert.equal(RangeSet.of(4, [r('10.0.0.0/8'), r('::/0')]).toString(), '10.0.0.0/8');
    assert.throws(() => RangeSet.full(4).union(RangeSet.full(6)));
    assert.equal(RangeSet.full(6).toString(), '::/0');
  });
  it('handles the whole IPv6 space without looping', () => {
    const s = RangeSet.full(6).subtract(RangeSet.parse(6, ['2001:db8::/32'])!);
    assert.equal(s.ranges.length, 2);
    assert.equal(s.size(), (1n << 128n) - (1n << 96n));
  });
});

describe('module constants and IPv4 text without ip-num', () => {
  it('v6Prefix gives what parseCidr reads', () => {
    for (const [high, length] of [
      [0xfc00, 7],
      [0x2000, 3],
      [0, 0],
      [0xfe80, 10],
      [0x2001, 16],
      [0xff00, 8],
    ] as const) {
      assert.deepEqual(v6Prefix(high, length), parseCidr(`${high.toString(16)}::/${length}`), `${high.toString(16)}::/${length}`);
    }
  });
  it('an IPv4 address is printed as ip-num prints it', () => {
    const prng = prngFor('ipv4 text');
    const values = [0n, 1n, 255n, 256n, 0x7fffffffn, 0x80000000n, 0xa83f8110n, 0xffffffffn];
    for (let i = 0; i < 2000; i++) values.push(BigInt(Math.floor(prng.next() * 2 ** 32)));
    for (const v of values) assert.equal(formatAddress(4, v), IPv4.fromNumber(v).toString(), String(v));
  });
});
