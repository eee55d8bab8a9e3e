/**
 * The documented subnet sizes for an ASE, as prefix lengths (a larger number is a
 * smaller subnet). ASEv1, retired and sized by other rules, has none.
 *
 * ASEv2: the current pages disagree on the recommendation, a /24 on one and a /25 on
 * another; the quieter reading is kept, a /25 is enough, and a /25 is also the documented
 * minimum when ExpressRoute is used. ASEv3: a /24 is recommended, a /23 when the ASE may
 * scale towards its maximum of 200 instances, and a /27 is the platform minimum.
 */
export const aseSubnetSizes = {
  v2: { recommended: 25, minimum: 25 },
  v3: { recommended: 24, minimum: 27, nearMaximum: 23 },
} as const;

/** The size a widened ASE subnet gets: the /24 both versions' pages name. */
export const aseSubnetTarget = 24;

/** Instances an ASEv3 can scale to; a /23 is advised for ASEs that may come close. */
export const aseV3MaximumInstances = 200;

/** Azure keeps the first four and the last address of every subnet. */
export const subnetReservedAddresses = 5;

/**
 * ASEv3 keeps one standby instance for every 20 instances, each with an address of the
 * subnet; a Windows container app takes one more address on every instance of its plan.
 */
export const aseV3InstancesPerStandby = 20;

/**
 * How many ASEv3 instances fit in a subnet of `addresses` addresses: each instance takes
 * one address (two when it runs a Windows container app), with one standby instance for
 * every 20; never more than the ASE's maximum.
 */
export function aseV3Instances(addresses: number, windowsContainers = false): number {
  const usable = addresses - subnetReservedAddresses;
  const perInstance = windowsContainers ? 2 : 1;
  let n = 0;
  while (n < aseV3MaximumInstances && (n + 1) * perInstance + Math.ceil((n + 1) / aseV3InstancesPerStandby) <= usable) n++;
  return n;
}

/**
 * Regional VNet Integration subnets (the current VNet Integration overview): a /26 is
 * recommended and a /28 is the minimum; a subnet that several plans join (multi-plan
 * subnet join) must be a /26 or larger. Each plan instance takes an address, and while a
 * plan scales or is upgraded the addresses in use double for a while, so a subnet should
 * hold twice the instances its plans can scale to.
 */
export const integrationSubnetSizes = { recommended: 26, minimum: 28, multiPlanMinimum: 26 } as const;
export const integrationAddressesPerInstance = 2;
