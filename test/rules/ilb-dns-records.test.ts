// ASE504 ilb-dns-records: the private DNS zone of an ILB ASE's domain resolves the apps ('*'), their SCM sites ('*.scm')
// and, on ASEv3, the domain itself ('@') to the ASE.
import { ilbDnsRecords } from '../../server/src/rules/ilb-dns-records';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, caretsUnder, inserted, type AseTemplate } from '../support/templates';
import { bicepTwin, type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import { bicepWithDomain, domainLine, withAseProps } from '../support/ilb';

const zone = (name: string) =>
  ['    {', '      "type": "Microsoft.Network/privateDnsZones",', '      "apiVersion": "2020-06-01",', `      "name": "${name}",`, '      "location": "global"', '    }'].join('\n');
const record = (zoneName: string, relative: string, address = '10.0.1.11') =>
  [
    '    {',
    '      "type": "Microsoft.Network/privateDnsZones/A",',
    '      "apiVersion": "2020-06-01",',
    `      "name": "${zoneName}/${relative}",`,
    `      "properties": { "ttl": 3600, "aRecords": [ { "ipv4Address": "${address}" } ] }`,
    '    }',
  ].join('\n');
const dnsCase = (resources: string[], o: AseTemplate = { ilbMode: 'Web' }, domain: string | null = 'internal.contoso.com') =>
  domain === null ? aseTemplate({ ...o, extraResources: resources }) : withAseProps({ ...o, extraResources: resources }, [domainLine(domain)]);
const onZone = (text: string, name: string) => {
  const line = `      "name": "${name}",`;
  return text.replace(`"Microsoft.Network/privateDnsZones",\n      "apiVersion": "2020-06-01",\n${line}`, `"Microsoft.Network/privateDnsZones",\n      "apiVersion": "2020-06-01",\n${line}\n${caretsUnder(line, `"${name}"`, 'ASE504')}`);
};
const contoso = 'internal.contoso.com';
const aseId = "resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')";
const v3Address = `[reference(concat(${aseId}, '/configurations/networking'), '2019-08-01').internalInboundIpAddresses[0]]`;
/** A record set as the quick fix writes it: pretty-printed at the resources' indentation. */
const newRecord = (zoneName: string, relative: string, address: string) =>
  inserted(
    {
      type: 'Microsoft.Network/privateDnsZones/A',
      apiVersion: '2020-06-01',
      name: `${zoneName}/${relative}`,
      dependsOn: [`[resourceId('Microsoft.Network/privateDnsZones', '${zoneName}')]`, `[${aseId}]`],
      properties: { ttl: 3600, aRecords: [{ ipv4Address: address }] },
    },
    4,
    false,
  ).join('\n');
/** The twins of zone and record (a record's symbol is given; the zone's is `zone`). */
const bicepZone = (name: string) => ["resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {", `  name: '${name}'`, "  location: 'global'", '}'];
const bicepRecord = (symbol: string, zoneName: string, relative: string, address = "'10.0.1.11'") => [
  `resource ${symbol} 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {`,
  `  name: '${zoneName}/${relative}'`,
  `  properties: { ttl: 3600, aRecords: [ { ipv4Address: ${address} } ] }`,
  '}',
];
const bicepDnsCase = (resources: string[], o: TwinSpec = { ilbMode: 'Web' }, domain: string | null = contoso) =>
  domain === null ? bicepTwin({ ...o, extraResources: resources }) : bicepWithDomain(domain, { ...o, extraResources: resources });
const v3 = { ilbMode: 'Web', kind: 'ASEV3' };
/** The ASE's `configurations/networking`, read through an `existing` declaration, as the Bicep fix writes it (or finds it). */
const bicepNetworking = (symbol = 'aseNetworking') => [
  `resource ${symbol} 'Microsoft.Web/hostingEnvironments/configurations@2022-03-01' existing = {`,
  '  parent: ase',
  "  name: 'networking'",
  '}',
];
/** A record set as the Bicep quick fix declares it: a child of `zone`, depending on the ASE. */
const bicepNewRecord = (symbol: string, relative: string, networking = 'aseNetworking') => [
  `resource ${symbol} 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {`,
  '  parent: zone',
  `  name: '${relative}'`,
  '  dependsOn: [',
  '    ase',
  '  ]',
  '  properties: {',
  '    ttl: 3600',
  '    aRecords: [',
  '      {',
  `        ipv4Address: ${networking}.properties.internalInboundIpAddresses[0]`,
  '      }',
  '    ]',
  '  }',
  '}',
];
/** The Bicep text after the fix: the new declarations after the last resource, one blank line apart. */
const bicepAppended = (text: string, declarations: string[][]) => [text, ...declarations.map((d) => d.join('\n'))].join('\n\n');
/** A zone's annotation in Bicep. */
const bicepOnZone = (text: string, name: string) => annotate(text, `name: '${name}'`, `'${name}'`, 'ASE504');
/** An unrelated host of the domain, outside the ASE's subnet. */
const fileServer = '10.30.9.20';

ruleTester(ilbDnsRecords, {
  valid: [
    {
      name: '* and *.scm on ASEv2',
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
            },
            {
              "type": "Microsoft.Network/privateDnsZones",
              "apiVersion": "2020-06-01",
              "name": "internal.contoso.com",
              "location": "global"
            },
            {
              "type": "Microsoft.Network/privateDnsZones/A",
              "apiVersion": "2020-06-01",
              "name": "internal.contoso.com/*",
              "properties": { "ttl": 3600, "aRecords": [ { "ipv4Address": "10.0.1.11" } ] }
            },
            {
              "type": "Microsoft.Network/privateDnsZones/A",
              "apiVersion": "2020-06-01",
              "name": "internal.contoso.com/*.scm",
              "properties": { "ttl": 3600, "aRecords": [ { "ipv4Address": "10.0.1.11" } ] }
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
        resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
          name: 'internal.contoso.com'
          location: 'global'
        }
        resource star 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {
          name: 'internal.contoso.com/*'
          properties: { ttl: 3600, aRecords: [ { ipv4Address: '10.0.1.11' } ] }
        }
        resource scm 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {
          name: 'internal.contoso.com/*.scm'
          properties: { ttl: 3600, aRecords: [ { ipv4Address: '10.0.1.11' } ] }
        }
      `,
    },
    {
      name: 'a zone managed app by app (a record and its .scm for one app): the wildcards are not missing',
      arm: dnsCase([zone(contoso), record(contoso, 'orders'), record(contoso, 'orders.scm')]),
      bicep: bicepDnsCase([...bicepZone(contoso), ...bicepRecord('orders', contoso, 'orders'), ...bicepRecord('ordersScm', contoso, 'orders.scm')]),
    },
    {
      name: "ASEv3 with @, its address read from the ASE",
      arm: dnsCase(
        [zone(contoso), record(contoso, '*'), record(contoso, '*.scm'), record(contoso, '@', "[reference('ase-ilb').internalInboundIpAddresses[0]]")],
        { ilbMode: 'Web', kind: 'ASEV3' },
      ),
      bicep: bicepDnsCase(
        [
          ...bicepZone(contoso),
          ...bicepRecord('star', contoso, '*'),
          ...bicepRecord('scm', contoso, '*.scm'),
          ...bicepRecord('apex', contoso, '@', "reference('ase-ilb').internalInboundIpAddresses[0]"),
        ],
        { ilbMode: 'Web', kind: 'ASEV3' },
      ),
    },
    { name: 'a zone for another domain', arm: dnsCase([zone('contoso.com')]), bicep: bicepDnsCase(bicepZone('contoso.com')) },
    { name: 'External ASE', arm: dnsCase([zone(contoso)], { ilbMode: 'None' }), bicep: bicepDnsCase(bicepZone(contoso), { ilbMode: 'None' }) },
    {
      name: 'a record name unresolved',
      arm: dnsCase([zone(contoso), record(contoso, "[parameters('record')]")].map((r) => r.replace(`"${contoso}/[parameters('record')]"`, `"[concat('${contoso}/', parameters('record'))]"`))),
      bicep: bicepDnsCase([...bicepZone(contoso), ...bicepRecord('rec', contoso, '${record}')], { ilbMode: 'Web', params: ['param record string'] }),
    },
    {
      // A domain shared with other hosts: their records are none of the ASE's business.
      name: 'another host of the domain, outside the ASE subnet',
      arm: dnsCase([zone(contoso), record(contoso, '*'), record(contoso, '*.scm'), record(contoso, 'fileserver', fileServer)]),
      bicep: bicepDnsCase([
        ...bicepZone(contoso),
        ...bicepRecord('star', contoso, '*'),
        ...bicepRecord('scm', contoso, '*.scm'),
        ...bicepRecord('fileServer', contoso, 'fileserver', `'${fileServer}'`),
      ]),
    },
    {
      name: "an @ record elsewhere on ASEv2 (the domain itself is not the ASE's before v3)",
      arm: dnsCase([zone(contoso), record(contoso, '*'), record(contoso, '*.scm'), record(contoso, '@', fileServer)]),
      bicep: bicepDnsCase([
        ...bicepZone(contoso),
        ...bicepRecord('star', contoso, '*'),
        ...bicepRecord('scm', contoso, '*.scm'),
        ...bicepRecord('apex', contoso, '@', `'${fileServer}'`),
      ]),
    },
    {
      name: 'a name that merely looks like the SCM wildcard, elsewhere on ASEv3',
      arm: dnsCase(
        [zone(contoso), record(contoso, '*'), record(contoso, '*.scm'), record(contoso, '@'), record(contoso, '*.scm.intranet', fileServer)],
        v3,
      ),
      bicep: bicepDnsCase(
        [
          ...bicepZone(contoso),
          ...bicepRecord('star', contoso, '*'),
          ...bicepRecord('scm', contoso, '*.scm'),
          ...bicepRecord('apex', contoso, '@'),
          ...bicepRecord('intranetScm', contoso, '*.scm.intranet', `'${fileServer}'`),
        ],
        v3,
      ),
    },
  ],
  invalid: [
    {
      name: 'no *.scm record',
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
            },
            {
              "type": "Microsoft.Network/privateDnsZones",
              "apiVersion": "2020-06-01",
              "name": "internal.contoso.com",
              //      ^^^^^^^^^^^^^^^^^^^^^^ ASE504
              "location": "global"
            },
            {
              "type": "Microsoft.Network/privateDnsZones/A",
              "apiVersion": "2020-06-01",
              "name": "internal.contoso.com/*",
              "properties": { "ttl": 3600, "aRecords": [ { "ipv4Address": "10.0.1.11" } ] }
            }
          ]
        }
      `,
      messages: [
        "DNS zone 'internal.contoso.com' of ILB ASE 'my-ase' has no A record for '*.scm': the names of the apps' SCM (Kudu) sites do not resolve to the ASE, so they cannot be reached",
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
                "dnsSuffix": "internal.contoso.com",
                "internalLoadBalancingMode": "Web",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            },
            {
              "type": "Microsoft.Network/privateDnsZones",
              "apiVersion": "2020-06-01",
              "name": "internal.contoso.com",
              //      ^^^^^^^^^^^^^^^^^^^^^^ ASE504
              "location": "global"
            },
            {
              "type": "Microsoft.Network/privateDnsZones/A",
              "apiVersion": "2020-06-01",
              "name": "internal.contoso.com/*",
              "properties": { "ttl": 3600, "aRecords": [ { "ipv4Address": "10.0.1.11" } ] }
            },
            {
              "type": "Microsoft.Network/privateDnsZones/A",
              "apiVersion": "2020-06-01",
              "name": "internal.contoso.com/*.scm",
              "dependsOn": [
                "[resourceId('Microsoft.Network/privateDnsZones', 'internal.contoso.com')]",
                "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]"
              ],
              "properties": {
                "ttl": 3600,
                "aRecords": [
                  {
                    "ipv4Address": "[reference(concat(resourceId('Microsoft.Web/hostingEnvironments', 'my-ase'), '/capacities/virtualip'), '2016-09-01').internalIpAddress]"
                  }
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
            dnsSuffix: 'internal.contoso.com'
            internalLoadBalancingMode: 'Web'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
        resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
          name: 'internal.contoso.com'
          //    ^^^^^^^^^^^^^^^^^^^^^^ ASE504
          location: 'global'
        }
        resource star 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {
          name: 'internal.contoso.com/*'
          properties: { ttl: 3600, aRecords: [ { ipv4Address: '10.0.1.11' } ] }
        }
      `,
      bicepOutput: null,
    },
    {
      name: 'ASEv3 without dnsSuffix: the zone of its default domain, no records',
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
              "kind": "ASEV3",
              "properties": {
                "internalLoadBalancingMode": "Web",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            },
            {
              "type": "Microsoft.Network/privateDnsZones",
              "apiVersion": "2020-06-01",
              "name": "my-ase.appserviceenvironment.net",
              //      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE504
              "location": "global"
            }
          ]
        }
      `,
      messages: [
        "DNS zone 'my-ase.appserviceenvironment.net' of ILB ASE 'my-ase' has no A records for '*', '*.scm' and '@': the names of the apps, the apps' SCM (Kudu) sites and the domain itself do not resolve to the ASE, so they cannot be reached",
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
              "kind": "ASEV3",
              "properties": {
                "internalLoadBalancingMode": "Web",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            },
            {
              "type": "Microsoft.Network/privateDnsZones",
              "apiVersion": "2020-06-01",
              "name": "my-ase.appserviceenvironment.net",
              //      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE504
              "location": "global"
            },
            {
              "type": "Microsoft.Network/privateDnsZones/A",
              "apiVersion": "2020-06-01",
              "name": "my-ase.appserviceenvironment.net/*",
              "dependsOn": [
                "[resourceId('Microsoft.Network/privateDnsZones', 'my-ase.appserviceenvironment.net')]",
                "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]"
              ],
              "properties": {
                "ttl": 3600,
                "aRecords": [
                  {
                    "ipv4Address": "[reference(concat(resourceId('Microsoft.Web/hostingEnvironments', 'my-ase'), '/configurations/networking'), '2019-08-01').internalInboundIpAddresses[0]]"
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Network/privateDnsZones/A",
              "apiVersion": "2020-06-01",
              "name": "my-ase.appserviceenvironment.net/*.scm",
              "dependsOn": [
                "[resourceId('Microsoft.Network/privateDnsZones', 'my-ase.appserviceenvironment.net')]",
                "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]"
              ],
              "properties": {
                "ttl": 3600,
                "aRecords": [
                  {
                    "ipv4Address": "[reference(concat(resourceId('Microsoft.Web/hostingEnvironments', 'my-ase'), '/configurations/networking'), '2019-08-01').internalInboundIpAddresses[0]]"
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Network/privateDnsZones/A",
              "apiVersion": "2020-06-01",
              "name": "my-ase.appserviceenvironment.net/@",
              "dependsOn": [
                "[resourceId('Microsoft.Network/privateDnsZones', 'my-ase.appserviceenvironment.net')]",
                "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]"
              ],
              "properties": {
                "ttl": 3600,
                "aRecords": [
                  {
                    "ipv4Address": "[reference(concat(resourceId('Microsoft.Web/hostingEnvironments', 'my-ase'), '/configurations/networking'), '2019-08-01').internalInboundIpAddresses[0]]"
                  }
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
          kind: 'ASEV3'
          properties: {
            internalLoadBalancingMode: 'Web'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
        resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
          name: 'my-ase.appserviceenvironment.net'
          //    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE504
          location: 'global'
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
          kind: 'ASEV3'
          properties: {
            internalLoadBalancingMode: 'Web'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
        resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
          name: 'my-ase.appserviceenvironment.net'
          //    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE504
          location: 'global'
        }

        resource aseNetworking 'Microsoft.Web/hostingEnvironments/configurations@2022-03-01' existing = {
          parent: ase
          name: 'networking'
        }

        resource zoneApps 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {
          parent: zone
          name: '*'
          dependsOn: [
            ase
          ]
          properties: {
            ttl: 3600
            aRecords: [
              {
                ipv4Address: aseNetworking.properties.internalInboundIpAddresses[0]
              }
            ]
          }
        }

        resource zoneScm 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {
          parent: zone
          name: '*.scm'
          dependsOn: [
            ase
          ]
          properties: {
            ttl: 3600
            aRecords: [
              {
                ipv4Address: aseNetworking.properties.internalInboundIpAddresses[0]
              }
            ]
          }
        }

        resource zoneApex 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {
          parent: zone
          name: '@'
          dependsOn: [
            ase
          ]
          properties: {
            ttl: 3600
            aRecords: [
              {
                ipv4Address: aseNetworking.properties.internalInboundIpAddresses[0]
              }
            ]
          }
        }
      `,
    },
    {
      name: "ASEv3 whose template already reads the ASE's networking configuration",
      arm: onZone(dnsCase([zone(contoso), record(contoso, '*', v3Address), record(contoso, '*.scm', v3Address)], v3), contoso),
      bicep: bicepOnZone(
        bicepDnsCase(
          [
            ...bicepNetworking('aseConfig'),
            ...bicepZone(contoso),
            ...bicepRecord('star', contoso, '*', 'aseConfig.properties.internalInboundIpAddresses[0]'),
            ...bicepRecord('scm', contoso, '*.scm', 'aseConfig.properties.internalInboundIpAddresses[0]'),
          ],
          v3,
        ),
        contoso,
      ),
      messages: [
        "DNS zone 'internal.contoso.com' of ILB ASE 'my-ase' has no A record for '@': the names of the domain itself do not resolve to the ASE, so they cannot be reached",
      ],
      output: onZone(dnsCase([zone(contoso), record(contoso, '*', v3Address), record(contoso, '*.scm', v3Address), newRecord(contoso, '@', v3Address)], v3), contoso),
      // The fix reads the address through the file's own `existing` declaration.
      bicepOutput: bicepAppended(
        bicepOnZone(
          bicepDnsCase(
            [
              ...bicepNetworking('aseConfig'),
              ...bicepZone(contoso),
              ...bicepRecord('star', contoso, '*', 'aseConfig.properties.internalInboundIpAddresses[0]'),
              ...bicepRecord('scm', contoso, '*.scm', 'aseConfig.properties.internalInboundIpAddresses[0]'),
            ],
            v3,
          ),
          contoso,
        ),
        [bicepNewRecord('zoneApex', '@', 'aseConfig')],
      ),
    },
    {
      name: 'ASEv3: an @ record that points outside the ASE subnet',
      arm: (() => {
        const line = `      "name": "${contoso}/@",`;
        return dnsCase([zone(contoso), record(contoso, '*'), record(contoso, '*.scm'), record(contoso, '@', fileServer)], v3).replace(
          line,
          `${line}\n${caretsUnder(line, `"${contoso}/@"`, 'ASE504')}`,
        );
      })(),
      bicep: annotate(
        bicepDnsCase([...bicepZone(contoso), ...bicepRecord('star', contoso, '*'), ...bicepRecord('scm', contoso, '*.scm'), ...bicepRecord('apex', contoso, '@', `'${fileServer}'`)], v3),
        `name: '${contoso}/@'`,
        `'${contoso}/@'`,
        'ASE504',
      ),
      messages: [
        "The A record '@' in DNS zone 'internal.contoso.com' points at 10.30.9.20, outside the subnet of ILB ASE 'my-ase': the ASE's internal load balancer takes its address from that subnet, so the name does not reach the ASE",
      ],
      output: null,
    },
    {
      name: 'a record that points outside the ASE subnet',
      arm: (() => {
        const line = `      "name": "${contoso}/*",`;
        return dnsCase([zone(contoso), record(contoso, '*', '10.0.5.4'), record(contoso, '*.scm')]).replace(line, `${line}\n${caretsUnder(line, `"${contoso}/*"`, 'ASE504')}`);
      })(),
      bicep: annotate(
        bicepDnsCase([...bicepZone(contoso), ...bicepRecord('star', contoso, '*', "'10.0.5.4'"), ...bicepRecord('scm', contoso, '*.scm')]),
        `name: '${contoso}/*'`,
        `'${contoso}/*'`,
        'ASE504',
      ),
      messages: [
        "The A record '*' in DNS zone 'internal.contoso.com' points at 10.0.5.4, outside the subnet of ILB ASE 'my-ase': the ASE's internal load balancer takes its address from that subnet, so the name does not reach the ASE",
      ],
      output: null,
    },
    {
      name: 'a misspelt *.scm record (*.scn): the squiggle on the typo, the fix renames it',
      arm: (() => {
        const line = `      "name": "${contoso}/*.scn",`;
        return dnsCase([zone(contoso), record(contoso, '*'), record(contoso, '*.scn')]).replace(line, `${line}\n${caretsUnder(line, `"${contoso}/*.scn"`, 'ASE504')}`);
      })(),
      bicep: annotate(
        bicepDnsCase([...bicepZone(contoso), ...bicepRecord('star', contoso, '*'), ...bicepRecord('scm', contoso, '*.scn')]),
        `name: '${contoso}/*.scn'`,
        `'${contoso}/*.scn'`,
        'ASE504',
      ),
      messages: [
        "The A record '*.scn' in DNS zone 'internal.contoso.com' looks like a misspelling of '*.scm', which the zone lacks: the names of the apps' SCM (Kudu) sites do not resolve to ILB ASE 'my-ase', so they cannot be reached",
      ],
      fixTitle: "Rename the record '*.scn' to '*.scm'",
      output: (() => {
        const line = `      "name": "${contoso}/*.scn",`;
        return dnsCase([zone(contoso), record(contoso, '*'), record(contoso, '*.scm')]).replace(`      "name": "${contoso}/*.scm",`, `      "name": "${contoso}/*.scm",\n${caretsUnder(line, `"${contoso}/*.scn"`, 'ASE504')}`);
      })(),
      bicepOutput: annotate(
        bicepDnsCase([...bicepZone(contoso), ...bicepRecord('star', contoso, '*'), ...bicepRecord('scm', contoso, '*.scm')]),
        `name: '${contoso}/*.scm'`,
        `'${contoso}/*.scm'`,
        'ASE504',
      ),
    },
    {
      name: 'a misspelt record written in an expression (ARM) and as a child with parent (Bicep), letters swapped (*.smc)',
      arm: (() => {
        const line = `      "name": "[concat('${contoso}', '/*.smc')]",`;
        return dnsCase([zone(contoso), record(contoso, '*'), record(contoso, '*.smc').replace(`"${contoso}/*.smc"`, `"[concat('${contoso}', '/*.smc')]"`)]).replace(
          line,
          `${line}\n${caretsUnder(line, `"[concat('${contoso}', '/*.smc')]"`, 'ASE504')}`,
        );
      })(),
      bicep: annotate(
        bicepDnsCase([
          ...bicepZone(contoso),
          ...bicepRecord('star', contoso, '*'),
          "resource scm 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {",
          '  parent: zone',
          "  name: '*.smc'",
          "  properties: { ttl: 3600, aRecords: [ { ipv4Address: '10.0.1.11' } ] }",
          '}',
        ]),
        "name: '*.smc'",
        "'*.smc'",
        'ASE504',
      ),
      messages: [
        "The A record '*.smc' in DNS zone 'internal.contoso.com' looks like a misspelling of '*.scm', which the zone lacks: the names of the apps' SCM (Kudu) sites do not resolve to ILB ASE 'my-ase', so they cannot be reached",
      ],
      output: (() => {
        const line = `      "name": "[concat('${contoso}', '/*.smc')]",`;
        return dnsCase([zone(contoso), record(contoso, '*'), record(contoso, '*.scm').replace(`"${contoso}/*.scm"`, `"[concat('${contoso}', '/*.scm')]"`)]).replace(
          `      "name": "[concat('${contoso}', '/*.scm')]",`,
          `      "name": "[concat('${contoso}', '/*.scm')]",\n${caretsUnder(line, `"[concat('${contoso}', '/*.smc')]"`, 'ASE504')}`,
        );
      })(),
      bicepOutput: annotate(
        bicepDnsCase([
          ...bicepZone(contoso),
          ...bicepRecord('star', contoso, '*'),
          "resource scm 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {",
          '  parent: zone',
          "  name: '*.scm'",
          "  properties: { ttl: 3600, aRecords: [ { ipv4Address: '10.0.1.11' } ] }",
          '}',
        ]),
        "name: '*.scm'",
        "'*.scm'",
        'ASE504',
      ),
    },
    {
      name: 'two records one typo from *.scm: no guess, the zone lacks *.scm',
      arm: onZone(dnsCase([zone(contoso), record(contoso, '*'), record(contoso, '*.scn'), record(contoso, '*.sc')]), contoso),
      bicep: bicepOnZone(bicepDnsCase([...bicepZone(contoso), ...bicepRecord('star', contoso, '*'), ...bicepRecord('scn', contoso, '*.scn'), ...bicepRecord('sc', contoso, '*.sc')]), contoso),
      messages: [
        "DNS zone 'internal.contoso.com' of ILB ASE 'my-ase' has no A record for '*.scm': the names of the apps' SCM (Kudu) sites do not resolve to the ASE, so they cannot be reached",
      ],
      fixTitle: "Add an A record for '*.scm' pointing at the ASE",
      output: onZone(
        dnsCase([
          zone(contoso),
          record(contoso, '*'),
          record(contoso, '*.scn'),
          record(contoso, '*.sc'),
          newRecord(contoso, '*.scm', "[reference(concat(resourceId('Microsoft.Web/hostingEnvironments', 'my-ase'), '/capacities/virtualip'), '2016-09-01').internalIpAddress]"),
        ]),
        contoso,
      ),
      bicepOutput: null,
    },
    {
      name: 'a one-letter record is no misspelt *: the zone lacks *',
      arm: onZone(dnsCase([zone(contoso), record(contoso, 'x'), record(contoso, '*.scm')]), contoso),
      bicep: bicepOnZone(bicepDnsCase([...bicepZone(contoso), ...bicepRecord('x', contoso, 'x'), ...bicepRecord('scm', contoso, '*.scm')]), contoso),
      messages: [
        "DNS zone 'internal.contoso.com' of ILB ASE 'my-ase' has no A record for '*': the names of the apps do not resolve to the ASE, so they cannot be reached",
      ],
      output: onZone(
        dnsCase([
          zone(contoso),
          record(contoso, 'x'),
          record(contoso, '*.scm'),
          newRecord(contoso, '*', "[reference(concat(resourceId('Microsoft.Web/hostingEnvironments', 'my-ase'), '/capacities/virtualip'), '2016-09-01').internalIpAddress]"),
        ]),
        contoso,
      ),
      bicepOutput: null,
    },
  ],
});
