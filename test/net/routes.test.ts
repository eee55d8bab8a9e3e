import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCidr, formatRange } from '../../server/src/ip/cidr';
import { findForcedTunnel, lookupRoute, nextHopOf, routeForTag } from '../../server/src/net/routes';
import { isUnknown } from '../../server/src/core/value';
import { route, table, U } from './helpers';

const VNET = ['10.0.0.0/16'];

function hops(t: Parameters<typeof lookupRoute>[0], dest: string, vnet?: string[]) {
  const r = lookupRoute(t, parseCidr(dest)!, vnet);
  if (isUnknown(r)) return r.toString();
  return r.decided.map((d) => `${formatRange(d.range)} ${d.nextHopType}${d.route ? ` (${String(d.route.name)})` : ''}`);
}

describe('lookupRoute', () => {
  it('without a table: system routes (VNet local, private → None, default → Internet)', () => {
    assert.deepEqual(hops(undefined, '8.8.8.8', VNET), ['8.8.8.8/32 Internet']);
    assert.deepEqual(hops(undefined, '10.0.5.4', VNET), ['10.0.5.4/32 VnetLocal']);
    assert.deepEqual(hops(undefined, '10.1.0.0/16', VNET), ['10.1.0.0/16 None']);
    assert.deepEqual(hops(undefined, '10.0.0.0/15', VNET), ['10.0.0.0/16 VnetLocal', '10.1.0.0/16 None']);
  });

  it('longest prefix wins', () => {
    const t = table(route('default', '0.0.0.0/0', 'VirtualAppliance'), route('ms', '13.0.0.0/8', 'Internet'));
    assert.deepEqual(hops(t, '13.1.2.3'), ['13.1.2.3/32 Internet (ms)']);
    assert.deepEqual(hops(t, '14.1.2.3'), ['14.1.2.3/32 VirtualAppliance (default)']);
    assert.deepEqual(hops(t, '12.0.0.0/7'), ['12.0.0.0/8 VirtualAppliance (default)', '13.0.0.0/8 Internet (ms)']);
  });

  it('a user-defined route beats the system route on an equal prefix', () => {
    const t = table(route('onprem', '10.0.0.0/16', 'VirtualNetworkGateway'));
    assert.deepEqual(hops(t, '10.0.1.0/24', VNET), ['10.0.1.0/24 VirtualNetworkGateway (onprem)']);
    assert.deepEqual(hops(table(route('inet', '0.0.0.0/0', 'Internet')), '1.1.1.1'), ['1.1.1.1/32 Internet (inet)']);
  });

  it('a next hop type Azure does not know is unknown, whatever its text (object property names included)', () => {
    for (const hop of ['Firewall', 'constructor', 'toString', '__proto__']) {
      const h = nextHopOf(route('odd', '0.0.0.0/0', hop));
      assert.ok(isUnknown(h), hop);
      assert.equal(h.reason, `'${hop}' is not a next hop type`);
    }
    assert.equal(nextHopOf(route('inet', '0.0.0.0/0', ' internet ')), 'Internet');
  });

  it('returns the route object itself', () => {
    const r = route('default', '0.0.0.0/0', 'VirtualAppliance');
    const res = lookupRoute(table(r), parseCidr('1.2.3.4')!);
    assert.ok(!isUnknown(res));
    assert.equal(res.decided[0].route, r);
  });

  it('is UNKNOWN when a route that may decide cannot be read', () => {
    assert.match(String(hops(table(route('x', U('prefix parameter'), 'Internet')), '1.2.3.4')), /prefix parameter/);
    assert.match(String(hops(table(route('x', '0.0.0.0/0', U('hop parameter'))), '1.2.3.4')), /hop parameter/);
    const t = table();
    t.routes = U('routes parameter');
    assert.match(String(hops(t, '1.2.3.4')), /routes parameter/);
    // A route with an unresolved next hop that does not cover the destination is irrelevant.
    assert.deepEqual(hops(table(route('x', '13.0.0.0/8', U())), '14.0.0.1'), ['14.0.0.1/32 Internet']);
  });
});

describe('findForcedTunnel', () => {
  it('no table or no routes: ok', () => {
    assert.deepEqual(findForcedTunnel(undefined), { status: 'ok' });
    assert.deepEqual(findForcedTunnel(table()), { status: 'ok' });
  });

  it('0.0.0.0/0 → VirtualAppliance is tunnelled', () => {
    const r = route('default', '0.0.0.0/0', 'VirtualAppliance');
    const f = findForcedTunnel(table(r));
    assert.equal(f.status, 'tunnelled');
    assert.ok(f.status === 'tunnelled');
    assert.equal(f.route, r);
    assert.equal(f.example, '1.0.0.0/8');
    assert.deepEqual(f.coveringPrefixes, ['0.0.0.0/0']);
  });

  it('0.0.0.0/1 + 128.0.0.0/1 → VirtualAppliance is tunnelled too', () => {
    const f = findForcedTunnel(table(route('low', '0.0.0.0/1', 'VirtualAppliance'), route('high', '128.0.0.0/1', 'VirtualAppliance')));
    assert.ok(f.status === 'tunnelled');
    assert.equal(f.route.name, 'low');
    assert.deepEqual(f.coveringPrefixes, ['0.0.0.0/1', '128.0.0.0/1']);
  });

  it('VirtualNetworkGateway, None and a public VnetLocal count as well; case does not matter', () => {
    assert.equal(findForcedTunnel(table(route('gw', '0.0.0.0/0', 'VirtualNetworkGateway'))).status, 'tunnelled');
    assert.equal(findForcedTunnel(table(route('drop', '52.0.0.0/8', 'none'))).status, 'tunnelled');
    assert.equal(findForcedTunnel(table(route('odd', '52.0.0.0/8', 'VnetLocal'))).status, 'tunnelled');
  });

  it('0.0.0.0/0 → Internet plus private prefixes → appliance is ok', () => {
    const t = table(route('inet', '0.0.0.0/0', 'Internet'), route('onprem', '10.0.0.0/8', 'VirtualAppliance'), route('cgnat', '100.64.0.0/10', 'VirtualAppliance'));
    assert.deepEqual(findForcedTunnel(t), { status: 'ok' });
    assert.deepEqual(findForcedTunnel(table(route('hub', '192.168.0.0/16', 'VirtualAppliance'))), { status: 'ok' });
  });

  it('a more specific public prefix to an appliance is tunnelled, even behind 0.0.0.0/0 → Internet', () => {
    const r = route('ms', '13.64.0.0/11', 'VirtualAppliance');
    const f = findForcedTunnel(table(route('inet', '0.0.0.0/0', 'Internet'), r));
    assert.ok(f.status === 'tunnelled');
    assert.equal(f.route, r);
    assert.equal(f.example, '13.64.0.0/11');
  });

  it('a prefix that spans private and public space is tunnelled for its public part', () => {
    const f = findForcedTunnel(table(route('wide', '8.0.0.0/6', 'VirtualAppliance')), VNET);
    assert.ok(f.status === 'tunnelled');
    assert.equal(f.example, '8.0.0.0/7');
  });

  it('the VNet\'s own public space is not Internet-bound', () => {
    assert.deepEqual(findForcedTunnel(table(route('own', '52.1.0.0/16', 'VirtualAppliance')), ['52.1.0.0/16']), { status: 'ok' });
  });

  it('more specific Internet routes that leave nothing public tunnelled: ok', () => {
    const t = table(route('default', '0.0.0.0/0', 'VirtualAppliance'), route('low', '0.0.0.0/1', 'Internet'), route('high', '128.0.0.0/1', 'Internet'));
    assert.deepEqual(findForcedTunnel(t), { status: 'ok' });
  });

  it('an unresolved prefix or next hop that could catch public traffic: unknown', () => {
    assert.equal(findForcedTunnel(table(route('x', U(), 'VirtualAppliance'))).status, 'unknown');
    assert.equal(findForcedTunnel(table(route('x', '0.0.0.0/0', U()))).status, 'unknown');
    assert.equal(findForcedTunnel(table(route('x', U(), U()))).status, 'unknown');
    const t = table();
    t.routes = U();
    assert.equal(findForcedTunnel(t).status, 'unknown');
    // Private only: cannot catch Internet-bound traffic.
    assert.deepEqual(findForcedTunnel(table(route('x', '10.0.0.0/8', U()))), { status: 'ok' });
    // Sending an unknown prefix to the Internet cannot tunnel anything.
    assert.deepEqual(findForcedTunnel(table(route('x', U(), 'Internet'))), { status: 'ok' });
  });

  it('a certain tunnel stays tunnelled whatever an unresolved route does, unless it could undo it', () => {
    // One unknown prefix cannot undo 0.0.0.0/0 → appliance (it would have to be 0.0.0.0/0 again).
    assert.equal(findForcedTunnel(table(route('d', '0.0.0.0/0', 'VirtualAppliance'), route('x', U(), 'Internet'))).status, 'tunnelled');
    assert.equal(findForcedTunnel(table(route('d', '0.0.0.0/0', 'VirtualAppliance'), route('x', U(), 'VirtualAppliance'))).status, 'tunnelled');
    assert.equal(findForcedTunnel(table(route('d', '0.0.0.0/0', 'VirtualAppliance'), route('x', '10.0.0.0/8', U()))).status, 'tunnelled');
    // Two could (0.0.0.0/1 and 128.0.0.0/1 → Internet).
    assert.equal(findForcedTunnel(table(route('d', '0.0.0.0/0', 'VirtualAppliance'), route('x', U(), 'Internet'), route('y', U(), 'Internet'))).status, 'unknown');
    // One could undo what 0.0.0.0/0 still catches behind 0.0.0.0/1 → Internet (128.0.0.0/1).
    const f = findForcedTunnel(table(route('d', '0.0.0.0/0', 'VirtualAppliance'), route('low', '0.0.0.0/1', 'Internet'), route('x', U(), 'Internet')));
    assert.equal(f.status, 'unknown');
    // ... but not a tunnel as wide as its own prefix (only 13.64.0.0/11 itself could, a duplicate).
    assert.equal(findForcedTunnel(table(route('d', '13.64.0.0/11', 'VirtualAppliance'), route('x', U(), 'Internet'))).status, 'tunnelled');
  });

  it('service tag prefixes: a tag sent to an appliance tunnels; a tag sent to the Internet does not undo 0.0.0.0/0', () => {
    const tag = route('storage', 'Storage', 'VirtualAppliance');
    const f = findForcedTunnel(table(tag));
    assert.ok(f.status === 'tunnelled');
    assert.equal(f.route, tag);
    assert.equal(f.example, 'Storage');
    const g = findForcedTunnel(table(route('d', '0.0.0.0/0', 'VirtualAppliance'), route('mgmt', 'AppServiceManagement', 'Internet')));
    assert.ok(g.status === 'tunnelled');
    assert.equal(g.route.name, 'd');
    assert.deepEqual(findForcedTunnel(table(route('mgmt', 'AppServiceManagement', 'Internet'))), { status: 'ok' });
  });
});

describe('routeForTag: a service tag as a set of public addresses, three-valued against CIDR routes', () => {
  const tag = 'AppServiceManagement';
  const status = (t: ReturnType<typeof routeForTag>) => (t.status === 'elsewhere' ? `elsewhere:${t.route.name}` : t.status);

  it('no route table, or only private routes: the default route takes the tag to the Internet', () => {
    assert.equal(status(routeForTag(undefined, tag)), 'internet');
    assert.equal(status(routeForTag(table(route('onprem', '10.0.0.0/8', 'VirtualNetworkGateway')), tag)), 'internet');
  });

  it("a route for the tag itself decides for all of the tag's addresses, against 0.0.0.0/0 and any /8 or wider", () => {
    const t = table(route('mgmt', 'AppServiceManagement', 'Internet'), route('default', '0.0.0.0/0', 'VirtualAppliance'), route('big', '20.0.0.0/8', 'VirtualAppliance'));
    assert.equal(status(routeForTag(t, tag)), 'internet');
    assert.equal(status(routeForTag(table(route('mgmt', 'appservicemanagement', 'VirtualAppliance')), tag)), 'elsewhere:mgmt');
  });

  it('without a route for the tag, 0.0.0.0/0 to an appliance takes every public address, the tag included', () => {
    assert.equal(status(routeForTag(table(route('default', '0.0.0.0/0', 'VirtualAppliance')), tag)), 'elsewhere:default');
  });

  it('a narrower public CIDR route, another tag or an unresolved prefix with another next hop: not known', () => {
    const narrower = table(route('mgmt', 'AppServiceManagement', 'Internet'), route('cloud', '13.64.0.0/11', 'VirtualAppliance'));
    assert.equal(status(routeForTag(narrower, tag)), 'unknown');
    const otherTag = table(route('mgmt', 'AppServiceManagement', 'Internet'), route('cloud', 'AzureCloud', 'VirtualAppliance'));
    assert.equal(status(routeForTag(otherTag, tag)), 'unknown');
    const unresolved = table(route('mgmt', 'AppServiceManagement', 'Internet'), route('p', U(), 'VirtualAppliance'));
    assert.equal(status(routeForTag(unresolved, tag)), 'unknown');
    // Routes for some public addresses only: which of them hold the tag's addresses is not known.
    assert.equal(status(routeForTag(table(route('mgmt1', '13.66.140.0/26', 'Internet'), route('default', '0.0.0.0/0', 'VirtualAppliance')), tag)), 'unknown');
  });

  it('the same next hop everywhere decides, whatever the routes overlap', () => {
    const t = table(route('mgmt', 'AppServiceManagement', 'Internet'), route('cloud', '13.64.0.0/11', 'Internet'), route('onprem', '10.0.0.0/8', 'VirtualAppliance'));
    assert.equal(status(routeForTag(t, tag)), 'internet');
  });
});
