import { backendInAseSubnet } from './backend-in-ase-subnet';
import { backendPartialSubnet } from './backend-partial-subnet';
import { bgpPropagation } from './bgp-propagation';
import { broadDefaultRoute } from './broad-default-route';
import { crossAseSource } from './cross-ase-source';
import { customDnsReachable } from './custom-dns-reachable';
import { dnsBeforeAse } from './dns-before-ase';
import { expressrouteDefaultRoute } from './expressroute-default-route';
import { forcedTunnel } from './forced-tunnel';
import { gatewayIntegrationUnsupported } from './gateway-integration-unsupported';
import { ilbCertificateNames } from './ilb-certificate-names';
import { ilbCustomDomainOverlap } from './ilb-custom-domain-overlap';
import { ilbDnsRecords } from './ilb-dns-records';
import { ilbIpSsl } from './ilb-ip-ssl';
import { ilbReservedDomain } from './ilb-reserved-domain';
import { integrationDelegation } from './integration-delegation';
import { integrationSubnetSize } from './integration-subnet-size';
import { integrationSubnetShared } from './integration-subnet-shared';
import { integrationPlanTier } from './integration-plan-tier';
import { integrationInAse } from './integration-in-ase';
import { integrationRegion } from './integration-region';
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
import { p2sAddressSpace } from './p2s-address-space';
import { peeringForGatewayIntegration } from './peering-for-gateway-integration';
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
  ilbReservedDomain,
  ilbCustomDomainOverlap,
  ilbIpSsl,
  ilbDnsRecords,
  ilbCertificateNames,
  customDnsReachable,
  dnsBeforeAse,
  integrationDelegation,
  integrationSubnetSize,
  integrationSubnetShared,
  integrationPlanTier,
  integrationInAse,
  integrationRegion,
  p2sAddressSpace,
  gatewayIntegrationUnsupported,
  peeringForGatewayIntegration,
  backendPartialSubnet,
  crossAseSource,
  backendInAseSubnet,
  retiredVersion,
  unverified,
];
