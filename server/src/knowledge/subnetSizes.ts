/**
 * The documented subnet sizes for an ASE, as prefix lengths (a larger number is a
 * smaller subnet). ASEv1, retired and sized by other rules, has none.
 *
 * ASEv2: a /24 is recommended and a /25 is the documented minimum when ExpressRoute is
 * used. ASEv3: a /24 is recommended, a /23 when the ASE may scale towards its maximum of
 * 200 instances, and a /27 is the platform minimum.
 */
export const aseSubnetSizes = {
  v2: { recommended: 24, minimum: 25 },
  v3: { recommended: 24, minimum: 27, nearMaximum: 23 },
} as const;

/** Instances an ASEv3 can scale to; a /23 is advised for ASEs that may come close. */
export const aseV3MaximumInstances = 200;
