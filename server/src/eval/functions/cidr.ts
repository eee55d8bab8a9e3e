import { unknown, type Unknown, type Value } from '../../core/value';
import { formatAddress, parseCidr, prefixLength } from '../../ip/cidr';
import { callSymbol, dependsOnSymbols, isSymbolic } from '../../core/symbolic';
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
        network: formatAddress(v(bits), base),
        netmask: formatAddress(v(bits), mask),
        broadcast: formatAddress(v(bits), last),
        firstUsable: formatAddress(v(bits), small ? base : base + 1n),
        lastUsable: formatAddress(v(bits), small ? last : last - 1n),
        cidr: prefix,
      };
    }
    return {
      network: formatAddress(v(bits), base),
      netmask: formatAddress(v(bits), mask),
      firstUsable: formatAddress(v(bits), base),
      lastUsable: formatAddress(v(bits), last),
      cidr: prefix,
    };
  }),
  cidrSubnet: eager(3, 3, ([network, newCidr, index], ctx) => {
    // A range cut from a symbolic network is one too: the same cut of the same network is the same range.
    if (typeof network === 'string' && isSymbolic(network) && isInteger(newCidr) && isInteger(index)) return callSymbol('cidrSubnet', [network, newCidr, index]);
    const net = readNetwork(ctx.name, network, 0);
    if (!isNetwork(net)) return net;
    if (!isInteger(newCidr)) return typeError(ctx.name, 1, 'an integer', newCidr);
    if (!isInteger(index)) return typeError(ctx.name, 2, 'an integer', index);
    if (newCidr < net.prefix || newCidr > net.bits) return unknown(`${ctx.name}(): /${newCidr} does not fit inside /${net.prefix}`);
    const count = 1n << BigInt(newCidr - net.prefix);
    if (index < 0 || BigInt(index) >= count) return unknown(`${ctx.name}(): subnet index ${index} is outside 0..${count - 1n}`);
    const start = net.base + (BigInt(index) << BigInt(net.bits - newCidr));
    return `${formatAddress(v(net.bits), start)}/${newCidr}`;
  }),
  cidrHost: eager(2, 2, ([network, hostIndex], ctx) => {
    if (typeof network === 'string' && isSymbolic(network) && isInteger(hostIndex)) return callSymbol('cidrHost', [network, hostIndex]);
    const net = readNetwork(ctx.name, network, 0);
    if (!isNetwork(net)) return net;
    if (!isInteger(hostIndex)) return typeError(ctx.name, 1, 'an integer', hostIndex);
    const last = net.base | hostMask(net.bits, net.prefix);
    const lastUsable = net.bits === 32 ? last - 1n : last;
    const address = net.base + 1n + BigInt(hostIndex);
    if (hostIndex < 0 || address > lastUsable) return unknown(`${ctx.name}(): host index ${hostIndex} is outside the range`);
    return formatAddress(v(net.bits), address);
  }),
};

interface Network {
  bits: 32 | 128;
  prefix: number;
  base: bigint;
}

function v(bits: 32 | 128): 4 | 6 {
  return bits === 32 ? 4 : 6;
}

function isNetwork(n: Network | Unknown): n is Network {
  return typeof (n as Network).bits === 'number';
}

function readNetwork(fn: string, value: Value, index: number): Network | Unknown {
  if (typeof value !== 'string') return typeError(fn, index, 'a CIDR string', value);
  if (isSymbolic(value)) return dependsOnSymbols(`${fn}()`, value);
  // These functions need an explicit prefix; host bits set in the input are ignored.
  const range = value.includes('/') ? parseCidr(value) : undefined;
  const prefix = range ? prefixLength(value) : undefined;
  if (!range || prefix === undefined) return unknown(`${fn}(): '${value}' is not a CIDR range`);
  return { bits: range.version === 4 ? 32 : 128, prefix, base: range.first };
}

function allOnes(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}

function hostMask(bits: number, prefix: number): bigint {
  return (1n << BigInt(bits - prefix)) - 1n;
}
