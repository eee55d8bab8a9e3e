import { parseResourceId, resourceKey } from '../eval/resourceId';
import { baseOf, type BuildContext, type DeclaredResource } from './buildContext';
import { identityString } from './links';
import { VNET_TYPE } from './network';
import { field, locatedStrings, stringField } from './read';
import type { Connection, Reference, VirtualNetwork, VirtualNetworkGateway } from './types';
import type { Maybe } from '../core/value';
import { getPath, isUnknown, type Value } from '../core/value';

const GATEWAY_TYPE = 'Microsoft.Network/virtualNetworkGateways';

export function gateway(ctx: BuildContext, d: DeclaredResource): VirtualNetworkGateway {
  const base = baseOf(d);
  const props = base.properties;
  const client = field(props, 'vpnClientConfiguration');
  const gw: VirtualNetworkGateway = Object.assign(base, {
    gatewayType: stringField(field(props, 'gatewayType'), 'gatewayType'),
    vpnType: stringField(field(props, 'vpnType'), 'vpnType'),
    p2sAddressPrefixes:
      client === undefined || client === null
        ? undefined
        : isUnknown(client)
          ? client
          : locatedStrings(ctx.origins, getPath(client, 'vpnClientAddressPool', 'addressPrefixes'), base.ref, 'addressPrefixes'),
  });
  const protocols = isUnknown(client) ? undefined : field(client, 'vpnClientProtocols');
  if (protocols !== undefined && protocols !== null) gw.vpnClientProtocols = locatedStrings(ctx.origins, protocols, ctx.origins.propRef(client, 'vpnClientProtocols', base.ref), 'vpnClientProtocols');
  const vnet = gatewayVnet(ctx, field(props, 'ipConfigurations'), base.ref);
  if (vnet) gw.vnet = vnet;
  return gw;
}

/** The VNet a gateway sits in: the one holding the GatewaySubnet its ip configuration names. */
function gatewayVnet(ctx: BuildContext, configs: Value | undefined, fallback: VirtualNetworkGateway['ref']): Reference<VirtualNetwork> | undefined {
  if (isUnknown(configs)) return ctx.linker.queue<VirtualNetwork>({ id: configs, ref: fallback }, undefined, VNET_TYPE);
  if (!Array.isArray(configs)) return undefined;
  for (const cfg of configs) {
    const subnet = field(field(cfg, 'properties'), 'subnet');
    if (subnet === undefined || subnet === null) continue;
    const ref = ctx.origins.propRef(subnet, 'id', fallback);
    const raw = field(subnet, 'id');
    if (isUnknown(raw)) {
      const alt = identityString(ctx.origins, subnet, 'id');
      return ctx.linker.queue<VirtualNetwork>({ id: raw, ref }, alt !== undefined ? vnetOf(alt)?.key : undefined, VNET_TYPE);
    }
    if (typeof raw !== 'string') continue;
    const v = vnetOf(raw);
    return ctx.linker.queue<VirtualNetwork>({ id: (v?.id ?? raw) as Maybe<string>, ref }, v?.key, VNET_TYPE);
  }
  return undefined;
}

function vnetOf(subnetId: string): { id: string; key: string } | undefined {
  const p = parseResourceId(subnetId);
  if (!p || !p.fullType.toLowerCase().endsWith('/virtualnetworks/subnets')) return undefined;
  return { id: subnetId.replace(/\/subnets\/[^/]+\/?$/i, ''), key: resourceKey(VNET_TYPE, [p.names[0]]) };
}

export function connection(ctx: BuildContext, d: DeclaredResource): Connection {
  const base = baseOf(d);
  const props = base.properties;
  const conn: Connection = Object.assign(base, {
    connectionType: stringField(field(props, 'connectionType'), 'connectionType'),
  });
  const gw = ctx.linker.reference<VirtualNetworkGateway>(
    field(props, 'virtualNetworkGateway1'),
    'id',
    () => ctx.origins.propRef(props, 'virtualNetworkGateway1', base.ref),
    GATEWAY_TYPE,
  );
  if (gw) conn.gateway = gw;
  return conn;
}

