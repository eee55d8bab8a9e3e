// ASE601-ASE602: the VNet's custom DNS servers and an ASE created beside them.
import { customDnsReachable } from '../../server/src/rules/custom-dns-reachable';
import { dnsBeforeAse } from '../../server/src/rules/dns-before-ase';
import { ruleTester } from '../support/tester';
import { allowRule, aseTemplate, caretsUnder, inserted, nsgRule, underName, type AseTemplate } from '../support/templates';
import { bicepTwin, type RuleSpec, type TwinSpec } from '../support/twin';
import { annotate, bicepRule, insertRuleBefore } from '../support/bicepTwins';

const spaceLine = '          "addressPrefixes": [ "10.0.0.0/16" ]';
/** The template with `dhcpOptions.dnsServers` on the VNet (and optional lines after it). */
function withDns(o: AseTemplate, servers: string[], after: string[] = []): string {
  const text = aseTemplate(o);
  const block = `${spaceLine}\n        },`;
  if (!text.includes(block)) throw new Error('no address space');
  return text.replace(block, `${block}\n        "dhcpOptions": { "dnsServers": ${JSON.stringify(servers).replace(/,/g, ', ')} },${after.length ? `\n${after.join('\n')}` : ''}`);
}
const denyVnet = nsgRule('DenyVnetOutbound', { priority: 4000, direction: 'Outbound', access: 'Deny', destination: 'VirtualNetwork' }, true);
const allowDns = nsgRule('AllowDns', { priority: 200, direction: 'Outbound', access: 'Allow', destination: '10.0.0.4', ports: '53' });
const dnsBlocked = (address: string) =>
  `NSG 'ase-nsg' blocks port 53 (DNS) to the VNet's DNS server ${address} (rule 'DenyVnetOutbound', priority 4000): ASE 'my-ase' cannot resolve names through the DNS servers its VNet names, and stops working`;
const fixRule = (address: string) =>
  allowRule('AllowCustomDnsOutbound', { protocol: '*', ports: ['53'], source: '*', destination: address, priority: 3990, direction: 'Outbound' });
// The Bicep twins: the DNS servers in the VNet's `dhcpOptions`.
const bicepDns = (servers: string[]) => `    dhcpOptions: { dnsServers: [ ${servers.join(', ')} ] }`;
const bicepWithDns = (o: TwinSpec, servers: string[]) => bicepTwin({ ...o, vnetProps: [bicepDns(servers)] });
const denyVnetSpec: RuleSpec = { name: 'DenyVnetOutbound', priority: 4000, direction: 'Outbound', access: 'Deny', destination: 'VirtualNetwork' };
const allowDnsSpec: RuleSpec = { name: 'AllowDns', priority: 200, direction: 'Outbound', access: 'Allow', destination: '10.0.0.4', ports: '53' };
const allowDnsTcpSpec: RuleSpec = { name: 'AllowDnsTcp', priority: 200, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination: '10.0.0.4', ports: '53' };
const bicepDenied = (rules: RuleSpec[]) => annotate(bicepWithDns({ rules }, ["'10.0.0.4'"]), "name: 'DenyVnetOutbound'", "'DenyVnetOutbound'", 'ASE601');
const bicepFix = bicepRule('AllowCustomDnsOutbound', { protocol: '*', ports: ['53'], source: '*', destination: '10.0.0.4', priority: 3990, direction: 'Outbound' });

ruleTester(customDnsReachable, {
  valid: [
    { name: 'no NSG', arm: withDns({}, ['10.0.0.4']), bicep: bicepWithDns({}, ["'10.0.0.4'"]) },
    {
      name: 'the NSG allows DNS to the server',
      arm: withDns({ securityRules: [allowDns, denyVnet] }, ['10.0.0.4']),
      bicep: bicepWithDns({ rules: [allowDnsSpec, denyVnetSpec] }, ["'10.0.0.4'"]),
    },
    { name: 'no custom DNS servers', arm: aseTemplate({ securityRules: [denyVnet] }), bicep: bicepTwin({ rules: [denyVnetSpec] }) },
    {
      name: 'a server unresolved',
      arm: withDns({ securityRules: [denyVnet] }, ["[parameters('dns')]"]),
      bicep: bicepWithDns({ params: ['param dns string'], rules: [denyVnetSpec] }, ['dns']),
    },
    { name: 'ASEv3', arm: withDns({ kind: 'ASEV3', securityRules: [denyVnet] }, ['10.0.0.4']), bicep: bicepWithDns({ kind: 'ASEV3', rules: [denyVnetSpec] }, ["'10.0.0.4'"]) },
  ],
  invalid: [
    {
      name: 'the NSG denies outbound to the VNet: the fix allows DNS to the server',
      arm: withDns({ securityRules: [denyVnet, underName('DenyVnetOutbound', 'ASE601')] }, ['10.0.0.4']),
      // The first of the two flows (UDP, then TCP) that the rule denies is named.
      messages: [dnsBlocked('10.0.0.4').replace('priority 4000)', 'priority 4000, denies UDP 53)')],
      output: withDns({ securityRules: [...inserted(fixRule('10.0.0.4'), 10, true), denyVnet, underName('DenyVnetOutbound', 'ASE601')] }, ['10.0.0.4']),
      bicep: bicepDenied([denyVnetSpec]),
      bicepOutput: insertRuleBefore(bicepDenied([denyVnetSpec]), 'DenyVnetOutbound', bicepFix),
    },
    {
      name: 'TCP allowed but not UDP',
      arm: withDns(
        { securityRules: [nsgRule('AllowDnsTcp', { priority: 200, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination: '10.0.0.4', ports: '53' }), denyVnet, underName('DenyVnetOutbound', 'ASE601')] },
        ['10.0.0.4'],
      ),
      messages: [dnsBlocked('10.0.0.4').replace('priority 4000)', 'priority 4000, denies UDP 53)')],
      output: withDns(
        {
          securityRules: [
            nsgRule('AllowDnsTcp', { priority: 200, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination: '10.0.0.4', ports: '53' }),
            ...inserted(fixRule('10.0.0.4'), 10, true),
            denyVnet,
            underName('DenyVnetOutbound', 'ASE601'),
          ],
        },
        ['10.0.0.4'],
      ),
      bicep: bicepDenied([allowDnsTcpSpec, denyVnetSpec]),
      bicepOutput: insertRuleBefore(bicepDenied([allowDnsTcpSpec, denyVnetSpec]), 'DenyVnetOutbound', bicepFix),
    },
    {
      name: 'a server inside the ASE subnet',
      arm: withDns({}, ['10.0.0.4', '10.0.1.10'], [caretsUnder('        "dhcpOptions": { "dnsServers": ["10.0.0.4", "10.0.1.10"] },', '"10.0.1.10"', 'ASE601')]),
      messages: [
        "The DNS server 10.0.1.10 of VNet 'ase-vnet' lies in the subnet of ASE 'my-ase': nothing else may live there and the ASE cannot reach it, so the ASE cannot resolve names",
      ],
      output: null,
      bicep: annotate(bicepWithDns({}, ["'10.0.0.4'", "'10.0.1.10'"]), 'dhcpOptions:', "'10.0.1.10'", 'ASE601'),
    },
  ],
});

const aseName = '      "name": "my-ase",';
const onAse = (text: string) => text.replace(aseName, `${aseName}\n${caretsUnder(aseName, '"my-ase"', 'ASE602')}`);
const withAseDependsOn = (text: string, entries: string[]) =>
  text.replace(`${aseName}\n`, `${aseName}\n      "dependsOn": [${entries.map((e) => JSON.stringify(e)).join(', ')}],\n`);
const vnetId = "[resourceId('Microsoft.Network/virtualNetworks', 'ase-vnet')]";
const orderMessage =
  "ASE 'my-ase' is created in the deployment that sets the DNS servers of VNet 'ase-vnet' but does not depend on it: Azure may change the DNS servers while the ASE is being created, and the creation fails";
const subnetResource = [
  '    {',
  '      "type": "Microsoft.Network/virtualNetworks/subnets",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "ase-vnet/other",',
  `      "dependsOn": [ "${vnetId}" ],`,
  '      "properties": { "addressPrefix": "10.0.9.0/24" }',
  '    }',
].join('\n');
// The Bicep twins name the ASE's subnet with resourceId(), as the ARM template does: a
// reference to `vnet` (bicepTwin's default `'${vnet.id}/subnets/ase-subnet'`) would be an
// implicit dependency on the VNet (the valid case below).
const subnetIdCall = "resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')";
const bicepDnsAse = (o: TwinSpec = {}) => bicepWithDns({ aseSubnetIdExpr: subnetIdCall, ...o }, ["'10.0.0.4'"]);
const bicepOnAse = (text: string) => annotate(text, "name: 'my-ase'", "'my-ase'", 'ASE602');
const bicepOther = (dependsOnVnet: boolean) => [
  "resource other 'Microsoft.Network/virtualNetworks/subnets@2023-04-01' = {",
  "  name: 'ase-vnet/other'",
  ...(dependsOnVnet ? ['  dependsOn: [ vnet ]'] : []),
  "  properties: { addressPrefix: '10.0.9.0/24' }",
  '}',
];

ruleTester(dnsBeforeAse, {
  valid: [
    { name: 'the ASE depends on the VNet', arm: withAseDependsOn(withDns({}, ['10.0.0.4']), [vnetId]), bicep: bicepDnsAse({ aseLines: ['  dependsOn: [ vnet ]'] }) },
    {
      name: 'through another resource that depends on the VNet',
      arm: withAseDependsOn(withDns({ extraResources: [subnetResource] }, ['10.0.0.4']), ["[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'other')]"]),
      bicep: bicepDnsAse({ aseLines: ['  dependsOn: [ other ]'], extraResources: bicepOther(true) }),
    },
    { name: 'the VNet keeps Azure DNS', arm: aseTemplate(), bicep: bicepTwin({ aseSubnetIdExpr: subnetIdCall }) },
    {
      // Bicep only: `vnet.id` in the ASE's body orders the ASE after the VNet, as a dependsOn would.
      name: 'Bicep: an implicit dependency through a reference to the VNet symbol',
      arm: withAseDependsOn(withDns({}, ['10.0.0.4']), [vnetId]),
      bicep: bicepWithDns({}, ["'10.0.0.4'"]),
    },
    {
      name: 'a dependency on something not declared here',
      arm: withAseDependsOn(withDns({}, ['10.0.0.4']), ["[resourceId('Microsoft.Network/publicIPAddresses', 'elsewhere')]"]),
      // In Bicep: a dependency on a module (a nested deployment) whose file cannot be read.
      bicep: bicepDnsAse({ aseLines: ['  dependsOn: [ elsewhere ]'], extraResources: ["module elsewhere 'elsewhere.bicep' = {", "  name: 'elsewhere'", '}'] }),
    },
    {
      // The module's parameters name the VNet, so Azure deploys it after the VNet, and the ASE after the module.
      name: 'Bicep: a dependency on a module that is deployed after the VNet',
      arm: withAseDependsOn(withDns({}, ['10.0.0.4']), ["[resourceId('Microsoft.Resources/deployments', 'peers')]"]),
      bicep: bicepDnsAse({
        aseLines: ['  dependsOn: [ peers ]'],
        extraResources: ["module peers 'peers.bicep' = {", "  name: 'peers'", '  params: { vnetName: vnet.name }', '}'],
      }),
      files: { 'file:///work/peers.bicep': "param vnetName string\noutput name string = vnetName\n" },
    },
  ],
  invalid: [
    {
      name: 'no dependsOn: the fix adds the VNet',
      arm: onAse(withDns({}, ['10.0.0.4'])),
      messages: [orderMessage],
      output: onAse(withDns({}, ['10.0.0.4'])).replace(
        '          "id": "[resourceId(\'Microsoft.Network/virtualNetworks/subnets\', \'ase-vnet\', \'ase-subnet\')]"\n        }\n      }\n',
        `          "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"\n        }\n      },\n      "dependsOn": [\n        "${vnetId}"\n      ]\n`,
      ),
      bicep: bicepOnAse(bicepDnsAse()),
      // `dependsOn` goes after `properties`, as in ARM, naming the VNet by its symbol.
      bicepOutput: bicepOnAse(bicepDnsAse()).replace(
        `    virtualNetwork: { id: ${subnetIdCall} }\n  }\n}`,
        `    virtualNetwork: { id: ${subnetIdCall} }\n  }\n  dependsOn: [\n    vnet\n  ]\n}`,
      ),
    },
    {
      name: 'a dependency on something else: the fix appends the VNet',
      arm: onAse(withAseDependsOn(withDns({ extraResources: [subnetResource.replace(`      "dependsOn": [ "${vnetId}" ],\n`, '')] }, ['10.0.0.4']), ["[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'other')]"])),
      messages: [orderMessage],
      output: onAse(
        withAseDependsOn(withDns({ extraResources: [subnetResource.replace(`      "dependsOn": [ "${vnetId}" ],\n`, '')] }, ['10.0.0.4']), [
          "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'other')]",
          vnetId,
        ]),
      ),
      bicep: bicepOnAse(bicepDnsAse({ aseLines: ['  dependsOn: [ other ]'], extraResources: bicepOther(false) })),
      bicepOutput: bicepOnAse(bicepDnsAse({ aseLines: ['  dependsOn: [ other, vnet ]'], extraResources: bicepOther(false) })),
    },
  ],
});
