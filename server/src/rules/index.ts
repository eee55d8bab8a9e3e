import { bgpPropagation } from './bgp-propagation';
import { broadDefaultRoute } from './broad-default-route';
import { expressrouteDefaultRoute } from './expressroute-default-route';
import { forcedTunnel } from './forced-tunnel';
import { inboundAppAccess } from './inbound-app-access';
import { inboundAppAssignedIp } from './inbound-app-assigned-ip';
import { inboundIntraSubnet } from './inbound-intra-subnet';
import { inboundLoadBalancer } from './inbound-load-balancer';
import { inboundManagement } from './inbound-management';
import { inboundV3LoadBalancer } from './inbound-v3-load-balancer';
import { outboundDns } from './outbound-dns';
import { outboundHttps } from './outbound-https';
import { outboundIntraSubnet } from './outbound-intra-subnet';
import { outboundNtpMonitoring } from './outbound-ntp-monitoring';
import { outboundSql } from './outbound-sql';
import { outboundStorage } from './outbound-storage';
import { retiredVersion } from './retired-version';
import { subnetDelegation } from './subnet-delegation';
import { subnetExclusive } from './subnet-exclusive';
import { subnetOutsideVnet } from './subnet-outside-vnet';
import { subnetSize } from './subnet-size';
import { unverified } from './unverified';
import type { Rule } from './types';

/** Every rule, in catalogue order. Adding a rule: its file, its test, one line here. */
export const allRules: readonly Rule[] = [
  inboundManagement,
  inboundLoadBalancer,
  inboundIntraSubnet,
  inboundAppAccess,
  inboundAppAssignedIp,
  inboundV3LoadBalancer,
  outboundStorage,
  outboundSql,
  outboundIntraSubnet,
  outboundHttps,
  outboundDns,
  outboundNtpMonitoring,
  forcedTunnel,
  expressrouteDefaultRoute,
  broadDefaultRoute,
  bgpPropagation,
  subnetSize,
  subnetExclusive,
  subnetDelegation,
  subnetOutsideVnet,
  retiredVersion,
  unverified,
];
