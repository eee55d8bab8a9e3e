import { unknown, type Unknown, type Value } from '../../model/value';
import { dependsOnSymbols, isSymbolic } from '../symbolic';
import { isInteger, typeError } from './args';
import { eager, type FunctionTable } from './types';

/**
 * parseCidr, cidrSubnet and cidrHost, for IPv4 and IPv6, as documented for ARM: IPv4
 * ranges reserve the network and broadcast addresses, IPv6 ranges have no broadcast;
 * cidrHost(net, 0) is the address after the network address in both families.
 */
export const cidrFunctions: FunctionTable = {
  parseCidr: eager(1, 1, ([network], ctx): Value => {
    const net = readNetwork(ctx.name, network, 0);
    if (!isNetwork(net)) return net;
    const { bits, prefix, base } = net;
    const last = base | hostMask(bits, prefix);
    const mask = allOnes(bits) ^ hostMask(bits, prefix);
    if (bits === 32) {
      // /31 and /32 have no network/broadcast reservation (RFC 3021).
      const small = prefix >= 31;
      return {
        network: formatIp(base, bits),
        netmask: formatIp(mask, bits),
        broadcast: formatIp(last, bits),
        firstUsable: formatIp(small ? base : base + 1n, bits),
        lastUsable: formatIp(small ? last : last - 1n, bits),
        cidr: prefix,
      };
    }
    return {
      network: formatIp(base, bits),
      netmask: formatIp(mask, bits),
      firstUsable: formatIp(base, bits),
      lastUsable: formatIp(last, bits),
      cidr: prefix,
    };
  }),
  cidrSubnet: eager(3, 3, ([network, newCidr, index], ctx) => {
    const net = readNetwork(ctx.name, network, 0);
    if (!isNetwork(net)) return net;
    if (!isInteger(newCidr)) return typeError(ctx.name, 1, 'an integer', newCidr);
    if (!isInteger(index)) return typeError(ctx.name, 2, 'an integer', index);
    if (newCidr < net.prefix || newCidr > net.bits) return unknown(`${ctx.name}(): /${newCidr} does not fit inside /${net.prefix}`);
    const count = 1n << BigInt(newCidr - net.prefix);
    if (index < 0 || BigInt(index) >= count) return unknown(`${ctx.name}(): subnet index ${index} is outside 0..${count - 1n}`);
    const start = net.base + (BigInt(index) << BigInt(net.bits - newCidr));
    return `${formatIp(start, net.bits)}/${newCidr}`;
  }),
  cidrHost: eager(2, 2, ([network, hostIndex], ctx) => {
    const net = readNetwork(ctx.name, network, 0);
    if (!isNetwork(net)) return net;
    if (!isInteger(hostIndex)) return typeError(ctx.name, 1, 'an integer', hostIndex);
    const last = net.base | hostMask(net.bits, net.prefix);
    const lastUsable = net.bits === 32 ? last - 1n : last;
    const address = net.base + 1n + BigInt(hostIndex);
    if (hostIndex < 0 || address > lastUsable) return unknown(`${ctx.name}(): host index ${hostIndex} is outside the range`);
    return formatIp(address, net.bits);
  }),
};

interface Network {
  bits: 32 | 128;
  prefix: number;
  base: bigint;
}

function isNetwork(v: Network | Unknown): v is Network {
  return typeof (v as Network).bits === 'number';
}

function readNetwork(fn: string, v: Value, index: number): Network | Unknown {
  if (typeof v !== 'string') return typeError(fn, index, 'a CIDR string', v);
  if (isSymbolic(v)) return dependsOnSymbols(`${fn}()`, v);
  const m = /^([^/]+)\/(\d{1,3})$/.exec(v.trim());
  const parsed = m ? parseIp(m[1]) : undefined;
  const prefix = m ? Number(m[2]) : NaN;
  if (!parsed || prefix > parsed.bits) return unknown(`${fn}(): '${v}' is not a CIDR range`);
  // Host bits set in the input are ignored: the range is the one the prefix defines.
  return { bits: parsed.bits, prefix, base: parsed.value & ~hostMask(parsed.bits, prefix) & allOnes(parsed.bits) };
}

function allOnes(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}

function hostMask(bits: number, prefix: number): bigint {
  return (1n << BigInt(bits - prefix)) - 1n;
}

export function parseIp(s: string): { bits: 32 | 128; value: bigint } | undefined {
  if (s.includes(':')) {
    const value = parseIpv6(s);
    return value === undefined ? undefined : { bits: 128, value };
  }
  const value = parseIpv4(s);
  return value === undefined ? undefined : { bits: 32, value };
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(p));
  }
  return value;
}

function parseIpv6(s: string): bigint | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    const parts = h.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes('.')) {
        // An embedded IPv4 tail (::ffff:10.0.0.1) is two groups.
        const v4 = parseIpv4(p);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) {
        out.push(parseInt(p, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

export function formatIp(value: bigint, bits: number): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: compress the longest run (first if tied) of two or more zero groups.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
