// ASE108 nsg-rule-rejected: two rules of one NSG with the same priority and direction, or a priority outside 100-4096, in any NSG.
import { dedent, ruleTester } from '../support/tester';
import { caretsUnder } from '../support/templates';
import { nsgRuleRejected } from '../../server/src/rules/nsg-rule-rejected';

/** An NSG of its own, guarding no ASE: the rule reads every NSG of the files. */
const arm = (rules: string, more = '') => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "webPriority": { "type": "int" }, "extra": { "type": "bool" } },
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-04-01",
      "name": "web-nsg",
      "location": "westeurope",
      "properties": {
        "securityRules": [
${rules}
        ]
      }
    }${more}
  ]
}
`;
const armRule = (name: string, priority: string, direction = 'Inbound', last = false) =>
  `          { "name": "${name}", "properties": { "priority": ${priority}, "direction": "${direction}", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "443" } }${last ? '' : ','}`;

const bicep = (rules: string, more = '') => `param webPriority int
param extra bool

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'web-nsg'
  location: 'westeurope'
  properties: {
    securityRules: [
${rules}
    ]
  }
}
${more}`;
const bicepRule = (name: string, priority: string, direction = 'Inbound') =>
  `      { name: '${name}', properties: { priority: ${priority}, direction: '${direction}', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '443' } }`;

const armChild = (condition: string) => `,
    {
      "condition": ${condition},
      "type": "Microsoft.Network/networkSecurityGroups/securityRules",
      "apiVersion": "2023-04-01",
      "name": "web-nsg/AllowExtra",
      "dependsOn": [ "[resourceId('Microsoft.Network/networkSecurityGroups', 'web-nsg')]" ],
      "properties": { "priority": 200, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "8443" }
    }`;
const bicepChild = (condition: string) => `
resource extraRule 'Microsoft.Network/networkSecurityGroups/securityRules@2023-04-01' = if (${condition}) {
  parent: nsg
  name: 'AllowExtra'
  properties: { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '8443' }
}
`;

ruleTester(nsgRuleRejected, {
  valid: [
    {
      name: 'distinct priorities in each direction; the same priority once inbound and once outbound',
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "web-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowHttpsInbound",
                    "properties": {
                      "priority": 100,
                      "direction": "Inbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "Internet",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "443"
                    }
                  },
                  {
                    "name": "AllowHttpsOutbound",
                    "properties": {
                      "priority": 100,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Internet",
                      "destinationPortRange": "443"
                    }
                  },
                  {
                    "name": "DenyAllInbound",
                    "properties": {
                      "priority": 4096,
                      "direction": "Inbound",
                      "access": "Deny",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  }
                ]
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'web-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowHttpsInbound'
                properties: {
                  priority: 100
                  direction: 'Inbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: 'Internet'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '443'
                }
              }
              {
                name: 'AllowHttpsOutbound'
                properties: {
                  priority: 100
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Internet'
                  destinationPortRange: '443'
                }
              }
              {
                name: 'DenyAllInbound'
                properties: {
                  priority: 4096
                  direction: 'Inbound'
                  access: 'Deny'
                  protocol: '*'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '*'
                }
              }
            ]
          }
        }
      `,
    },
    {
      name: 'a priority from a parameter without a value may be any: silent',
      arm: arm([armRule('AllowWeb', "\"[parameters('webPriority')]\""), armRule('AllowApi', '200', 'Inbound', true)].join('\n')),
      bicep: bicep([bicepRule('AllowWeb', 'webPriority'), bicepRule('AllowApi', '200')].join('\n')),
    },
    {
      name: 'a child rule resource under a condition that cannot be decided may not deploy: silent',
      arm: arm(armRule('AllowWeb', '200', 'Inbound', true), armChild("[parameters('extra')]")),
      bicep: bicep(bicepRule('AllowWeb', '200'), bicepChild('extra')),
    },
    {
      name: 'a child rule resource whose condition is false is not deployed',
      arm: arm(armRule('AllowWeb', '200', 'Inbound', true), armChild('false')),
      bicep: bicep(bicepRule('AllowWeb', '200'), bicepChild('false')),
    },
  ],
  invalid: [
    {
      name: 'two inbound rules with priority 200',
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "web-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowHttps",
                    "properties": {
                      "priority": 200,
                      "direction": "Inbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "Internet",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "443"
                    }
                  },
                  {
                    "name": "AllowHttp",
                    "properties": {
                      "priority": 200,
                      //          ^^^ ASE108
                      "direction": "Inbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "Internet",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "80"
                    }
                  }
                ]
              }
            }
          ]
        }
      `,
      messages: [
        "Rules 'AllowHttps' and 'AllowHttp' of NSG 'web-nsg' both have priority 200 for inbound traffic: Azure refuses the NSG (SecurityRuleConflict), and the deployment fails with everything in it",
      ],
      output: null,
      bicep: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'web-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowHttps'
                properties: {
                  priority: 200
                  direction: 'Inbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: 'Internet'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '443'
                }
              }
              {
                name: 'AllowHttp'
                properties: {
                  priority: 200
                  //        ^^^ ASE108
                  direction: 'Inbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: 'Internet'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '80'
                }
              }
            ]
          }
        }
      `,
      bicepOutput: null,
    },
    {
      name: 'a priority below 100 and one above 4096',
      arm: arm(
        [
          armRule('AllowWeb', '50'),
          caretsUnder(armRule('AllowWeb', '50'), '50', 'ASE108'),
          armRule('DenyAll', '5000', 'Inbound', true),
          caretsUnder(armRule('DenyAll', '5000'), '5000', 'ASE108'),
        ].join('\n'),
      ),
      messages: [
        "Rule 'AllowWeb' of NSG 'web-nsg' has priority 50, outside the 100-4096 Azure accepts: Azure refuses the NSG, and the deployment fails with everything in it",
        "Rule 'DenyAll' of NSG 'web-nsg' has priority 5000, outside the 100-4096 Azure accepts: Azure refuses the NSG, and the deployment fails with everything in it",
      ],
      output: null,
      bicep: bicep(
        [
          bicepRule('AllowWeb', '50'),
          caretsUnder(bicepRule('AllowWeb', '50'), '50', 'ASE108'),
          bicepRule('DenyAll', '5000'),
          caretsUnder(bicepRule('DenyAll', '5000'), '5000', 'ASE108'),
        ].join('\n'),
      ),
      bicepOutput: null,
    },
    {
      name: 'a child rule resource that deploys takes the priority of an inline rule',
      arm: arm(armRule('AllowWeb', '200', 'Inbound', true), armChild('true')).replace(
        '      "properties": { "priority": 200, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "8443" }\n',
        '      "properties": { "priority": 200, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "8443" }\n' + caretsUnder('      "properties": { "priority": 200,', '200', 'ASE108') + '\n',
      ),
      messages: [
        "Rules 'AllowWeb' and 'AllowExtra' of NSG 'web-nsg' both have priority 200 for inbound traffic: Azure refuses the NSG (SecurityRuleConflict), and the deployment fails with everything in it",
      ],
      output: null,
      bicep: bicep(bicepRule('AllowWeb', '200'), bicepChild('true')).replace(
        "  properties: { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '8443' }\n",
        "  properties: { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '8443' }\n" + caretsUnder('  properties: { priority: 200,', '200', 'ASE108') + '\n',
      ),
      bicepOutput: null,
    },
  ],
});
