/**
 * An ASEv3's `configurations/networking` child as the rule tables write it (the settings
 * Azure applies there: allowNewPrivateEndpointConnections, ftpEnabled, remoteDebugEnabled,
 * inboundIpAddressOverride), in ARM and in Bicep.
 */

/** The ARM resource `my-ase/networking` (indented by 4, depending on the ASE); `properties` are JSON lines (`"ftpEnabled": true`), without commas. */
export function networkingChild(properties: string[]): string {
  return [
    '    {',
    '      "type": "Microsoft.Web/hostingEnvironments/configurations",',
    '      "apiVersion": "2022-03-01",',
    '      "name": "my-ase/networking",',
    `      "dependsOn": [ "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" ],`,
    '      "properties": {',
    ...properties.map((p, i) => `        ${p}${i < properties.length - 1 ? ',' : ''}`),
    '      }',
    '    }',
  ].join('\n');
}

/** Its Bicep twin: the declaration `networking` with `parent: ase`; `properties` are Bicep lines (`ftpEnabled: true`). */
export function bicepNetworkingChild(properties: string[]): string {
  return [
    "resource networking 'Microsoft.Web/hostingEnvironments/configurations@2022-03-01' = {",
    '  parent: ase',
    "  name: 'networking'",
    '  properties: {',
    ...properties.map((p) => `    ${p}`),
    '  }',
    '}',
  ].join('\n');
}
