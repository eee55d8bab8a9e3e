import type { PrefixRole, ScalarTarget } from './target';

/** A literal scalar written as a property value (or an element of one), as both front ends see it. */
export interface ScalarSite {
  /** The property's name, lower-cased. */
  key: string;
  value: string;
  /** The lower-cased name of the property whose value is the object holding `key` (`addressSpace`). */
  parentKey: string | undefined;
  /** A literal string property beside `key` (case-insensitive), or undefined. */
  sibling(name: string): string | undefined;
  /** Whether a property of that name is written beside `key`, whatever its value. */
  hasSibling(name: string): boolean;
}

export const aseResourceType = 'microsoft.web/hostingenvironments';

const portFields = new Set(['destinationportrange', 'destinationportranges', 'sourceportrange', 'sourceportranges']);
const ruleAddressFields = new Set([
  'sourceaddressprefix',
  'sourceaddressprefixes',
  'destinationaddressprefix',
  'destinationaddressprefixes',
]);
const prefixFields = new Set(['addressprefix', 'addressprefixes']);

/**
 * The one classification both languages share: what a literal value is, from its
 * property name and the properties written beside it.
 */
export function classifyScalar(site: ScalarSite): ScalarTarget | undefined {
  const { key, value } = site;
  if (value === '') return undefined;
  if (portFields.has(key)) return { kind: 'port', value, field: key, direction: directionOf(site.sibling('direction')) };
  if (ruleAddressFields.has(key)) {
    return looksLikeTag(value) ? { kind: 'serviceTag', value, field: key } : { kind: 'prefix', value, field: key, role: 'securityRule' };
  }
  if (key === 'nexthoptype') return { kind: 'nextHop', value };
  if (key === 'nexthopipaddress') return { kind: 'prefix', value, field: key, role: 'nextHop' };
  if (!prefixFields.has(key)) return undefined;
  // A route may name a service tag as its prefix; a subnet's addressPrefix has no nextHopType beside it.
  if (site.hasSibling('nextHopType')) {
    return looksLikeTag(value) ? { kind: 'serviceTag', value, field: key } : { kind: 'prefix', value, field: key, role: 'route' };
  }
  const role: PrefixRole =
    key === 'addressprefixes' && site.parentKey === 'addressspace'
      ? 'addressSpace'
      : key === 'addressprefixes' && site.parentKey === 'vpnclientaddresspool'
        ? 'clientPool'
        : 'other';
  return { kind: 'prefix', value, field: key, role };
}

/** The security rule's direction, read beside the field (the rule's `properties` object). */
function directionOf(d: string | undefined): 'Inbound' | 'Outbound' | undefined {
  const v = d?.toLowerCase();
  return v === 'inbound' ? 'Inbound' : v === 'outbound' ? 'Outbound' : undefined;
}

/**
 * Not written like an address or a CIDR (digits or colons, dots, an optional `/n`): a
 * service tag (possibly regional, `Storage.WestEurope`), `*` included. A mistyped
 * address (`10.0.0.300/24`) still reads as an address, so its hover can say it is wrong.
 */
function looksLikeTag(value: string): boolean {
  return !/^[0-9a-f.:]+(\/\d+)?$/i.test(value) || !/[0-9:]/.test(value);
}
