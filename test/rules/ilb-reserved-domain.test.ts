// ASE501 ilb-reserved-domain: an ILB ASE's domain is not one App Service keeps for its public names.
import { ilbReservedDomain } from '../../server/src/rules/ilb-reserved-domain';
import { dedent, ruleTester } from '../support/tester';
import { caretsUnder, type AseTemplate } from '../support/templates';
import { bicepTwin, type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import { bicepDomainLine, bicepWithDomain, domainLine, withAseProps } from '../support/ilb';

const bicepOnDomain = (d: string, o: TwinSpec = { ilbMode: 'Web' }) => annotate(bicepWithDomain(d, o), bicepDomainLine(d), `'${d}'`, 'ASE501');
const withDomain = (d: string, o: AseTemplate = { ilbMode: 'Web' }) => withAseProps(o, [domainLine(d)]);
const onDomain = (d: string, o: AseTemplate = { ilbMode: 'Web' }) =>
  withAseProps(o, [domainLine(d), caretsUnder(domainLine(d), JSON.stringify(d), 'ASE501')]);
const reserved = (d: string) =>
  `The domain '${d}' of ILB ASE 'my-ase' is reserved for App Service's public names: Azure rejects it and the ASE is not created (use a domain of your own)`;

ruleTester(ilbReservedDomain, {
  valid: [
    // An ASEv3 names its domain in customDnsSuffixConfiguration (ASE413); `dnsSuffix` is not its domain.
    { name: 'ASEv3: dnsSuffix is not its domain', arm: withDomain('azurewebsites.net', { ilbMode: 'Web', kind: 'ASEV3' }), bicep: bicepWithDomain('azurewebsites.net', { ilbMode: 'Web', kind: 'ASEV3' }) },
    { name: 'the version unresolved', arm: withDomain('azurewebsites.net', { ilbMode: 'Web', kind: "[parameters('kind')]" }), bicep: bicepWithDomain('azurewebsites.net', { ilbMode: 'Web', params: ['param kind string'] }).replace("  kind: 'ASEV2'", '  kind: kind') },
    {
      name: 'a domain of your own',
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
                "dnsSuffix": "internal.contoso.com",
                "internalLoadBalancingMode": "Web",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
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
            dnsSuffix: 'internal.contoso.com'
            internalLoadBalancingMode: 'Web'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
    },
    {
      name: 'a subdomain of azurewebsites.net that App Service does not keep',
      arm: withDomain('contoso.azurewebsites.net'),
      bicep: bicepWithDomain('contoso.azurewebsites.net'),
    },
    { name: "another ASE's name under p.azurewebsites.net", arm: withDomain('other-ase.p.azurewebsites.net'), bicep: bicepWithDomain('other-ase.p.azurewebsites.net') },
    {
      name: 'External ASE (Azure picks the domain)',
      arm: withDomain('azurewebsites.net', { ilbMode: 'None' }),
      bicep: bicepWithDomain('azurewebsites.net', { ilbMode: 'None' }),
    },
    {
      name: 'domain unresolved',
      arm: withDomain("[parameters('domain')]"),
      bicep: bicepTwin({ ilbMode: 'Web', params: ['param domain string'], aseProps: ['    dnsSuffix: domain'] }),
    },
    {
      name: 'ILB mode unresolved',
      arm: withDomain('net', { ilbMode: "[parameters('mode')]" }),
      bicep: bicepWithDomain('net', { params: ['param mode string'], ilbModeExpr: 'mode' }),
    },
  ],
  invalid: [
    {
      name: 'azurewebsites.net',
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
                "dnsSuffix": "azurewebsites.net",
                //           ^^^^^^^^^^^^^^^^^^^ ASE501
                "internalLoadBalancingMode": "Web",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            }
          ]
        }
      `,
      messages: [
        "The domain 'azurewebsites.net' of ILB ASE 'my-ase' is reserved for App Service's public names: Azure rejects it and the ASE is not created (use a domain of your own)",
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
            dnsSuffix: 'azurewebsites.net'
            //         ^^^^^^^^^^^^^^^^^^^ ASE501
            internalLoadBalancingMode: 'Web'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
    },
    { name: 'net, ILB mode as a number', arm: onDomain('net', { ilbMode: 3 }), messages: [reserved('net')], output: null, bicep: bicepOnDomain('net', { ilbMode: 3 }) },
    {
      name: 'p.azurewebsites.net in capitals with a trailing dot, ILB for publishing only',
      arm: onDomain('P.AzureWebsites.NET.', { ilbMode: 'Publishing' }),
      messages: [reserved('p.azurewebsites.net')],
      output: null,
      bicep: bicepOnDomain('P.AzureWebsites.NET.', { ilbMode: 'Publishing' }),
    },
    {
      name: "the ASE's own name under p.azurewebsites.net",
      arm: onDomain('My-ASE.p.azurewebsites.net'),
      messages: [reserved('my-ase.p.azurewebsites.net')],
      output: null,
      bicep: bicepOnDomain('My-ASE.p.azurewebsites.net'),
    },
  ],
});
