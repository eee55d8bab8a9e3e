/**
 * An ILB ASE's own settings and the apps in it, in ARM (aseTemplate) and Bicep (bicepTwin):
 * lines at the start of the ASE's properties (its domain), a plan in the ASE with an app
 * and its host names, a host name binding.
 */
import { aseTemplate, type AseTemplate } from './templates';
import { bicepTwin, type TwinSpec } from './twin';

/** The ASE with more lines at the start of its `properties` (indented by 8, each ending with a comma). */
export function withAseProps(o: AseTemplate, lines: string[]): string {
  const ilb = `        "internalLoadBalancingMode": ${JSON.stringify(o.ilbMode ?? 'None')},`;
  const text = aseTemplate(o);
  if (!text.includes(ilb)) throw new Error('no ILB mode line');
  return text.replace(ilb, [...lines, ilb].join('\n'));
}
/** The ASE's domain, as a line for withAseProps. */
export const domainLine = (d: string) => `        "dnsSuffix": ${JSON.stringify(d)},`;
export const bicepDomainLine = (d: string) => `    dnsSuffix: '${d}'`;
/** The twin of an ILB ASE (by default) whose domain is `d`. */
export const bicepWithDomain = (d: string, o: TwinSpec = { ilbMode: 'Web' }) => bicepTwin({ ...o, aseProps: [bicepDomainLine(d), ...(o.aseProps ?? [])] });

/** A plan in the ASE and an app on it; `sslStates` are the app's `hostNameSslStates` lines (indented by 10). */
export function appInAse(sslStates: string[], binding?: string): string[] {
  const plan = [
    '    {',
    '      "type": "Microsoft.Web/serverfarms",',
    '      "apiVersion": "2022-03-01",',
    '      "name": "ase-plan",',
    '      "location": "westeurope",',
    '      "sku": { "name": "I1", "tier": "Isolated" },',
    '      "properties": {',
    `        "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" }`,
    '      }',
    '    }',
  ].join('\n');
  const app = [
    '    {',
    '      "type": "Microsoft.Web/sites",',
    '      "apiVersion": "2022-03-01",',
    '      "name": "orders",',
    '      "location": "westeurope",',
    '      "properties": {',
    `        "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'ase-plan')]",`,
    '        "hostNameSslStates": [',
    ...sslStates,
    '        ]',
    '      }',
    '    }',
  ].join('\n');
  return binding ? [plan, app, binding] : [plan, app];
}
/** A line of the app's `hostNameSslStates`. */
export const sslState = (host: string, state: string, last = true) =>
  `          { "name": "${host}", "sslState": "${state}", "thumbprint": "ABC" }${last ? '' : ','}`;
/** A hostNameBindings child of the app, for appInAse's `binding`. */
export const binding = (state: string) =>
  [
    '    {',
    '      "type": "Microsoft.Web/sites/hostNameBindings",',
    '      "apiVersion": "2022-03-01",',
    '      "name": "orders/orders.internal.contoso.com",',
    `      "properties": { "sslState": "${state}", "thumbprint": "ABC" }`,
    '    }',
  ].join('\n');

/** The twin of appInAse: `sslStates` are the app's `hostNameSslStates` lines (indented by 6). */
export function bicepAppInAse(sslStates: string[], binding?: string[]): string[] {
  return [
    "resource plan 'Microsoft.Web/serverfarms@2022-03-01' = {",
    "  name: 'ase-plan'",
    "  location: 'westeurope'",
    "  sku: { name: 'I1', tier: 'Isolated' }",
    '  properties: {',
    '    hostingEnvironmentProfile: { id: ase.id }',
    '  }',
    '}',
    "resource app 'Microsoft.Web/sites@2022-03-01' = {",
    "  name: 'orders'",
    "  location: 'westeurope'",
    '  properties: {',
    '    serverFarmId: plan.id',
    '    hostNameSslStates: [',
    ...sslStates,
    '    ]',
    '  }',
    '}',
    ...(binding ?? []),
  ];
}
export const bicepSslState = (host: string, state: string) => `      { name: '${host}', sslState: '${state}', thumbprint: 'ABC' }`;
export const bicepBinding = (state: string, host = 'orders.internal.contoso.com') => [
  "resource binding 'Microsoft.Web/sites/hostNameBindings@2022-03-01' = {",
  `  name: 'orders/${host}'`,
  `  properties: { sslState: '${state}', thumbprint: 'ABC' }`,
  '}',
];
