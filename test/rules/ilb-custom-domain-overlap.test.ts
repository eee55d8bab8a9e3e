// ASE502 ilb-custom-domain-overlap: an app in an ILB ASE binds no custom host name inside the ASE's own domain.
import { ilbCustomDomainOverlap } from '../../server/src/rules/ilb-custom-domain-overlap';
import { dedent, ruleTester } from '../support/tester';
import { caretsUnder, type AseTemplate } from '../support/templates';
import { type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import { appInAse, bicepAppInAse, bicepBinding, bicepSslState, bicepWithDomain, binding, domainLine, sslState, withAseProps } from '../support/ilb';

const overlapMessage = (host: string) =>
  `App 'orders' binds the custom host name '${host}', which lies inside the domain 'contoso.com' of ILB ASE 'my-ase': the ASE claims every name in its domain for its own apps, so the binding fails`;
const inDomain = (states: string[], o: AseTemplate = { ilbMode: 'Web' }, binding?: string) =>
  withAseProps({ ...o, extraResources: appInAse(states, binding) }, [domainLine('contoso.com')]);
const wwwLine = sslState('www.contoso.com', 'SniEnabled', false);
const bicepInDomain = (states: string[], o: TwinSpec = { ilbMode: 'Web' }, binding?: string[]) =>
  bicepWithDomain('contoso.com', { ...o, extraResources: bicepAppInAse(states, binding) });
const bicepWwwLine = bicepSslState('www.contoso.com', 'SniEnabled');

ruleTester(ilbCustomDomainOverlap, {
  valid: [
    {
      name: "the app's own names",
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
                "dnsSuffix": "contoso.com",
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
                  { "name": "orders.scm.contoso.com", "sslState": "SniEnabled", "thumbprint": "ABC" }
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
            dnsSuffix: 'contoso.com'
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
              { name: 'orders.scm.contoso.com', sslState: 'SniEnabled', thumbprint: 'ABC' }
            ]
          }
        }
      `,
    },
    { name: 'a custom name in another domain', arm: inDomain([sslState('www.contoso.net', 'SniEnabled')]), bicep: bicepInDomain([bicepSslState('www.contoso.net', 'SniEnabled')]) },
    { name: 'a name that only ends like the domain', arm: inDomain([sslState('shopcontoso.com', 'SniEnabled')]), bicep: bicepInDomain([bicepSslState('shopcontoso.com', 'SniEnabled')]) },
    { name: 'External ASE', arm: inDomain([wwwLine.slice(0, -1)], { ilbMode: 'None' }), bicep: bicepInDomain([bicepWwwLine], { ilbMode: 'None' }) },
    {
      name: 'host name unresolved',
      arm: inDomain([sslState("[parameters('host')]", 'SniEnabled')]),
      bicep: bicepInDomain(["      { name: host, sslState: 'SniEnabled', thumbprint: 'ABC' }"], { ilbMode: 'Web', params: ['param host string'] }),
    },
  ],
  invalid: [
    {
      name: 'www and a deeper name',
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
                "dnsSuffix": "contoso.com",
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
                  { "name": "www.contoso.com", "sslState": "SniEnabled", "thumbprint": "ABC" },
                  //        ^^^^^^^^^^^^^^^^^ ASE502
                  { "name": "A.B.Contoso.com", "sslState": "SniEnabled", "thumbprint": "ABC" }
                  //        ^^^^^^^^^^^^^^^^^ ASE502
                ]
              }
            }
          ]
        }
      `,
      messages: [
        "App 'orders' binds the custom host name 'www.contoso.com', which lies inside the domain 'contoso.com' of ILB ASE 'my-ase': the ASE claims every name in its domain for its own apps, so the binding fails",
        "App 'orders' binds the custom host name 'a.b.contoso.com', which lies inside the domain 'contoso.com' of ILB ASE 'my-ase': the ASE claims every name in its domain for its own apps, so the binding fails",
      ],
      output: null,
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
            dnsSuffix: 'contoso.com'
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
              { name: 'www.contoso.com', sslState: 'SniEnabled', thumbprint: 'ABC' }
              //      ^^^^^^^^^^^^^^^^^ ASE502
              { name: 'A.B.Contoso.com', sslState: 'SniEnabled', thumbprint: 'ABC' }
              //      ^^^^^^^^^^^^^^^^^ ASE502
            ]
          }
        }
      `,
    },
    {
      name: 'a hostNameBindings child, ASEv3',
      arm: (() => {
        const line = '      "name": "orders/shop.contoso.com",';
        return inDomain([], { ilbMode: 'Web', kind: 'ASEV3' }, binding('SniEnabled').replace('orders/orders.internal.contoso.com', 'orders/shop.contoso.com')).replace(
          line,
          `${line}\n${caretsUnder(line, '"orders/shop.contoso.com"', 'ASE502')}`,
        );
      })(),
      messages: [overlapMessage('shop.contoso.com')],
      output: null,
      bicep: annotate(
        bicepInDomain([], { ilbMode: 'Web', kind: 'ASEV3' }, bicepBinding('SniEnabled', 'shop.contoso.com')),
        "name: 'orders/shop.contoso.com'",
        "'orders/shop.contoso.com'",
        'ASE502',
      ),
    },
  ],
});
