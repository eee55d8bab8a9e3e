/**
 * The rule catalogue: one line per rule, each exporting the rule from its file
 * (rules/<name>.ts). rules/index.ts makes the list `allRules` of these, in the order of
 * their codes; CONTRIBUTING.md says what else a new rule needs (its table, its page,
 * `npm run catalogue`).
 */
export { inboundManagement } from './inbound-management';
export { inboundLoadBalancer } from './inbound-load-balancer';
export { inboundIntraSubnet } from './inbound-intra-subnet';
export { inboundAppAccess } from './inbound-app-access';
export { inboundAppAssignedIp } from './inbound-app-assigned-ip';
export { inboundV3LoadBalancer } from './inbound-v3-load-balancer';
export { inboundV3Ftp } from './inbound-v3-ftp';
export { nsgRuleRejected } from './nsg-rule-rejected';
export { outboundStorage } from './outbound-storage';
export { outboundSql } from './outbound-sql';
export { outboundIntraSubnet } from './outbound-intra-subnet';
export { outboundHttps } from './outbound-https';
export { outboundDns } from './outbound-dns';
export { outboundNtpMonitoring } from './outbound-ntp-monitoring';
export { forcedTunnel } from './forced-tunnel';
export { expressrouteDefaultRoute } from './expressroute-default-route';
export { broadDefaultRoute } from './broad-default-route';
export { bgpPropagation } from './bgp-propagation';
export { subnetSize } from './subnet-size';
export { subnetExclusive } from './subnet-exclusive';
export { subnetDelegation } from './subnet-delegation';
export { subnetOutsideVnet } from './subnet-outside-vnet';
export { v3SubnetSinglePrefix } from './v3-subnet-single-prefix';
export { v3NetworkingConfigurationPlacement } from './v3-networking-configuration-placement';
export { v3InboundIpOverrideUpdate } from './v3-inbound-ip-override-update';
export { v3PrivateEndpointNotAllowed } from './v3-private-endpoint-not-allowed';
export { ilbReservedDomain } from './ilb-reserved-domain';
export { ilbCustomDomainOverlap } from './ilb-custom-domain-overlap';
export { ilbIpSsl } from './ilb-ip-ssl';
export { ilbDnsRecords } from './ilb-dns-records';
export { ilbCertificateNames } from './ilb-certificate-names';
export { v3CustomDnsSuffix } from './v3-custom-dns-suffix';
export { customDnsReachable } from './custom-dns-reachable';
export { dnsBeforeAse } from './dns-before-ase';
export { integrationDelegation } from './integration-delegation';
export { integrationSubnetSize } from './integration-subnet-size';
export { integrationSubnetShared } from './integration-subnet-shared';
export { integrationPlanTier } from './integration-plan-tier';
export { integrationInAse } from './integration-in-ase';
export { integrationRegion } from './integration-region';
export { p2sAddressSpace } from './p2s-address-space';
export { gatewayIntegrationUnsupported } from './gateway-integration-unsupported';
export { peeringForGatewayIntegration } from './peering-for-gateway-integration';
export { integrationSubnetLimits } from './integration-subnet-limits';
export { gatewayIntegrationProtocol } from './gateway-integration-protocol';
export { integrationRoutingIneffective } from './integration-routing-ineffective';
export { integrationContentShare } from './integration-content-share';
export { backendPartialSubnet } from './backend-partial-subnet';
export { crossAseSource } from './cross-ase-source';
export { backendInAseSubnet } from './backend-in-ase-subnet';
export { retiredVersion } from './retired-version';
export { unverified } from './unverified';
