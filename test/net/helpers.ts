import type { NodeRef } from '../../server/src/core/nodeRef';
import type { NetworkSecurityGroup, Route, RouteTable, SecurityRule } from '../../server/src/model/types';
import type { Maybe } from '../../server/src/core/value';
import { unknown } from '../../server/src/core/value';

export const REF: NodeRef = { uri: 'file:///t.json', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };

/** A security rule; fields default to an inbound TCP allow from anywhere to anywhere. */
export function rule(
  name: string,
  priority: Maybe<number>,
  access: Maybe<'Allow' | 'Deny'>,
  fields: {
    direction?: Maybe<'Inbound' | 'Outbound'>;
    protocol?: Maybe<string>;
    source?: Maybe<Maybe<string>[]>;
    sourcePorts?: Maybe<Maybe<string>[]>;
    destination?: Maybe<Maybe<string>[]>;
    ports?: Maybe<Maybe<string>[]>;
  } = {},
): SecurityRule {
  return {
    name,
    ref: REF,
    priority,
    direction: fields.direction ?? 'Inbound',
    access,
    protocol: fields.protocol ?? '*',
    sourceAddressPrefixes: fields.source ?? ['*'],
    sourcePortRanges: fields.sourcePorts ?? ['*'],
    destinationAddressPrefixes: fields.destination ?? ['*'],
    destinationPortRanges: fields.ports ?? ['*'],
  };
}

export function nsg(...rules: SecurityRule[]): NetworkSecurityGroup {
  const g: NetworkSecurityGroup = {
    key: 'microsoft.network/networksecuritygroups/ase-nsg',
    type: 'Microsoft.Network/networkSecurityGroups',
    name: 'ase-nsg',
    ref: REF,
    condition: true,
    properties: undefined,
    location: 'westeurope',
    dependsOn: [],
    securityRules: rules,
  };
  for (const r of rules) r.nsg = g;
  return g;
}

export function route(name: string, addressPrefix: Maybe<string>, nextHopType: Maybe<string>): Route {
  return { name, ref: REF, addressPrefix, nextHopType };
}

export function table(...routes: Route[]): RouteTable {
  return {
    key: 'microsoft.network/routetables/rt',
    type: 'Microsoft.Network/routeTables',
    name: 'rt',
    ref: REF,
    condition: true,
    properties: undefined,
    location: 'westeurope',
    dependsOn: [],
    routes,
    disableBgpRoutePropagation: undefined,
  };
}

export const U = (reason = 'parameter without a value') => unknown(reason);
