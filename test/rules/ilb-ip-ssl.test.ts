// ASE503 ilb-ip-ssl: an ILB ASE has only its internal address; its apps use SNI SSL, never IP-based SSL.
import { ilbIpSsl } from '../../server/src/rules/ilb-ip-ssl';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, caretsUnder, type AseTemplate } from '../support/templates';
import { bicepTwin, type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import { replaceOnce } from '../support/literal';
import { appInAse, bicepAppInAse, bicepBinding, bicepSslState, binding, sslState, withAseProps } from '../support/ilb';

const ipSslMessage =
  "App 'orders' in ILB ASE 'my-ase' uses IP-based SSL: an ILB ASE cannot give an app an address of its own, so the binding fails (use SNI SSL)";
const ilb = (extra: string[], o: AseTemplate = {}) => aseTemplate({ ilbMode: 'Web', ...o, extraResources: extra });
const bicepIlb = (extra: string[], o: TwinSpec = {}) => bicepTwin({ ilbMode: 'Web', ...o, extraResources: extra });
const bicepIpLine = bicepSslState('orders.internal.contoso.com', 'IpBasedEnabled');
const bicepIpInBinding = annotate(bicepIlb(bicepAppInAse([], bicepBinding('IpBasedEnabled'))), "properties: { sslState: 'IpBasedEnabled'", "'IpBasedEnabled'", 'ASE503');
const bicepCountLine = (n: number | string) => `    ipsslAddressCount: ${n}`;

const ipLine = sslState('orders.internal.contoso.com', 'IpBasedEnabled');
const countLine = (n: number | string) => `        "ipsslAddressCount": ${JSON.stringify(n)},`;

const bindingLine = '      "properties": { "sslState": "IpBasedEnabled", "thumbprint": "ABC" }';
const ipInBinding = replaceOnce(ilb(appInAse([], binding('IpBasedEnabled'))), bindingLine, `${bindingLine}\n${caretsUnder(bindingLine, '"IpBasedEnabled"', 'ASE503')}`);

ruleTester(ilbIpSsl, {
  valid: [
    {
      name: 'SNI SSL in an ILB ASE',
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "ase-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "ase-subnet",
                    "properties": {
                      "addressPrefix": "10.0.1.0/24"
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Web/hostingEnvironments",
              "apiVersion": "2022-03-01",
              "name": "my-ase",
              "location": "westeurope",
              "kind": "ASEV2",
              "properties": {
                "internalLoadBalancingMode": "Web",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            },
            {
              "type": "Microsoft.Web/serverfarms",
              "apiVersion": "2022-03-01",
              "name": "ase-plan",
              "location": "westeurope",
              "sku": { "name": "I1", "tier": "Isolated" },
              "properties": {
                "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" }
              }
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "properties": {
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'ase-plan')]",
                "hostNameSslStates": [
                  { "name": "orders.internal.contoso.com", "sslState": "SniEnabled", "thumbprint": "ABC" }
                ]
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'ase-subnet'
                properties: {
                  addressPrefix: '10.0.1.0/24'
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV2'
          properties: {
            internalLoadBalancingMode: 'Web'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
        resource plan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'ase-plan'
          location: 'westeurope'
          sku: { name: 'I1', tier: 'Isolated' }
          properties: {
            hostingEnvironmentProfile: { id: ase.id }
          }
        }
        resource app 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            serverFarmId: plan.id
            hostNameSslStates: [
              { name: 'orders.internal.contoso.com', sslState: 'SniEnabled', thumbprint: 'ABC' }
            ]
          }
        }
      `,
    },
    { name: 'IP-based SSL in an External ASE', arm: ilb(appInAse([ipLine]), { ilbMode: 'None' }), bicep: bicepIlb(bicepAppInAse([bicepIpLine]), { ilbMode: 'None' }) },
    {
      name: 'ILB mode unresolved',
      arm: ilb(appInAse([ipLine]), { ilbMode: "[parameters('mode')]" }),
      bicep: bicepIlb(bicepAppInAse([bicepIpLine]), { params: ['param mode string'], ilbModeExpr: 'mode' }),
    },
    { name: 'ipsslAddressCount 0 on an ILB ASE', arm: withAseProps({ ilbMode: 'Web' }, [countLine(0)]), bicep: bicepTwin({ ilbMode: 'Web', aseProps: [bicepCountLine(0)] }) },
    { name: 'ipsslAddressCount on an External ASE', arm: withAseProps({ ilbMode: 'None' }, [countLine(2)]), bicep: bicepTwin({ ilbMode: 'None', aseProps: [bicepCountLine(2)] }) },
    {
      name: 'ipsslAddressCount unresolved',
      arm: withAseProps({ ilbMode: 'Web' }, [countLine("[parameters('count')]")]),
      bicep: bicepTwin({ ilbMode: 'Web', params: ['param count int'], aseProps: [bicepCountLine('count')] }),
    },
  ],
  invalid: [
    {
      name: 'hostNameSslStates with IpBasedEnabled, switched to SNI',
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "ase-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "ase-subnet",
                    "properties": {
                      "addressPrefix": "10.0.1.0/24"
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Web/hostingEnvironments",
              "apiVersion": "2022-03-01",
              "name": "my-ase",
              "location": "westeurope",
              "kind": "ASEV2",
              "properties": {
                "internalLoadBalancingMode": "Web",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            },
            {
              "type": "Microsoft.Web/serverfarms",
              "apiVersion": "2022-03-01",
              "name": "ase-plan",
              "location": "westeurope",
              "sku": { "name": "I1", "tier": "Isolated" },
              "properties": {
                "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" }
              }
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "properties": {
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'ase-plan')]",
                "hostNameSslStates": [
                  { "name": "orders.contoso.com", "sslState": "SniEnabled", "thumbprint": "ABC" },
                  { "name": "orders.internal.contoso.com", "sslState": "IpBasedEnabled", "thumbprint": "ABC" }
                  //                                                   ^^^^^^^^^^^^^^^^ ASE503
                ]
              }
            }
          ]
        }
      `,
      messages: [
        "App 'orders' in ILB ASE 'my-ase' uses IP-based SSL: an ILB ASE cannot give an app an address of its own, so the binding fails (use SNI SSL)",
      ],
      output: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "ase-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "ase-subnet",
                    "properties": {
                      "addressPrefix": "10.0.1.0/24"
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Web/hostingEnvironments",
              "apiVersion": "2022-03-01",
              "name": "my-ase",
              "location": "westeurope",
              "kind": "ASEV2",
              "properties": {
                "internalLoadBalancingMode": "Web",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            },
            {
              "type": "Microsoft.Web/serverfarms",
              "apiVersion": "2022-03-01",
              "name": "ase-plan",
              "location": "westeurope",
              "sku": { "name": "I1", "tier": "Isolated" },
              "properties": {
                "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" }
              }
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "properties": {
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'ase-plan')]",
                "hostNameSslStates": [
                  { "name": "orders.contoso.com", "sslState": "SniEnabled", "thumbprint": "ABC" },
                  { "name": "orders.internal.contoso.com", "sslState": "SniEnabled", "thumbprint": "ABC" }
                  //                                                   ^^^^^^^^^^^^^^^^ ASE503
                ]
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'ase-subnet'
                properties: {
                  addressPrefix: '10.0.1.0/24'
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV2'
          properties: {
            internalLoadBalancingMode: 'Web'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
        resource plan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'ase-plan'
          location: 'westeurope'
          sku: { name: 'I1', tier: 'Isolated' }
          properties: {
            hostingEnvironmentProfile: { id: ase.id }
          }
        }
        resource app 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            serverFarmId: plan.id
            hostNameSslStates: [
              { name: 'orders.contoso.com', sslState: 'SniEnabled', thumbprint: 'ABC' }
              { name: 'orders.internal.contoso.com', sslState: 'IpBasedEnabled', thumbprint: 'ABC' }
              //                                               ^^^^^^^^^^^^^^^^ ASE503
            ]
          }
        }
      `,
      bicepOutput: dedent`
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'ase-subnet'
                properties: {
                  addressPrefix: '10.0.1.0/24'
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV2'
          properties: {
            internalLoadBalancingMode: 'Web'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
        resource plan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'ase-plan'
          location: 'westeurope'
          sku: { name: 'I1', tier: 'Isolated' }
          properties: {
            hostingEnvironmentProfile: { id: ase.id }
          }
        }
        resource app 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            serverFarmId: plan.id
            hostNameSslStates: [
              { name: 'orders.contoso.com', sslState: 'SniEnabled', thumbprint: 'ABC' }
              { name: 'orders.internal.contoso.com', sslState: 'SniEnabled', thumbprint: 'ABC' }
              //                                               ^^^^^^^^^^^^^^^^ ASE503
            ]
          }
        }
      `,
    },
    {
      name: 'a hostNameBindings child with IpBasedEnabled',
      arm: ipInBinding,
      messages: [ipSslMessage],
      output: replaceOnce(ipInBinding, '"IpBasedEnabled"', '"SniEnabled"'),
      bicep: bicepIpInBinding,
      bicepOutput: replaceOnce(bicepIpInBinding, "'IpBasedEnabled'", "'SniEnabled'"),
    },
    {
      name: 'app-assigned addresses on an ILB ASEv2',
      arm: withAseProps({ ilbMode: 'Web' }, [countLine(2), caretsUnder(countLine(2), '2', 'ASE503')]),
      messages: ["ILB ASE 'my-ase' asks for 2 app-assigned IP addresses (ipsslAddressCount): an ILB ASE has only its internal address, so Azure rejects the ASE"],
      output: null,
      bicep: annotate(bicepTwin({ ilbMode: 'Web', aseProps: [bicepCountLine(2)] }), bicepCountLine(2), '2', 'ASE503'),
    },
  ],
});
