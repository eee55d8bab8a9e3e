// ASE701-ASE706: regional VNet Integration of multi-tenant apps.
import { integrationDelegation } from '../../server/src/rules/integration-delegation';
import { integrationSubnetSize } from '../../server/src/rules/integration-subnet-size';
import { integrationInAse } from '../../server/src/rules/integration-in-ase';
import { integrationPlanTier } from '../../server/src/rules/integration-plan-tier';
import { integrationRegion } from '../../server/src/rules/integration-region';
import { integrationSubnetShared } from '../../server/src/rules/integration-subnet-shared';
import { ruleTester } from '../support/tester';
import { integrationTemplate, markFirst, type IntegrationTemplate } from '../support/templates';
import { bicepIntegrationTwin, type BicepIntegrationSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';

// The Bicep twins (test/model/bicep/twin.ts bicepIntegrationTwin).
const bicepOnSubnet = (o: BicepIntegrationSpec, code: string) => annotate(bicepIntegrationTwin(o), "name: 'integration'", "'integration'", code);
const bicepSubnetId = (subnet: string) => `resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', '${subnet}')`;
/** Regional VNet Integration as the app's `config/virtualNetwork` child. */
const bicepConfigChild = [
  "resource ordersNetwork 'Microsoft.Web/sites/config@2019-08-01' = {",
  "  name: 'orders/virtualNetwork'",
  `  properties: { subnetResourceId: ${bicepSubnetId('integration')}, swiftSupported: true }`,
  '}',
];
/** What the delegation fix writes after the subnet's addressPrefix. */
const bicepAddedDelegation = [
  '          delegations: [',
  '            {',
  "              name: 'Microsoft.Web.serverFarms'",
  '              properties: {',
  "                serviceName: 'Microsoft.Web/serverFarms'",
  '              }',
  '            }',
  '          ]',
];
const withBicepDelegation = (text: string) =>
  text.replace("          addressPrefix: '10.0.2.0/26'\n", ["          addressPrefix: '10.0.2.0/26'", ...bicepAddedDelegation, ''].join('\n'));

const subnetName = '            "name": "integration",';
const onSubnet = (o: IntegrationTemplate, code: string) => markFirst(integrationTemplate(o), subnetName, '"integration"', code);

/** Regional VNet Integration written as the app's `config/virtualNetwork` child, as older templates do. */
const configChild = [
  '    {',
  '      "type": "Microsoft.Web/sites/config",',
  '      "apiVersion": "2019-08-01",',
  '      "name": "orders/virtualNetwork",',
  `      "properties": { "subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]", "swiftSupported": true }`,
  '    }',
].join('\n');

ruleTester(integrationDelegation, {
  valid: [
    { name: 'delegated to Microsoft.Web/serverFarms', arm: integrationTemplate(), bicep: bicepIntegrationTwin() },
    {
      name: 'delegation spelt in lower case, without the properties wrapper',
      arm: integrationTemplate({ delegations: ['                { "name": "d", "serviceName": "microsoft.web/serverfarms" }'] }),
      bicep: bicepIntegrationTwin({ delegations: ["            { name: 'd', serviceName: 'microsoft.web/serverfarms' }"] }),
    },
    {
      name: 'delegation unresolved',
      arm: integrationTemplate({ delegations: [`                { "name": "d", "properties": { "serviceName": "[parameters('service')]" } }`] }),
      bicep: bicepIntegrationTwin({ params: ['param service string'], delegations: ["            { name: 'd', properties: { serviceName: service } }"] }),
    },
    {
      name: 'no app integrates with the subnet',
      arm: integrationTemplate({ delegations: [], apps: [{ name: 'orders', subnet: null }] }),
      bicep: bicepIntegrationTwin({ delegations: [], apps: [{ name: 'orders', subnet: null }] }),
    },
    {
      name: 'a sites/config child on a delegated subnet',
      arm: integrationTemplate({ apps: [{ name: 'orders', subnet: null }], extraResources: [configChild] }),
      bicep: bicepIntegrationTwin({ apps: [{ name: 'orders', subnet: null }], extraResources: bicepConfigChild }),
    },
  ],
  invalid: [
    {
      name: 'no delegation: the fix adds it',
      arm: onSubnet({ delegations: [] }, 'ASE701'),
      messages: ["The subnet 'integration' used for the VNet Integration of app 'orders' is not delegated to Microsoft.Web/serverFarms: Azure does not integrate the apps with it"],
      bicep: bicepOnSubnet({ delegations: [] }, 'ASE701'),
      bicepOutput: withBicepDelegation(bicepOnSubnet({ delegations: [] }, 'ASE701')),
      output: onSubnet({ delegations: [] }, 'ASE701').replace(
        '              "addressPrefix": "10.0.2.0/26"\n',
        [
          '              "addressPrefix": "10.0.2.0/26",',
          '              "delegations": [',
          '                {',
          '                  "name": "Microsoft.Web.serverFarms",',
          '                  "properties": {',
          '                    "serviceName": "Microsoft.Web/serverFarms"',
          '                  }',
          '                }',
          '              ]',
          '',
        ].join('\n'),
      ),
    },
    {
      name: 'through a sites/config virtualNetwork child (swiftSupported)',
      arm: onSubnet({ delegations: [], apps: [{ name: 'orders', subnet: null }], extraResources: [configChild] }, 'ASE701'),
      messages: ["The subnet 'integration' used for the VNet Integration of app 'orders' is not delegated to Microsoft.Web/serverFarms: Azure does not integrate the apps with it"],
      bicep: bicepOnSubnet({ delegations: [], apps: [{ name: 'orders', subnet: null }], extraResources: bicepConfigChild }, 'ASE701'),
      bicepOutput: withBicepDelegation(bicepOnSubnet({ delegations: [], apps: [{ name: 'orders', subnet: null }], extraResources: bicepConfigChild }, 'ASE701')),
      output: onSubnet({ delegations: [], apps: [{ name: 'orders', subnet: null }], extraResources: [configChild] }, 'ASE701').replace(
        '              "addressPrefix": "10.0.2.0/26"\n',
        [
          '              "addressPrefix": "10.0.2.0/26",',
          '              "delegations": [',
          '                {',
          '                  "name": "Microsoft.Web.serverFarms",',
          '                  "properties": {',
          '                    "serviceName": "Microsoft.Web/serverFarms"',
          '                  }',
          '                }',
          '              ]',
          '',
        ].join('\n'),
      ),
    },
    {
      name: 'delegated to another service, two apps: one finding, no fix',
      arm: onSubnet(
        {
          delegations: ['                { "name": "d", "properties": { "serviceName": "Microsoft.Sql/managedInstances" } }'],
          apps: [{ name: 'orders' }, { name: 'billing' }],
        },
        'ASE701',
      ),
      messages: [
        "The subnet 'integration' used for the VNet Integration of app 'orders', app 'billing' is delegated to Microsoft.Sql/managedInstances instead of Microsoft.Web/serverFarms: Azure does not integrate the apps with it",
      ],
      output: null,
      bicep: bicepOnSubnet(
        { delegations: ["            { name: 'd', properties: { serviceName: 'Microsoft.Sql/managedInstances' } }"], apps: [{ name: 'orders' }, { name: 'billing' }] },
        'ASE701',
      ),
    },
  ],
});

const prefixLine = (p: string) => `              "addressPrefix": "${p}",`;
const onPrefix = (o: IntegrationTemplate, code: string) => {
  const p = o.subnetPrefix ?? '10.0.2.0/26';
  return markFirst(integrationTemplate(o), prefixLine(p), `"${p}"`, code);
};
const fixedPrefix = (text: string, from: string, to: string) => text.replace(`"addressPrefix": "${from}"`, `"addressPrefix": "${to}"`);
const plan = (sku: string, properties?: string[]) => ({ plans: [{ name: 'app-plan', sku, ...(properties ? { properties } : {}) }] });
const bicepPlan = (sku: string, properties?: string[]): BicepIntegrationSpec => ({ plans: [{ name: 'app-plan', sku, ...(properties ? { properties } : {}) }] });
const bicepOnPrefix = (o: BicepIntegrationSpec, code: string) => {
  const p = o.subnetPrefix ?? '10.0.2.0/26';
  return annotate(bicepIntegrationTwin(o), `addressPrefix: '${p}'`, `'${p}'`, code);
};
const bicepFixedPrefix = (text: string, from: string, to: string) => text.replace(`addressPrefix: '${from}'`, `addressPrefix: '${to}'`);
const bicepOther = (name: string, prefix: string) => [`      { name: '${name}', properties: { addressPrefix: '${prefix}' } }`];
const twoPlans: BicepIntegrationSpec = {
  plans: [
    { name: 'app-plan', sku: "name: 'P1v3', capacity: 20" },
    { name: 'api-plan', sku: "name: 'P1v3', capacity: 10" },
  ],
  apps: [{ name: 'orders' }, { name: 'api', plan: 'api-plan' }],
  subnetPrefix: '10.0.2.0/27',
  otherSubnets: bicepOther('vms', '10.0.2.32/27'),
};

ruleTester(integrationSubnetSize, {
  valid: [
    { name: 'a /26 for an S1 plan', arm: integrationTemplate(), bicep: bicepIntegrationTwin() },
    {
      name: 'a /27 for 20 instances',
      arm: integrationTemplate({ subnetPrefix: '10.0.2.0/27', ...plan('"name": "P1v3", "capacity": 20') }),
      bicep: bicepIntegrationTwin({ subnetPrefix: '10.0.2.0/27', ...bicepPlan("name: 'P1v3', capacity: 20") }),
    },
    {
      name: 'capacity unresolved',
      arm: integrationTemplate({ subnetPrefix: '10.0.2.0/27', ...plan(`"name": "P1v3", "capacity": "[parameters('count')]"`) }),
      bicep: bicepIntegrationTwin({ params: ['param count int'], subnetPrefix: '10.0.2.0/27', ...bicepPlan("name: 'P1v3', capacity: count") }),
    },
    {
      name: 'prefix unresolved',
      arm: integrationTemplate({ subnetPrefix: "[parameters('prefix')]" }),
      bicep: bicepIntegrationTwin({ params: ['param prefix string'], subnetPrefixExpr: 'prefix' }),
    },
    {
      name: 'a small subnet nobody integrates with',
      arm: integrationTemplate({ subnetPrefix: '10.0.2.0/29', apps: [{ name: 'orders', subnet: null }] }),
      bicep: bicepIntegrationTwin({ subnetPrefix: '10.0.2.0/29', apps: [{ name: 'orders', subnet: null }] }),
    },
  ],
  invalid: [
    {
      name: 'a /28: smaller than recommended, widened to the /27 around it',
      arm: onPrefix({ subnetPrefix: '10.0.2.16/28' }, 'ASE702'),
      messages: [
        "The VNet Integration subnet 'integration' is a /28 with 11 usable addresses, smaller than the recommended /27: the plan may run out of addresses as it scales, and the size cannot change while apps use it",
      ],
      output: fixedPrefix(onPrefix({ subnetPrefix: '10.0.2.16/28' }, 'ASE702'), '10.0.2.16/28', '10.0.2.0/27'),
      bicep: bicepOnPrefix({ subnetPrefix: '10.0.2.16/28' }, 'ASE702'),
      bicepOutput: bicepFixedPrefix(bicepOnPrefix({ subnetPrefix: '10.0.2.16/28' }, 'ASE702'), '10.0.2.16/28', '10.0.2.0/27'),
    },
    {
      name: 'a /29: below the minimum, an error; the /27 around it is taken, so the next free one',
      arm: onPrefix({ subnetPrefix: '10.0.2.0/29', otherSubnets: ['          { "name": "vms", "properties": { "addressPrefix": "10.0.2.16/28" } }'] }, 'ASE702'),
      messages: ["The VNet Integration subnet 'integration' is a /29, below the /28 minimum: Azure does not integrate apps with it (use a /27)"],
      severities: ['error'],
      output: fixedPrefix(
        onPrefix({ subnetPrefix: '10.0.2.0/29', otherSubnets: ['          { "name": "vms", "properties": { "addressPrefix": "10.0.2.16/28" } }'] }, 'ASE702'),
        '10.0.2.0/29',
        '10.0.0.0/27',
      ),
      bicep: bicepOnPrefix({ subnetPrefix: '10.0.2.0/29', otherSubnets: bicepOther('vms', '10.0.2.16/28') }, 'ASE702'),
      bicepOutput: bicepFixedPrefix(bicepOnPrefix({ subnetPrefix: '10.0.2.0/29', otherSubnets: bicepOther('vms', '10.0.2.16/28') }, 'ASE702'), '10.0.2.0/29', '10.0.0.0/27'),
    },
    {
      name: 'more instances than addresses (elastic maximum counts)',
      arm: onPrefix({ subnetPrefix: '10.0.2.0/27', ...plan('"name": "EP1", "capacity": 1', ['        "maximumElasticWorkerCount": 40']) }, 'ASE702'),
      messages: [
        "The VNet Integration subnet 'integration' is a /27 with 27 usable addresses, but plan 'app-plan' can scale to 40 instances: the instances beyond 27 get no address, and the size cannot change while apps use it",
      ],
      output: fixedPrefix(
        onPrefix({ subnetPrefix: '10.0.2.0/27', ...plan('"name": "EP1", "capacity": 1', ['        "maximumElasticWorkerCount": 40']) }, 'ASE702'),
        '10.0.2.0/27',
        '10.0.2.0/26',
      ),
      bicep: bicepOnPrefix({ subnetPrefix: '10.0.2.0/27', ...bicepPlan("name: 'EP1', capacity: 1", ['    maximumElasticWorkerCount: 40']) }, 'ASE702'),
      bicepOutput: bicepFixedPrefix(
        bicepOnPrefix({ subnetPrefix: '10.0.2.0/27', ...bicepPlan("name: 'EP1', capacity: 1", ['    maximumElasticWorkerCount: 40']) }, 'ASE702'),
        '10.0.2.0/27',
        '10.0.2.0/26',
      ),
    },
    {
      name: 'two plans share the subnet: their instances add up',
      arm: onPrefix(
        {
          plans: [
            { name: 'app-plan', sku: '"name": "P1v3", "capacity": 20' },
            { name: 'api-plan', sku: '"name": "P1v3", "capacity": 10' },
          ],
          apps: [{ name: 'orders' }, { name: 'api', plan: 'api-plan' }],
          subnetPrefix: '10.0.2.0/27',
          otherSubnets: ['          { "name": "vms", "properties": { "addressPrefix": "10.0.2.32/27" } }'],
        },
        'ASE702',
      ),
      messages: [
        "The VNet Integration subnet 'integration' is a /27 with 27 usable addresses, but its plans 'app-plan', 'api-plan' can scale to 30 instances: the instances beyond 27 get no address, and the size cannot change while apps use it",
      ],
      output: fixedPrefix(
        onPrefix(
          {
            plans: [
              { name: 'app-plan', sku: '"name": "P1v3", "capacity": 20' },
              { name: 'api-plan', sku: '"name": "P1v3", "capacity": 10' },
            ],
            apps: [{ name: 'orders' }, { name: 'api', plan: 'api-plan' }],
            subnetPrefix: '10.0.2.0/27',
            otherSubnets: ['          { "name": "vms", "properties": { "addressPrefix": "10.0.2.32/27" } }'],
          },
          'ASE702',
        ),
        '10.0.2.0/27',
        '10.0.0.0/26',
      ),
      bicep: bicepOnPrefix(twoPlans, 'ASE702'),
      bicepOutput: bicepFixedPrefix(bicepOnPrefix(twoPlans, 'ASE702'), '10.0.2.0/27', '10.0.0.0/26'),
    },
  ],
});

const nicLine = `          { "name": "ipconfig1", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]" } } }`;
const nic = [
  '    {',
  '      "type": "Microsoft.Network/networkInterfaces",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "vm-nic",',
  '      "location": "westeurope",',
  '      "properties": {',
  '        "ipConfigurations": [',
  nicLine,
  '        ]',
  '      }',
  '    }',
].join('\n');
const endpointLine = `        "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]" },`;
const endpoint = [
  '    {',
  '      "type": "Microsoft.Network/privateEndpoints",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "sql-endpoint",',
  '      "location": "westeurope",',
  '      "properties": {',
  endpointLine,
  '        "privateLinkServiceConnections": []',
  '      }',
  '    }',
].join('\n');
const subnetIdText = `"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]"`;
const sharedMessage = (what: string) =>
  `${what} is placed in the subnet 'integration', which serves the VNet Integration of app 'orders': an integration subnet belongs to App Service alone, so Azure refuses one of the two`;
const bicepNicLine = `      { name: 'ipconfig1', properties: { subnet: { id: ${bicepSubnetId('integration')} } } }`;
const bicepNic = (subnet = 'integration') => [
  "resource nic 'Microsoft.Network/networkInterfaces@2023-04-01' = {",
  "  name: 'vm-nic'",
  "  location: 'westeurope'",
  '  properties: {',
  '    ipConfigurations: [',
  bicepNicLine.replace("'integration'", `'${subnet}'`),
  '    ]',
  '  }',
  '}',
];
const bicepEndpointLine = `    subnet: { id: ${bicepSubnetId('integration')} }`;
const bicepEndpoint = [
  "resource sqlEndpoint 'Microsoft.Network/privateEndpoints@2023-04-01' = {",
  "  name: 'sql-endpoint'",
  "  location: 'westeurope'",
  '  properties: {',
  bicepEndpointLine,
  '    privateLinkServiceConnections: []',
  '  }',
  '}',
];

ruleTester(integrationSubnetShared, {
  valid: [
    { name: 'the subnet holds the integration alone', arm: integrationTemplate(), bicep: bicepIntegrationTwin() },
    {
      name: 'two plans join one subnet (multi-plan subnet join)',
      arm: integrationTemplate({ plans: [{ name: 'app-plan' }, { name: 'api-plan' }], apps: [{ name: 'orders' }, { name: 'api', plan: 'api-plan' }] }),
      bicep: bicepIntegrationTwin({ plans: [{ name: 'app-plan' }, { name: 'api-plan' }], apps: [{ name: 'orders' }, { name: 'api', plan: 'api-plan' }] }),
    },
    {
      name: 'the NIC is in another subnet',
      arm: integrationTemplate({
        otherSubnets: ['          { "name": "vms", "properties": { "addressPrefix": "10.0.3.0/24" } }'],
        extraResources: [nic.replace("'app-vnet', 'integration'", "'app-vnet', 'vms'")],
      }),
      bicep: bicepIntegrationTwin({ otherSubnets: bicepOther('vms', '10.0.3.0/24'), extraResources: bicepNic('vms') }),
    },
  ],
  invalid: [
    {
      name: "a VM's network interface in the integration subnet",
      arm: markFirst(integrationTemplate({ extraResources: [nic] }), nicLine, subnetIdText, 'ASE703'),
      messages: [sharedMessage("Network interface 'vm-nic'")],
      output: null,
      bicep: annotate(bicepIntegrationTwin({ extraResources: bicepNic() }), bicepNicLine, bicepSubnetId('integration'), 'ASE703'),
    },
    {
      name: 'a private endpoint in the integration subnet',
      arm: markFirst(integrationTemplate({ extraResources: [endpoint] }), endpointLine, subnetIdText, 'ASE703'),
      messages: [sharedMessage("Private endpoint 'sql-endpoint'")],
      output: null,
      bicep: annotate(bicepIntegrationTwin({ extraResources: bicepEndpoint }), bicepEndpointLine, bicepSubnetId('integration'), 'ASE703'),
    },
  ],
});

const integrationLine = `        "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]"`;
const onIntegration = (o: IntegrationTemplate, code: string) => markFirst(integrationTemplate(o), integrationLine, subnetIdText, code);
const tierMessage = (tier: string) =>
  `App 'orders' uses regional VNet Integration, but its App Service plan 'app-plan' is in the ${tier} tier, which does not offer it: Azure rejects the integration (use Basic or higher)`;
const bicepIntegrationLine = `    virtualNetworkSubnetId: ${bicepSubnetId('integration')}`;
const bicepOnIntegration = (o: BicepIntegrationSpec, code: string) => annotate(bicepIntegrationTwin(o), bicepIntegrationLine, bicepSubnetId('integration'), code);

ruleTester(integrationPlanTier, {
  valid: [
    { name: 'Standard', arm: integrationTemplate(), bicep: bicepIntegrationTwin() },
    {
      name: 'Basic (Azure offers regional VNet Integration on Basic)',
      arm: integrationTemplate(plan('"name": "B1", "tier": "Basic"')),
      bicep: bicepIntegrationTwin(bicepPlan("name: 'B1', tier: 'Basic'")),
    },
    { name: 'Elastic Premium', arm: integrationTemplate(plan('"name": "EP1", "tier": "ElasticPremium"')), bicep: bicepIntegrationTwin(bicepPlan("name: 'EP1', tier: 'ElasticPremium'")) },
    {
      name: 'SKU unresolved',
      arm: integrationTemplate(plan(`"name": "[parameters('sku')]"`)),
      bicep: bicepIntegrationTwin({ params: ['param sku string'], ...bicepPlan('name: sku') }),
    },
    {
      name: 'a Free plan without integration',
      arm: integrationTemplate({ ...plan('"name": "F1"'), apps: [{ name: 'orders', subnet: null }] }),
      bicep: bicepIntegrationTwin({ ...bicepPlan("name: 'F1'"), apps: [{ name: 'orders', subnet: null }] }),
    },
  ],
  invalid: [
    {
      name: 'Free (F1)',
      arm: onIntegration(plan('"name": "F1"'), 'ASE704'),
      messages: [tierMessage('Free')],
      output: null,
      bicep: bicepOnIntegration(bicepPlan("name: 'F1'"), 'ASE704'),
    },
    {
      name: 'Shared, by tier only',
      arm: onIntegration(plan('"tier": "Shared"'), 'ASE704'),
      messages: [tierMessage('Shared')],
      output: null,
      bicep: bicepOnIntegration(bicepPlan("tier: 'Shared'"), 'ASE704'),
    },
    {
      name: 'Functions Consumption (Y1)',
      arm: onIntegration(plan('"name": "Y1", "tier": "Dynamic"'), 'ASE704'),
      messages: [tierMessage('Consumption (Dynamic)')],
      output: null,
      bicep: bicepOnIntegration(bicepPlan("name: 'Y1', tier: 'Dynamic'"), 'ASE704'),
    },
  ],
});

const ase = [
  '    {',
  '      "type": "Microsoft.Web/hostingEnvironments",',
  '      "apiVersion": "2022-03-01",',
  '      "name": "my-ase",',
  '      "location": "westeurope",',
  '      "kind": "ASEV3",',
  '      "properties": {',
  `        "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'ase')]" }`,
  '      }',
  '    }',
].join('\n');
const aseSubnet = '          { "name": "ase", "properties": { "addressPrefix": "10.0.1.0/24" } }';
const aseProfile = `        "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" }`;
const inAse = (o: IntegrationTemplate = {}): IntegrationTemplate => ({
  otherSubnets: [aseSubnet],
  plans: [{ name: 'app-plan', sku: '"name": "I1v2", "tier": "IsolatedV2"', properties: [aseProfile] }],
  extraResources: [ase],
  ...o,
});
/** The text after the fix: the setting is gone (the annotation comment stays). */
const withoutIntegration = (text: string) =>
  text.replace(`"[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",\n${integrationLine}\n`, `"[resourceId('Microsoft.Web/serverfarms', 'app-plan')]"\n`);
const bicepAse = [
  "resource myAse 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
  "  name: 'my-ase'",
  "  location: 'westeurope'",
  "  kind: 'ASEV3'",
  '  properties: {',
  `    virtualNetwork: { id: ${bicepSubnetId('ase')} }`,
  '  }',
  '}',
];
const bicepInAse = (o: BicepIntegrationSpec = {}): BicepIntegrationSpec => ({
  otherSubnets: bicepOther('ase', '10.0.1.0/24'),
  plans: [{ name: 'app-plan', sku: "name: 'I1v2', tier: 'IsolatedV2'", properties: ['    hostingEnvironmentProfile: { id: myAse.id }'] }],
  extraResources: bicepAse,
  ...o,
});
const bicepOtherAse = [`    hostingEnvironmentProfile: { id: resourceId('Microsoft.Web/hostingEnvironments', 'other-ase') }`];
/** The text after the fix: the setting's line is gone (the annotation comment stays). */
const bicepWithoutIntegration = (text: string) => text.replace(`${bicepIntegrationLine}\n`, '');

ruleTester(integrationInAse, {
  valid: [
    { name: 'a multi-tenant app', arm: integrationTemplate(), bicep: bicepIntegrationTwin() },
    {
      name: 'an app in an ASE without integration',
      arm: integrationTemplate(inAse({ apps: [{ name: 'orders', subnet: null }] })),
      bicep: bicepIntegrationTwin(bicepInAse({ apps: [{ name: 'orders', subnet: null }] })),
    },
    {
      name: 'plan SKU unresolved',
      arm: integrationTemplate(plan(`"name": "[parameters('sku')]"`)),
      bicep: bicepIntegrationTwin({ params: ['param sku string'], ...bicepPlan('name: sku') }),
    },
  ],
  invalid: [
    {
      name: 'the plan names the ASE: the fix removes the setting',
      arm: onIntegration(inAse(), 'ASE705'),
      messages: ["App 'orders' runs in App Service Environment 'my-ase' and is given regional VNet Integration: it is already in the ASE's VNet, and Azure rejects the setting"],
      output: withoutIntegration(onIntegration(inAse(), 'ASE705')),
      bicep: bicepOnIntegration(bicepInAse(), 'ASE705'),
      bicepOutput: bicepWithoutIntegration(bicepOnIntegration(bicepInAse(), 'ASE705')),
    },
    {
      name: 'the app names an ASE that is not declared in the files',
      arm: onIntegration({ apps: [{ name: 'orders', properties: [`        "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'other-ase')]" },`] }] }, 'ASE705'),
      messages: ["App 'orders' runs in the App Service Environment 'other-ase' and is given regional VNet Integration: it is already in the ASE's VNet, and Azure rejects the setting"],
      output: withoutIntegration(
        onIntegration({ apps: [{ name: 'orders', properties: [`        "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'other-ase')]" },`] }] }, 'ASE705'),
      ),
      bicep: bicepOnIntegration({ apps: [{ name: 'orders', properties: bicepOtherAse }] }, 'ASE705'),
      bicepOutput: bicepWithoutIntegration(bicepOnIntegration({ apps: [{ name: 'orders', properties: bicepOtherAse }] }, 'ASE705')),
    },
    {
      name: 'an Isolated plan whose ASE is not named in the files',
      arm: onIntegration(plan('"name": "I2"'), 'ASE705'),
      messages: ["App 'orders' runs in an ASE, on Isolated plan 'app-plan' and is given regional VNet Integration: it is already in the ASE's VNet, and Azure rejects the setting"],
      output: withoutIntegration(onIntegration(plan('"name": "I2"'), 'ASE705')),
      bicep: bicepOnIntegration(bicepPlan("name: 'I2'"), 'ASE705'),
      bicepOutput: bicepWithoutIntegration(bicepOnIntegration(bicepPlan("name: 'I2'"), 'ASE705')),
    },
  ],
});

const regionMessage = (app: string, vnet: string) =>
  `App 'orders' is in ${app}, but VNet 'app-vnet' of its integration subnet 'integration' is in ${vnet}: regional VNet Integration needs the app and the VNet in the same region, and Azure rejects it`;

ruleTester(integrationRegion, {
  valid: [
    { name: 'same region', arm: integrationTemplate(), bicep: bicepIntegrationTwin() },
    { name: 'same region, written differently', arm: integrationTemplate({ vnetLocation: 'West Europe' }), bicep: bicepIntegrationTwin({ vnetLocation: "'West Europe'" }) },
    {
      name: "the resource group's location on one side",
      arm: integrationTemplate({ vnetLocation: '[resourceGroup().location]' }),
      bicep: bicepIntegrationTwin({ vnetLocation: 'resourceGroup().location' }),
    },
    {
      name: 'a parameter without a value',
      arm: integrationTemplate({ apps: [{ name: 'orders', location: "[parameters('location')]" }], plans: [{ name: 'app-plan', location: "[parameters('location')]" }] }),
      bicep: bicepIntegrationTwin({ params: ['param location string'], apps: [{ name: 'orders', location: 'location' }], plans: [{ name: 'app-plan', location: 'location' }] }),
    },
  ],
  invalid: [
    {
      name: 'the VNet in another region',
      arm: onIntegration({ vnetLocation: 'northeurope' }, 'ASE706'),
      messages: [regionMessage('westeurope', 'northeurope')],
      output: null,
      bicep: bicepOnIntegration({ vnetLocation: "'northeurope'" }, 'ASE706'),
    },
    {
      name: "the app's location unresolved: its plan's decides",
      arm: onIntegration({ vnetLocation: 'North Europe', apps: [{ name: 'orders', location: "[parameters('location')]" }] }, 'ASE706'),
      messages: [
        "App 'orders' (through its plan 'app-plan') is in westeurope, but VNet 'app-vnet' of its integration subnet 'integration' is in North Europe: regional VNet Integration needs the app and the VNet in the same region, and Azure rejects it",
      ],
      output: null,
      bicep: bicepOnIntegration({ params: ['param location string'], vnetLocation: "'North Europe'", apps: [{ name: 'orders', location: 'location' }] }, 'ASE706'),
    },
  ],
});
