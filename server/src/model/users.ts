import type { BuildContext, DeclaredResource } from './buildContext';
import { SUBNET_TYPE } from './network';
import type { Reference, ResourceBase, Subnet, SubnetUserKind } from './types';
import { isObject, propKey, sameKey, type Value } from '../core/value';

const KIND_BY_TYPE: Record<string, SubnetUserKind> = {
  'microsoft.network/networkinterfaces': 'nic',
  'microsoft.network/privateendpoints': 'privateEndpoint',
  'microsoft.network/applicationgateways': 'applicationGateway',
  'microsoft.network/virtualnetworkgateways': 'gateway',
};

/** Types whose subnet references are read by their own builders (or are not placements). */
const NOT_SCANNED = new Set([
  'microsoft.resources/deployments',
  'microsoft.network/virtualnetworks',
  'microsoft.network/virtualnetworks/subnets',
  'microsoft.web/hostingenvironments',
]);

const MAX_SCAN_DEPTH = 40;

interface PendingUser {
  kind: SubnetUserKind;
  resource: ResourceBase;
  reference: Reference<Subnet>;
}

/** What places itself in a subnet; attached to the subnets once references are resolved. */
export class SubnetUsers {
  private readonly pending: PendingUser[] = [];

  constructor(private readonly ctx: BuildContext) {}

  add(kind: SubnetUserKind, resource: ResourceBase, reference: Reference<Subnet> | undefined): void {
    if (reference) this.pending.push({ kind, resource, reference });
  }

  /** Every `subnet: { id }` inside a resource's properties (NIC ip configurations, private endpoints, gateways, load balancers...). */
  scan(d: DeclaredResource, resource: ResourceBase): void {
    if (NOT_SCANNED.has(d.typeLower) || resource.existing) return;
    const kind = (Object.hasOwn(KIND_BY_TYPE, d.typeLower) ? KIND_BY_TYPE[d.typeLower] : undefined) ?? 'other';
    // Two parallel stacks rather than a pair object per value: every resource body is walked.
    const values: Value[] = [resource.properties ?? null];
    const depths: number[] = [0];
    while (values.length > 0) {
      const v = values.pop()!;
      const depth = depths.pop()!;
      if (depth > MAX_SCAN_DEPTH) continue;
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) {
          values.push(v[i]);
          depths.push(depth + 1);
        }
        continue;
      }
      if (!isObject(v)) continue;
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        const child = v[k];
        // Most values are strings and numbers: neither a subnet reference nor anything to walk into.
        if (typeof child !== 'object' || child === null) continue;
        if (sameKey(k, 'subnet') && isObject(child) && propKey(child, 'id') !== undefined) {
          this.add(kind, resource, this.subnetReference(v, k, child, resource));
          continue;
        }
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }

  /**
   * The reference `holder[key]` (`{ id }`) makes; the place of the whole object only where
   * the id has none. A function of its own: a closure made in scan's loop would give every
   * key walked a context of its own.
   */
  private subnetReference(holder: Value, key: string, child: Value, resource: ResourceBase): Reference<Subnet> | undefined {
    const origins = this.ctx.origins;
    return this.ctx.linker.reference<Subnet>(child, 'id', () => origins.propRef(holder, key, resource.ref), SUBNET_TYPE);
  }

  /** After references are resolved: each user once per (resource, subnet, kind). */
  attach(): void {
    const seen = new Set<string>();
    const ids = new WeakMap<object, number>();
    let next = 0;
    const idOf = (o: object) => {
      let n = ids.get(o);
      if (n === undefined) ids.set(o, (n = next++));
      return n;
    };
    for (const u of this.pending) {
      const subnet = u.reference.target;
      if (!subnet) continue;
      const key = `${idOf(u.resource)}|${idOf(subnet)}|${u.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      subnet.users.push({ kind: u.kind, resource: u.resource, ref: u.reference.ref });
    }
  }
}
