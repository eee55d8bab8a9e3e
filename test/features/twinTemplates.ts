const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/**
 * One deployment written in ARM and in Bicep, for hovers that must say the same in both:
 * an ASEv3 in a /27 that overlaps a sibling subnet, a hub VNet over the same space, an NSG
 * rule from a public range, routes to an appliance, a typo in a prefix.
 */
export const twinArm = `{
  "$schema": "${schema}",
  "contentVersion": "1.0.0.0",
  "parameters": { "p": { "type": "string", "defaultValue": "10.9.0.0/16" } },
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-04-01",
      "name": "ase-nsg",
      "location": "westeurope",
      "properties": {
        "securityRules": [
          {
            "name": "FromPartner",
            "properties": {
              "priority": 100,
              "direction": "Inbound",
              "access": "Allow",
              "protocol": "Tcp",
              "sourceAddressPrefix": "52.10.0.0/16",
              "sourcePortRange": "*",
              "destinationAddressPrefixes": [ "10.0.1.0/28", "[parameters('p')]" ],
              "destinationPortRange": "443"
            }
          }
        ]
      }
    },
    {
      "type": "Microsoft.Network/routeTables",
      "apiVersion": "2023-04-01",
      "name": "ase-routes",
      "location": "westeurope",
      "properties": {
        "routes": [
          { "name": "to-fw", "properties": { "addressPrefix": "192.168.0.0/16", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.2.4" } },
          { "name": "reserved", "properties": { "addressPrefix": "172.16.0.0/12", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.2.3" } }
        ]
      }
    },
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2023-04-01",
      "name": "ase-vnet",
      "location": "westeurope",
      "properties": {
        "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] },
        "subnets": [
          { "name": "ase-subnet", "properties": { "addressPrefix": "10.0.1.0/27" } },
          { "name": "jumpbox", "properties": { "addressPrefix": "10.0.1.16/28" } },
          { "name": "firewall", "properties": { "addressPrefix": "10.0.2.0/26" } },
          { "name": "typo", "properties": { "addressPrefix": "10.0.300.0/24" } }
        ]
      }
    },
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2023-04-01",
      "name": "hub-vnet",
      "location": "westeurope",
      "properties": { "addressSpace": { "addressPrefixes": [ "10.0.0.0/8", "100.64.0.0/22" ] } }
    },
    {
      "type": "Microsoft.Web/hostingEnvironments",
      "apiVersion": "2022-03-01",
      "name": "my-ase",
      "location": "westeurope",
      "kind": "ASEV3",
      "properties": {
        "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" }
      }
    }
  ]
}`;

/** The same deployment in Bicep (`p` also written interpolated, which is not literal). */
export const twinBicep = `param p string = '10.9.0.0/16'

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'ase-nsg'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'FromPartner'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: '52.10.0.0/16'
          sourcePortRange: '*'
          destinationAddressPrefixes: [
            '10.0.1.0/28'
            p
            '\${p}'
          ]
          destinationPortRange: '443'
        }
      }
    ]
  }
}

resource routes 'Microsoft.Network/routeTables@2023-04-01' = {
  name: 'ase-routes'
  location: 'westeurope'
  properties: {
    routes: [
      {
        name: 'to-fw'
        properties: {
          addressPrefix: '192.168.0.0/16'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: '10.0.2.4'
        }
      }
      {
        name: 'reserved'
        properties: {
          addressPrefix: '172.16.0.0/12'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: '10.0.2.3'
        }
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'ase-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'ase-subnet'
        properties: {
          addressPrefix: '10.0.1.0/27'
        }
      }
      {
        name: 'jumpbox'
        properties: {
          addressPrefix: '10.0.1.16/28'
        }
      }
      {
        name: 'firewall'
        properties: {
          addressPrefix: '10.0.2.0/26'
        }
      }
      {
        name: 'typo'
        properties: {
          addressPrefix: '10.0.300.0/24'
        }
      }
    ]
  }
}

resource hub 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'hub-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/8'
        '100.64.0.0/22'
      ]
    }
  }
}

resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
  name: 'my-ase'
  location: 'westeurope'
  kind: 'ASEV3'
  properties: {
    virtualNetwork: {
      id: '\${vnet.id}/subnets/ase-subnet'
    }
  }
}
`;
