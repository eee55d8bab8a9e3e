import type { Subnet } from '../../model/types';
import { isUnknown } from '../../core/value';
import { contains, overlaps, parseCidr, type IpRange } from '../../ip/cidr';

/**
 * A block of prefix `length` inside the subnet's VNet address space that overlaps no
 * other subnet of the VNet: the one containing `current` when it is free, else the
 * first free one. Undefined when none is, or when any prefix involved is unresolved
 * (a fix must not guess). Used by the fixes that widen a subnet.
 */
export function freeBlock(subnet: Subnet, current: IpRange, length: number): IpRange | undefined {
  const vnet = subnet.vnet;
  if (!vnet || isUnknown(vnet.addressPrefixes)) return undefined;
  const spaces: IpRange[] = [];
  for (const p of vnet.addressPrefixes) {
    if (isUnknown(p.value)) return undefined;
    const r = parseCidr(p.value);
    if (r?.version === 4) spaces.push(r);
  }
  const others: IpRange[] = [];
  for (const s of vnet.subnets) {
    if (s === subnet) continue;
    if (isUnknown(s.addressPrefixes)) return undefined;
    for (const p of s.addressPrefixes) {
      if (isUnknown(p.value)) return undefined;
      const r = parseCidr(p.value);
      if (r) others.push(r);
    }
  }
  const blockSize = 1n << BigInt(32 - length);
  const block = (first: bigint): IpRange => ({ version: 4, first, last: first + blockSize - 1n });
  const fits = (c: IpRange) => spaces.some((s) => contains(s, c)) && !others.some((o) => overlaps(o, c));
  const containing = block(current.first & ~(blockSize - 1n));
  if (fits(containing)) return containing;
  let tried = 0;
  for (const space of spaces) {
    for (let first = (space.first + blockSize - 1n) & ~(blockSize - 1n); first + blockSize - 1n <= space.last && tried < 65536; first += blockSize, tried++) {
      if (fits(block(first))) return block(first);
    }
  }
  return undefined;
}
