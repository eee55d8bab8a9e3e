import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PortSet, parsePortRanges } from '../../server/src/ip/ports';

describe('parsePortRanges', () => {
  it('reads *, single ports, ranges and comma lists', () => {
    assert.deepEqual(parsePortRanges('*'), [{ from: 0, to: 65535 }]);
    assert.deepEqual(parsePortRanges('80'), [{ from: 80, to: 80 }]);
    assert.deepEqual(parsePortRanges('1000-2000'), [{ from: 1000, to: 2000 }]);
    assert.deepEqual(parsePortRanges(' 80, 443 '), [
      { from: 80, to: 80 },
      { from: 443, to: 443 },
    ]);
    assert.deepEqual(parsePortRanges('454 - 455'), [{ from: 454, to: 455 }]);
  });
  it('rejects invalid text', () => {
    for (const t of ['', 'http', '65536', '10-5', '80,', '-1', '1-2-3', '80;443', '0x50'])
      assert.equal(parsePortRanges(t), undefined, t);
  });
});

describe('PortSet', () => {
  const p = (t: string) => PortSet.parse(t)!;
  it('merges and formats like Azure', () => {
    assert.equal(p('454,455').toString(), '454-455');
    assert.equal(p('443,80,81-90').toString(), '80-90,443');
    assert.equal(p('*').toString(), '*');
    assert.equal(p('1-65535').toString(), '*');
  });
  it('1-65535 decides the same packets as *', () => {
    assert.equal(p('1-65535').containsSet(PortSet.packetPorts()), true);
    assert.equal(PortSet.packetPorts().subtract(p('1-65535')).isEmpty(), true);
  });
  it('subtracts and intersects without per-port loops', () => {
    assert.equal(p('454-455').subtract(p('454')).toString(), '455');
    assert.equal(p('454-455').subtract(p('454')).subtract(p('455')).isEmpty(), true);
    assert.equal(p('*').subtract(p('80,443')).toString(), '0-79,81-442,444-65535');
    assert.equal(p('11000-11999,14000-14999').intersect(p('11500-14500')).toString(), '11500-11999,14000-14500');
    assert.equal(p('80').union(p('443')).toString(), '80,443');
    assert.equal(p('80').intersect(p('443')).isEmpty(), true);
  });
});
