// ASE413 v3-custom-dns-suffix: a custom domain suffix on an External ASEv3, or with its certificate in a Key Vault the ASE cannot read.
import { v3CustomDnsSuffix } from '../../server/src/rules/v3-custom-dns-suffix';
import { dedent, ruleTester, type InvalidCase } from '../support/tester';
import { armWithParameters, armWithResources, replaceOnce, withCarets, withoutCarets } from '../support/literal';

/** The canonical case, as a user writes it: an ILB ASEv3 whose custom domain suffix takes its certificate from a Key Vault closed to public access. */
const closedVault = {
  name: "the Key Vault of the certificate is closed to public access",
  arm: dedent`
    {
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "resources": [
        {
          "type": "Microsoft.KeyVault/vaults",
          "apiVersion": "2023-07-01",
          "name": "ase-certs",
          "location": "westeurope",
          "properties": {
            "tenantId": "[subscription().tenantId]",
            "sku": { "family": "A", "name": "standard" },
            "enableRbacAuthorization": true,
            "publicNetworkAccess": "Disabled"
          }
        },
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
                  "addressPrefix": "10.0.1.0/24",
                  "delegations": [
                    { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }
                  ]
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
          "kind": "ASEV3",
          "identity": { "type": "SystemAssigned" },
          "properties": {
            "internalLoadBalancingMode": "Web, Publishing",
            "customDnsSuffixConfiguration": {
              "properties": {
                "dnsSuffix": "internal.contoso.com",
                "certificateUrl": "https://ase-certs.vault.azure.net/secrets/wildcard-internal",
                                //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE413
                "keyVaultReferenceIdentity": "SystemAssigned"
              }
            },
            "virtualNetwork": {
              "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
            }
          }
        }
      ]
    }
  `,
  messages: [
    "The certificate for the custom domain suffix of ASEv3 'my-ase' is in Key Vault 'ase-certs', whose publicNetworkAccess is Disabled: the ASE reads the certificate over the vault's public endpoint and cannot reach it",
  ],
  output: null,
  bicep: dedent`
    resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
      name: 'ase-certs'
      location: 'westeurope'
      properties: {
        tenantId: subscription().tenantId
        sku: { family: 'A', name: 'standard' }
        enableRbacAuthorization: true
        publicNetworkAccess: 'Disabled'
      }
    }

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
              delegations: [ { name: 'ase', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } } ]
            }
          }
        ]
      }
    }
    resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
      name: 'my-ase'
      location: 'westeurope'
      kind: 'ASEV3'
      identity: { type: 'SystemAssigned' }
      properties: {
        internalLoadBalancingMode: 'Web, Publishing'
        customDnsSuffixConfiguration: {
          properties: {
            dnsSuffix: 'internal.contoso.com'
            certificateUrl: 'https://ase-certs.vault.azure.net/secrets/wildcard-internal'
                          //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE413
            keyVaultReferenceIdentity: 'SystemAssigned'
          }
        }
        virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
      }
    }
  `,
  bicepOutput: null,
} satisfies InvalidCase;

/** The canonical deployment without its carets (the vault still closed). */
const ARM = withoutCarets(closedVault.arm);
const BICEP = withoutCarets(closedVault.bicep);

/** The Key Vault open to public access. */
const armOpen = (text: string) => replaceOnce(text, '"publicNetworkAccess": "Disabled"', '"publicNetworkAccess": "Enabled"');
const bicepOpen = (text: string) => replaceOnce(text, "publicNetworkAccess: 'Disabled'", "publicNetworkAccess: 'Enabled'");

/** A private endpoint to the Key Vault in the ASE subnet, as the last resource. */
const armVaultEndpoint = (text: string) =>
  armWithResources(
    text,
    [
      '    {',
      '      "type": "Microsoft.Network/privateEndpoints",',
      '      "apiVersion": "2023-04-01",',
      '      "name": "ase-certs-pe",',
      '      "location": "westeurope",',
      '      "properties": {',
      '        "subnet": {',
      `          "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"`,
      '        },',
      '        "privateLinkServiceConnections": [',
      '          {',
      '            "name": "vault",',
      '            "properties": {',
      `              "privateLinkServiceId": "[resourceId('Microsoft.KeyVault/vaults', 'ase-certs')]",`,
      '              "groupIds": [ "vault" ]',
      '            }',
      '          }',
      '        ]',
      '      }',
      '    }',
    ].join('\n'),
  );
const bicepVaultEndpoint = (text: string) =>
  [
    text,
    '',
    "resource vaultPe 'Microsoft.Network/privateEndpoints@2023-04-01' = {",
    "  name: 'ase-certs-pe'",
    "  location: 'westeurope'",
    '  properties: {',
    "    subnet: { id: '${vnet.id}/subnets/ase-subnet' }",
    '    privateLinkServiceConnections: [',
    '      {',
    "        name: 'vault'",
    '        properties: {',
    '          privateLinkServiceId: vault.id',
    "          groupIds: [ 'vault' ]",
    '        }',
    '      }',
    '    ]',
    '  }',
    '}',
  ].join('\n');

ruleTester(v3CustomDnsSuffix, {
  valid: [
    {
      name: "an ILB ASEv3 whose certificate is in a Key Vault open to it",
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.KeyVault/vaults",
              "apiVersion": "2023-07-01",
              "name": "ase-certs",
              "location": "westeurope",
              "properties": {
                "tenantId": "[subscription().tenantId]",
                "sku": { "family": "A", "name": "standard" },
                "enableRbacAuthorization": true,
                "publicNetworkAccess": "Enabled"
              }
            },
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
                      "addressPrefix": "10.0.1.0/24",
                      "delegations": [
                        { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }
                      ]
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
              "kind": "ASEV3",
              "identity": { "type": "SystemAssigned" },
              "properties": {
                "internalLoadBalancingMode": "Web, Publishing",
                "customDnsSuffixConfiguration": {
                  "properties": {
                    "dnsSuffix": "internal.contoso.com",
                    "certificateUrl": "https://ase-certs.vault.azure.net/secrets/wildcard-internal",
                    "keyVaultReferenceIdentity": "SystemAssigned"
                  }
                },
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
          name: 'ase-certs'
          location: 'westeurope'
          properties: {
            tenantId: subscription().tenantId
            sku: { family: 'A', name: 'standard' }
            enableRbacAuthorization: true
            publicNetworkAccess: 'Enabled'
          }
        }

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
                  delegations: [ { name: 'ase', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } } ]
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV3'
          identity: { type: 'SystemAssigned' }
          properties: {
            internalLoadBalancingMode: 'Web, Publishing'
            customDnsSuffixConfiguration: {
              properties: {
                dnsSuffix: 'internal.contoso.com'
                certificateUrl: 'https://ase-certs.vault.azure.net/secrets/wildcard-internal'
                keyVaultReferenceIdentity: 'SystemAssigned'
              }
            }
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
    },
    {
      name: 'a certificate URL that names a Key Vault the files do not declare',
      arm: replaceOnce(ARM, 'https://ase-certs.vault', 'https://other-certs.vault'),
      bicep: replaceOnce(BICEP, 'https://ase-certs.vault', 'https://other-certs.vault'),
    },
    {
      name: 'the ILB mode from a parameter without a value: silent',
      arm: armWithParameters(
        replaceOnce(armOpen(ARM), '"internalLoadBalancingMode": "Web, Publishing"', `"internalLoadBalancingMode": "[parameters('mode')]"`),
        '"mode": { "type": "string" }',
      ),
      bicep: `param mode string\n${replaceOnce(bicepOpen(BICEP), "internalLoadBalancingMode: 'Web, Publishing'", 'internalLoadBalancingMode: mode')}`,
    },
  ],
  invalid: [
    closedVault,
    {
      name: 'an External ASEv3 with a custom domain suffix',
      arm: withCarets(
        replaceOnce(armOpen(ARM), '"internalLoadBalancingMode": "Web, Publishing"', '"internalLoadBalancingMode": "None"'),
        '"customDnsSuffixConfiguration": {',
        '"customDnsSuffixConfiguration"',
        'ASE413',
      ),
      messages: ["ASEv3 'my-ase' is External, but has a custom domain suffix: Azure takes a custom domain suffix only on an ILB ASE"],
      output: null,
      bicep: withCarets(
        replaceOnce(bicepOpen(BICEP), "internalLoadBalancingMode: 'Web, Publishing'", "internalLoadBalancingMode: 'None'"),
        'customDnsSuffixConfiguration: {',
        'customDnsSuffixConfiguration',
        'ASE413',
      ),
      bicepOutput: null,
    },
    {
      name: 'the Key Vault is reached through a private endpoint',
      arm: armVaultEndpoint(armOpen(closedVault.arm)),
      messages: [
        "The certificate for the custom domain suffix of ASEv3 'my-ase' is in Key Vault 'ase-certs', which is reached through private endpoint 'ase-certs-pe': the ASE cannot use a private endpoint to read the certificate",
      ],
      output: null,
      bicep: bicepVaultEndpoint(bicepOpen(closedVault.bicep)),
      bicepOutput: null,
    },
  ],
});
