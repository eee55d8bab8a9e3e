import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An ARM template that exercises what the reuse of resources' lowering must tell apart
 * (server/src/lower/arm/reuse.ts), with its parameters file: the hardened ASEv2 sample
 * (an NSG, the VNet, the ASE, a plan, apps in a copy loop over a parameter) and more —
 * two NSGs whose rules come from one variable, an NSG whose rules a property copy loop
 * builds from a parameter, route tables in a copy loop whose count is a parameter, a
 * copy loop whose count is not known (a note), a nested deployment whose output a
 * route table reads with reference(), and a user function.
 */
export function reuseTemplate(): { template: string; parameters: string } {
  const dir = join(__dirname, '..', 'samples');
  let template = readFileSync(join(dir, 'v2-external-hardened.json'), 'utf8');
  const parameters = readFileSync(join(dir, 'v2-external-hardened.parameters.json'), 'utf8');
  template = template.replace(
    '"parameters": {',
    `"parameters": {
    "routeCount": { "type": "int", "defaultValue": 2 },
    "unknownCount": { "type": "int" },
    "blockedPorts": { "type": "array", "defaultValue": ["22", "3389"] },`,
  );
  template = template.replace(
    '"variables": {',
    `"functions": [
    { "namespace": "shop", "members": { "prefixed": { "parameters": [{ "name": "n", "type": "string" }], "output": { "type": "string", "value": "[concat('shop-', parameters('n'))]" } } } }
  ],
  "variables": {
    "commonRules": [
      { "name": "Deny-Ssh", "properties": { "priority": 300, "direction": "Inbound", "access": "Deny", "protocol": "Tcp", "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "22" } },
      { "name": "Allow-Mgmt", "properties": { "priority": 310, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "AppServiceManagement", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "454-455" } }
    ],`,
  );
  const extra = `,
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-04-01",
      "name": "[shop.prefixed('nsg-a')]",
      "location": "[parameters('location')]",
      "properties": { "securityRules": "[variables('commonRules')]" }
    },
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-04-01",
      "name": "nsg-b",
      "location": "[parameters('location')]",
      "properties": { "securityRules": "[variables('commonRules')]" }
    },
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-04-01",
      "name": "nsg-copied",
      "location": "[parameters('location')]",
      "properties": {
        "copy": [
          {
            "name": "securityRules",
            "count": "[length(parameters('blockedPorts'))]",
            "input": {
              "name": "[concat('Deny-', parameters('blockedPorts')[copyIndex('securityRules')])]",
              "properties": { "priority": "[add(200, copyIndex('securityRules'))]", "direction": "Inbound", "access": "Deny", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "[parameters('blockedPorts')[copyIndex('securityRules')]]" }
            }
          }
        ]
      }
    },
    {
      "type": "Microsoft.Network/routeTables",
      "apiVersion": "2023-04-01",
      "name": "[concat('rt-', copyIndex())]",
      "location": "[parameters('location')]",
      "copy": { "name": "routes", "count": "[parameters('routeCount')]" },
      "properties": { "routes": [{ "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } }] }
    },
    {
      "type": "Microsoft.Network/routeTables",
      "apiVersion": "2023-04-01",
      "name": "[concat('rt-unknown-', copyIndex())]",
      "location": "[parameters('location')]",
      "copy": { "name": "unknownRoutes", "count": "[parameters('unknownCount')]" },
      "properties": { "routes": [] }
    },
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "net",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": { "scope": "inner" },
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [],
          "outputs": { "prefix": { "type": "string", "value": "10.70.9.0/24" } }
        }
      }
    },
    {
      "type": "Microsoft.Network/routeTables",
      "apiVersion": "2023-04-01",
      "name": "rt-referenced",
      "location": "[parameters('location')]",
      "properties": { "routes": [{ "name": "to-net", "properties": { "addressPrefix": "[reference('net').outputs.prefix.value]", "nextHopType": "VnetLocal" } }] }
    }
  ]
}`;
  template = template.slice(0, template.lastIndexOf('\n  ]')) + extra + '\n';
  return { template, parameters };
}
