// ASE104-ASE105: app traffic into an External ASE.
import { inboundAppAccess } from '../../server/src/rules/inbound-app-access';
import { inboundAppAssignedIp } from '../../server/src/rules/inbound-app-assigned-ip';
import { ruleTester } from '../support/tester';
import { bicepTwin, type RuleSpec, type TwinSpec } from '../support/twin';
import { annotate, bicepRule, insertRuleBefore } from '../support/bicepTwins';
import { allowRule, aseTemplate, caretsUnder, inserted, nsgRule, underName } from '../support/templates';

const lb = nsgRule('AllowLB', { priority: 100, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer' });
const web = (source: string, ports = ['80', '443']) =>
  nsgRule('AllowWeb', { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source, portsList: ports });
const denyAll = nsgRule('DenyAllInbound', { priority: 4096, direction: 'Inbound', access: 'Deny' }, true);
const kudu = 'and portal features that go through the SCM (Kudu) site stop working';
const access = (what: string, rule: string, consequence: string) => `NSG 'ase-nsg' blocks ${what} (${rule}): ${consequence}`;
// The same rules for the Bicep twins.
const lbSpec: RuleSpec = { name: 'AllowLB', priority: 100, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer' };
const webSpec = (source: string, ports = ['80', '443']): RuleSpec => ({ name: 'AllowWeb', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source, portsList: ports });
const denySpec: RuleSpec = { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny' };
/** The twin with carets (`code`) under the name of the rule `rule`. */
const bicepUnder = (spec: TwinSpec, code: string, rule = 'DenyAllInbound') => annotate(bicepTwin(spec), `name: '${rule}'`, `'${rule}'`, code);

ruleTester(inboundAppAccess, {
  valid: [
    { name: 'no NSG on the subnet', arm: aseTemplate(), bicep: bicepTwin({}) },
    {
      name: 'HTTP and HTTPS allowed from Internet before the deny-all',
      arm: aseTemplate({ securityRules: [lb, web('Internet'), denyAll] }),
      bicep: bicepTwin({ rules: [lbSpec, webSpec('Internet'), denySpec] }),
    },
    { name: 'HTTP and HTTPS allowed from any source', arm: aseTemplate({ securityRules: [web('*'), denyAll] }), bicep: bicepTwin({ rules: [webSpec('*'), denySpec] }) },
    {
      name: 'an ILB ASE is not reached from the internet',
      arm: aseTemplate({ ilbMode: 'Web, Publishing', securityRules: [lb, denyAll] }),
      bicep: bicepTwin({ ilbMode: 'Web, Publishing', rules: [lbSpec, denySpec] }),
    },
    { name: 'ILB mode Web (as a number)', arm: aseTemplate({ ilbMode: 1, securityRules: [denyAll] }), bicep: bicepTwin({ ilbMode: 1, rules: [denySpec] }) },
    {
      name: 'ILB mode unresolved',
      arm: aseTemplate({ ilbMode: "[parameters('mode')]", securityRules: [denyAll] }),
      bicep: bicepTwin({ params: ['param mode string'], ilbModeExpr: 'mode', rules: [denySpec] }),
    },
  ],
  invalid: [
    {
      name: 'deny-all closes both ports: one note on the deny rule',
      arm: aseTemplate({ securityRules: [lb, denyAll, underName('DenyAllInbound', 'ASE104')] }),
      messages: [
        access(
          'TCP 80 and 443 from Internet',
          "rule 'DenyAllInbound', priority 4096, denies TCP 80,443 from Internet",
          `clients outside the network cannot reach the apps of External ASE 'my-ase', ${kudu}`,
        ),
      ],
      output: null,
      bicep: bicepUnder({ rules: [lbSpec, denySpec] }, 'ASE104'),
    },
    {
      name: 'only HTTP opened: HTTPS is blocked',
      arm: aseTemplate({ securityRules: [web('Internet', ['80']), denyAll, underName('DenyAllInbound', 'ASE104')] }),
      bicep: bicepUnder({ rules: [webSpec('Internet', ['80']), denySpec] }, 'ASE104'),
      messages: [
        access(
          'TCP 443 from Internet',
          "rule 'DenyAllInbound', priority 4096",
          `clients outside the network cannot reach the apps of External ASE 'my-ase' over HTTPS, ${kudu}`,
        ),
      ],
      output: null,
    },
    {
      name: 'an explicit deny of HTTP ahead of the allow',
      arm: aseTemplate({
        securityRules: [
          nsgRule('DenyHttp', { priority: 150, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', source: 'Internet', ports: '80' }),
          underName('DenyHttp', 'ASE104'),
          web('Internet', ['80', '443']),
          denyAll,
        ],
      }),
      bicep: bicepUnder(
        { rules: [{ name: 'DenyHttp', priority: 150, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', source: 'Internet', ports: '80' }, webSpec('Internet', ['80', '443']), denySpec] },
        'ASE104',
        'DenyHttp',
      ),
      messages: [
        access(
          'TCP 80 from Internet',
          "rule 'DenyHttp', priority 150",
          "clients outside the network cannot reach the apps of External ASE 'my-ase' over HTTP",
        ),
      ],
      output: null,
    },
    {
      name: "no written rules: Azure's default DenyAllInBound, on the securityRules key",
      arm: aseTemplate({ securityRules: [caretsUnder('        "securityRules": [', '"securityRules"', 'ASE104')] }),
      bicep: annotate(bicepTwin({ rules: [] }), 'securityRules: [', 'securityRules', 'ASE104'),
      messages: [
        access(
          'TCP 80 and 443 from Internet',
          "Azure's default rule 'DenyAllInBound', priority 65500, denies TCP 80,443 from Internet",
          `clients outside the network cannot reach the apps of External ASE 'my-ase', ${kudu}`,
        ),
      ],
      output: null,
    },
    {
      name: 'an External ASEv3 is checked too',
      arm: aseTemplate({ kind: 'ASEV3', securityRules: [denyAll, underName('DenyAllInbound', 'ASE104')] }),
      bicep: bicepUnder({ kind: 'ASEV3', rules: [denySpec] }, 'ASE104'),
      messages: [
        access(
          'TCP 80 and 443 from Internet',
          "rule 'DenyAllInbound', priority 4096",
          `clients outside the network cannot reach the apps of External ASE 'my-ase', ${kudu}`,
        ),
      ],
      output: null,
    },
    {
      name: 'ILB mode Publishing keeps web traffic on the public VIP',
      arm: aseTemplate({ ilbMode: 'Publishing', securityRules: [lb, denyAll, underName('DenyAllInbound', 'ASE104')] }),
      bicep: bicepUnder({ ilbMode: 'Publishing', rules: [lbSpec, denySpec] }, 'ASE104'),
      messages: [
        access(
          'TCP 80 and 443 from Internet',
          "rule 'DenyAllInbound', priority 4096, denies TCP 80,443 from Internet",
          `clients outside the network cannot reach the apps of External ASE 'my-ase', ${kudu}`,
        ),
      ],
      output: null,
    },
  ],
});

const ipSslSite = (sslState = 'IpBasedEnabled') => `    {
      "type": "Microsoft.Web/sites",
      "apiVersion": "2022-03-01",
      "name": "app",
      "location": "westeurope",
      "properties": {
        "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" },
        "hostNameSslStates": [ { "name": "www.contoso.com", "sslState": "${sslState}" } ]
      }
    }`;
const fixRule = allowRule('AllowAppAssignedAddressesInbound', { protocol: 'Tcp', ports: ['*'], source: 'Internet', destination: '*', priority: 4090, direction: 'Inbound' });
const assigned = (part: string) =>
  `NSG 'ase-nsg' blocks TCP on every port from Internet (rule 'DenyAllInbound', priority 4096, denies ${part}): ` +
  "app 'app' has its own IP-based SSL address, and the two ports the ASE maps to it are chosen at deployment, so clients cannot reach the app on that address";
const ipSslSiteBicep = (sslState = 'IpBasedEnabled') => [
  "resource app 'Microsoft.Web/sites@2022-03-01' = {",
  "  name: 'app'",
  "  location: 'westeurope'",
  '  properties: {',
  '    hostingEnvironmentProfile: { id: ase.id }',
  `    hostNameSslStates: [ { name: 'www.contoso.com', sslState: '${sslState}' } ]`,
  '  }',
  '}',
];
// A plan on the ASE that is deployed only when a parameter without a value says so, and an IP-based SSL app on it.
const maybePlan = `    {
      "type": "Microsoft.Web/serverfarms",
      "apiVersion": "2022-03-01",
      "name": "plan",
      "condition": "[parameters('deployPlan')]",
      "location": "westeurope",
      "sku": { "name": "I1", "tier": "Isolated" },
      "properties": { "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" } }
    }`;
const planSite = `    {
      "type": "Microsoft.Web/sites",
      "apiVersion": "2022-03-01",
      "name": "app",
      "location": "westeurope",
      "properties": {
        "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'plan')]",
        "hostNameSslStates": [ { "name": "www.contoso.com", "sslState": "IpBasedEnabled" } ]
      }
    }`;
const maybePlanBicep = [
  'param deployPlan bool',
  "resource plan 'Microsoft.Web/serverfarms@2022-03-01' = if (deployPlan) {",
  "  name: 'plan'",
  "  location: 'westeurope'",
  "  sku: { name: 'I1', tier: 'Isolated' }",
  '  properties: { hostingEnvironmentProfile: { id: ase.id } }',
  '}',
];
const planSiteBicep = [
  "resource app 'Microsoft.Web/sites@2022-03-01' = {",
  "  name: 'app'",
  "  location: 'westeurope'",
  '  properties: {',
  '    serverFarmId: plan.id',
  "    hostNameSslStates: [ { name: 'www.contoso.com', sslState: 'IpBasedEnabled' } ]",
  '  }',
  '}',
];
const bicepFix = bicepRule('AllowAppAssignedAddressesInbound', { protocol: 'Tcp', ports: ['*'], source: 'Internet', destination: '*', priority: 4090, direction: 'Inbound' });

ruleTester(inboundAppAssignedIp, {
  valid: [
    {
      name: 'apps use SNI only',
      arm: aseTemplate({ securityRules: [lb, web('Internet'), denyAll], extraResources: [ipSslSite('SniEnabled')] }),
      bicep: bicepTwin({ rules: [lbSpec, webSpec('Internet'), denySpec], extraResources: ipSslSiteBicep('SniEnabled') }),
    },
    {
      name: 'every TCP port open from Internet',
      arm: aseTemplate({
        securityRules: [lb, nsgRule('AllowClients', { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'Internet' }), denyAll],
        extraResources: [ipSslSite()],
      }),
      bicep: bicepTwin({
        rules: [lbSpec, { name: 'AllowClients', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'Internet' }, denySpec],
        extraResources: ipSslSiteBicep(),
      }),
    },
    { name: 'no NSG on the subnet', arm: aseTemplate({ extraResources: [ipSslSite()] }), bicep: bicepTwin({ extraResources: ipSslSiteBicep() }) },
    {
      name: 'HTTPS itself is closed to the internet: which clients to admit is the author\'s choice (ASE104)',
      arm: aseTemplate({ securityRules: [lb, denyAll], extraResources: [ipSslSite()] }),
      bicep: bicepTwin({ rules: [lbSpec, denySpec], extraResources: ipSslSiteBicep() }),
    },
    {
      name: 'HTTPS open only to one partner range',
      arm: aseTemplate({ securityRules: [lb, web('203.0.113.0/24'), denyAll], extraResources: [ipSslSite()] }),
      bicep: bicepTwin({ rules: [lbSpec, webSpec('203.0.113.0/24'), denySpec], extraResources: ipSslSiteBicep() }),
    },
    {
      name: 'an ILB ASE cannot have app-assigned addresses (ASE503)',
      arm: aseTemplate({ ilbMode: 3, securityRules: [lb, web('Internet'), denyAll], extraResources: [ipSslSite()] }),
      bicep: bicepTwin({ ilbMode: 3, rules: [lbSpec, webSpec('Internet'), denySpec], extraResources: ipSslSiteBicep() }),
    },
    {
      name: 'the IP-based SSL app is on a plan whose condition is unresolved: it may not exist',
      arm: aseTemplate({ securityRules: [lb, web('Internet'), denyAll], extraResources: [maybePlan, planSite] }),
      bicep: bicepTwin({ rules: [lbSpec, webSpec('Internet'), denySpec], extraResources: [...maybePlanBicep, ...planSiteBicep] }),
    },
    {
      name: 'ASEv3 is not checked',
      arm: aseTemplate({ kind: 'ASEV3', securityRules: [lb, web('Internet'), denyAll], extraResources: [ipSslSite()] }),
      bicep: bicepTwin({ kind: 'ASEV3', rules: [lbSpec, webSpec('Internet'), denySpec], extraResources: ipSslSiteBicep() }),
    },
  ],
  invalid: [
    {
      name: 'HTTP and HTTPS open, the mapped ports are not',
      arm: aseTemplate({ securityRules: [lb, web('Internet'), denyAll, underName('DenyAllInbound', 'ASE105')], extraResources: [ipSslSite()] }),
      messages: [assigned('TCP 1-79,81-442,444-65535 from Internet')],
      output: aseTemplate({
        securityRules: [lb, web('Internet'), ...inserted(fixRule, 10, true), denyAll, underName('DenyAllInbound', 'ASE105')],
        extraResources: [ipSslSite()],
      }),
      bicep: bicepUnder({ rules: [lbSpec, webSpec('Internet'), denySpec], extraResources: ipSslSiteBicep() }, 'ASE105'),
      bicepOutput: insertRuleBefore(bicepUnder({ rules: [lbSpec, webSpec('Internet'), denySpec], extraResources: ipSslSiteBicep() }, 'ASE105'), 'DenyAllInbound', bicepFix),
    },
    {
      name: 'web open to any source, still only on 80 and 443',
      arm: aseTemplate({ securityRules: [lb, web('*'), denyAll, underName('DenyAllInbound', 'ASE105')], extraResources: [ipSslSite()] }),
      messages: [assigned('TCP 1-79,81-442,444-65535 from Internet')],
      output: aseTemplate({
        securityRules: [lb, web('*'), ...inserted(fixRule, 10, true), denyAll, underName('DenyAllInbound', 'ASE105')],
        extraResources: [ipSslSite()],
      }),
      bicep: bicepUnder({ rules: [lbSpec, webSpec('*'), denySpec], extraResources: ipSslSiteBicep() }, 'ASE105'),
      bicepOutput: insertRuleBefore(bicepUnder({ rules: [lbSpec, webSpec('*'), denySpec], extraResources: ipSslSiteBicep() }, 'ASE105'), 'DenyAllInbound', bicepFix),
    },
  ],
});
