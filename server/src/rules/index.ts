import { forcedTunnel } from './forced-tunnel';
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
import { subnetDelegation } from './subnet-delegation';
import { subnetExclusive } from './subnet-exclusive';
import { subnetSize } from './subnet-size';
import type { Rule } from './types';

/** Every rule, in catalogue order. Adding a rule: its file, its test, one line here. */
export const allRules: readonly Rule[] = [
  inboundManagement,
  inboundLoadBalancer,
  inboundIntraSubnet,
  inboundV3LoadBalancer,
  outboundStorage,
  outboundSql,
  outboundIntraSubnet,
  outboundHttps,
  outboundDns,
  outboundNtpMonitoring,
  forcedTunnel,
  subnetSize,
  subnetExclusive,
  subnetDelegation,
];
