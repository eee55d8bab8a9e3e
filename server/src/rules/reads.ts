/**
 * The parts of the network model a rule can read. Each rule lists the parts it reads in
 * `reads`; ASE902 (unverified.ts) names, for a value it could not resolve, the rules that
 * read the part where the value is written, and test/meta/reads.test.ts runs every rule
 * over the rule tables, the samples and the rule pages' examples with the model wrapped
 * in a recording proxy, failing on a read a rule does not declare (or a declaration it
 * never reads).
 *
 * Names and places (a resource's `name`, `type`, `condition`, the ranges findings point
 * at) are not parts: every rule reads them to say what it found, and an unresolved name
 * or condition affects every rule that reads anything of that resource.
 */
export const modelParts = {
  'ase.kind': "The ASE's version: its `kind`, or its `apiVersion` when it has none.",
  'ase.subnet': 'The subnet the ASE is deployed into (`virtualNetwork.id`), followed to what the rule reads there.',
  'ase.ilbMode': "The ASE's `internalLoadBalancingMode`: External or ILB.",
  'ase.dnsSuffix': "The ILB ASE's domain (`dnsSuffix`).",
  'ase.settings': "The ASE's other properties: `ipsslAddressCount`, `clusterSettings`, `userWhitelistedIpRanges`.",
  'ase.networking':
    "An ASEv3's networking settings (`ftpEnabled`, `remoteDebugEnabled`, `allowNewPrivateEndpointConnections`, `inboundIpAddressOverride`): its `configurations/networking` child, and `properties.networkingConfiguration` on the ASE.",
  'subnet.prefix': "A subnet's `addressPrefix` or `addressPrefixes`.",
  'subnet.nsg': 'The NSG attached to a subnet (`networkSecurityGroup.id`), followed to what the rule reads there.',
  'subnet.routeTable': 'The route table attached to a subnet (`routeTable.id`), followed to what the rule reads there.',
  'subnet.delegations': "A subnet's `delegations`.",
  'subnet.serviceEndpointPolicies': "A subnet's `serviceEndpointPolicies`.",
  'subnet.serviceEndpoints': "A subnet's `serviceEndpoints`: traffic to those services bypasses the route table.",
  'subnet.users': 'What is placed in a subnet: network interfaces, private endpoints, gateways, ASEs, the VNet Integration of apps.',
  'vnet.addressSpace': "A VNet's `addressSpace`.",
  'vnet.dnsServers': "A VNet's custom DNS servers (`dhcpOptions.dnsServers`).",
  'vnet.subnets': "The subnets of a VNet, the ASE's neighbours.",
  'nsg.rules': "An NSG's security rules, inline or as child resources.",
  'routeTable.routes': "A route table's routes, inline or as child resources.",
  'routeTable.propagation': "A route table's `disableBgpRoutePropagation`.",
  plans: 'App Service plans: SKU, instance count, kind, the ASE they are in.',
  sites: 'Apps: kind, plan, the ASE they are in, VNet Integration, host names, SSL bindings.',
  keyVaults: 'Key Vaults (`Microsoft.KeyVault/vaults`): their `publicNetworkAccess` and network rules.',
  privateEndpoints: 'Private endpoints and the resources their connections name (`privateLinkServiceId`).',
  gateways: 'VNet gateways (ExpressRoute and VPN) and their connections.',
  dnsZones: 'DNS zones and private DNS zones, with their A record sets.',
  certificates: 'Certificates uploaded to App Service (`Microsoft.Web/certificates`).',
  peerings: 'VNet peerings.',
  locations: 'The regions resources are deployed to (`location`).',
  dependencies: "Resources' `dependsOn`.",
  notes: 'What the model could not resolve (ASE902 alone reads it).',
} as const;

export type ModelPart = keyof typeof modelParts;

export const allModelParts = Object.keys(modelParts) as ModelPart[];
