// ASE505 ilb-certificate-names: the default certificate of an ILB ASEv1/v2 covers '*.<domain>' and '*.scm.<domain>'.
import { ilbCertificateNames } from '../../server/src/rules/ilb-certificate-names';
import { dedent, ruleTester } from '../support/tester';
import { caretsUnder, type AseTemplate } from '../support/templates';
import { bicepTwin, type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import { bicepWithDomain, domainLine, withAseProps } from '../support/ilb';

const contoso = 'internal.contoso.com';
// The ASE's default certificate: a certificate uploaded into the ASE whose thumbprint the
// ASE names in clusterSettings (DefaultSslCertificateThumbprint).
const THUMBPRINT = '3A5B7C9D1E2F3A5B7C9D1E2F3A5B7C9D1E2F3A5B';
const APP_THUMBPRINT = '0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C';
interface CertSpec {
  name?: string;
  /** The certificate's `thumbprint`; null: not written. */
  thumbprint?: string | null;
}
const certificate = (hostNames: string, c: CertSpec = {}) =>
  [
    '    {',
    '      "type": "Microsoft.Web/certificates",',
    '      "apiVersion": "2022-03-01",',
    `      "name": "${c.name ?? 'ilb-cert'}",`,
    '      "location": "westeurope",',
    '      "properties": {',
    '        "pfxBlob": "[parameters(\'pfx\')]",',
    '        "password": "[parameters(\'password\')]",',
    ...(c.thumbprint === null ? [] : [`        "thumbprint": "${c.thumbprint ?? THUMBPRINT}",`]),
    `        "hostNames": ${hostNames},`,
    `        "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" }`,
    '      }',
    '    }',
  ].join('\n');
/** The ASE's clusterSettings line naming `thumbprint` (as written: a JSON string value or an expression string). */
const clusterSettingsLine = (thumbprint: string) => `        "clusterSettings": [ { "name": "DefaultSslCertificateThumbprint", "value": ${JSON.stringify(thumbprint)} } ],`;
/** An ILB ASE with its domain and (unless `setting` is null) a default certificate thumbprint, and these certificates. */
const certsCase = (certs: string[], o: AseTemplate = { ilbMode: 'Web' }, setting: string | null = THUMBPRINT) =>
  withAseProps({ ...o, extraResources: certs }, [domainLine(contoso), ...(setting === null ? [] : [clusterSettingsLine(setting)])]);
const certCase = (hostNames: string, o: AseTemplate = { ilbMode: 'Web' }) => certsCase([certificate(hostNames)], o);
const onCert = (text: string) => {
  const line = '      "name": "ilb-cert",';
  return text.replace(line, `${line}\n${caretsUnder(line, '"ilb-cert"', 'ASE505')}`);
};
const bicepCertificate = (hostNames: string, c: CertSpec = {}) => [
  `resource ${(c.name ?? 'ilb-cert').replace(/-(.)/g, (_m, x: string) => x.toUpperCase())} 'Microsoft.Web/certificates@2022-03-01' = {`,
  `  name: '${c.name ?? 'ilb-cert'}'`,
  "  location: 'westeurope'",
  '  properties: {',
  '    pfxBlob: pfx',
  '    password: password',
  ...(c.thumbprint === null ? [] : [`    thumbprint: '${c.thumbprint ?? THUMBPRINT}'`]),
  `    hostNames: ${hostNames}`,
  '    hostingEnvironmentProfile: { id: ase.id }',
  '  }',
  '}',
];
const certParams = ['param pfx string', 'param password string'];
/** The Bicep clusterSettings line; `value` is a Bicep expression. */
const bicepClusterSettingsLine = (value: string) => `    clusterSettings: [ { name: 'DefaultSslCertificateThumbprint', value: ${value} } ]`;
const bicepCertsCase = (certs: string[][], o: TwinSpec = { ilbMode: 'Web' }, setting: string | null = `'${THUMBPRINT}'`) =>
  bicepWithDomain(contoso, {
    ...o,
    extraResources: certs.flat(),
    params: [...certParams, ...(o.params ?? [])],
    aseProps: [...(setting === null ? [] : [bicepClusterSettingsLine(setting)]), ...(o.aseProps ?? [])],
  });
const bicepCertCase = (hostNames: string, o: TwinSpec = { ilbMode: 'Web' }) => bicepCertsCase([bicepCertificate(hostNames)], o);
const bicepOnCert = (text: string) => annotate(text, "name: 'ilb-cert'", "'ilb-cert'", 'ASE505');
const bothWildcards = '[ "*.internal.contoso.com", "*.scm.internal.contoso.com" ]';
const bicepBothWildcards = "[ '*.internal.contoso.com', '*.scm.internal.contoso.com' ]";

ruleTester(ilbCertificateNames, {
  valid: [
    {
      // Without dnsSuffix an ILB ASEv2's domain is <name>.appserviceenvironment.net, which Azure's own certificate covers.
      name: 'no dnsSuffix: the default domain and its certificate are Azure\'s',
      arm: withAseProps({ ilbMode: 'Web', extraResources: [certificate('[ "www.contoso.com" ]')] }, [clusterSettingsLine(THUMBPRINT)]),
      bicep: bicepTwin({ ilbMode: 'Web', extraResources: bicepCertificate("[ 'www.contoso.com' ]"), params: certParams, aseProps: [bicepClusterSettingsLine(`'${THUMBPRINT}'`)] }),
    },
    {
      name: 'both wildcards',
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
                "clusterSettings": [ { "name": "DefaultSslCertificateThumbprint", "value": "3A5B7C9D1E2F3A5B7C9D1E2F3A5B7C9D1E2F3A5B" } ],
                "internalLoadBalancingMode": "Web",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            },
            {
              "type": "Microsoft.Web/certificates",
              "apiVersion": "2022-03-01",
              "name": "ilb-cert",
              "location": "westeurope",
              "properties": {
                "pfxBlob": "[parameters('pfx')]",
                "password": "[parameters('password')]",
                "thumbprint": "3A5B7C9D1E2F3A5B7C9D1E2F3A5B7C9D1E2F3A5B",
                "hostNames": [ "*.internal.contoso.com", "*.scm.internal.contoso.com" ],
                "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" }
              }
            }
          ]
        }
      `,
      bicep: dedent`
        param pfx string
        param password string
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
            clusterSettings: [ { name: 'DefaultSslCertificateThumbprint', value: '3A5B7C9D1E2F3A5B7C9D1E2F3A5B7C9D1E2F3A5B' } ]
            internalLoadBalancingMode: 'Web'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
        resource ilbCert 'Microsoft.Web/certificates@2022-03-01' = {
          name: 'ilb-cert'
          location: 'westeurope'
          properties: {
            pfxBlob: pfx
            password: password
            thumbprint: '3A5B7C9D1E2F3A5B7C9D1E2F3A5B7C9D1E2F3A5B'
            hostNames: [ '*.internal.contoso.com', '*.scm.internal.contoso.com' ]
            hostingEnvironmentProfile: { id: ase.id }
          }
        }
      `,
    },
    { name: 'names not listed (only in the PFX)', arm: certCase('[]'), bicep: bicepCertCase('[]') },
    {
      name: 'a name unresolved',
      arm: certCase(`[ "*.internal.contoso.com", "[parameters('scm')]" ]`),
      bicep: bicepCertCase("[ '*.internal.contoso.com', scm ]", { ilbMode: 'Web', params: ['param scm string'] }),
    },
    { name: 'External ASE', arm: certCase('[ "*.internal.contoso.com" ]', { ilbMode: 'None' }), bicep: bicepCertCase("[ '*.internal.contoso.com' ]", { ilbMode: 'None' }) },
    {
      // Apps in the ASE upload their own certificates into it too: not the ASE's default certificate.
      name: "an app's certificate uploaded into the ASE, beside the default one",
      arm: certsCase([certificate(bothWildcards), certificate('[ "www.contoso.com" ]', { name: 'app-cert', thumbprint: APP_THUMBPRINT })]),
      bicep: bicepCertsCase([bicepCertificate(bicepBothWildcards), bicepCertificate("[ 'www.contoso.com' ]", { name: 'app-cert', thumbprint: APP_THUMBPRINT })]),
    },
    {
      name: "an app's certificate in an ASE that sets no default certificate",
      arm: certsCase([certificate('[ "www.contoso.com" ]', { name: 'app-cert', thumbprint: APP_THUMBPRINT })], { ilbMode: 'Web' }, null),
      bicep: bicepCertsCase([bicepCertificate("[ 'www.contoso.com' ]", { name: 'app-cert', thumbprint: APP_THUMBPRINT })], { ilbMode: 'Web' }, null),
    },
    {
      name: 'the default thumbprint unresolved',
      arm: certsCase([certificate('[ "www.contoso.com" ]')], { ilbMode: 'Web' }, "[parameters('thumbprint')]"),
      bicep: bicepCertsCase([bicepCertificate("[ 'www.contoso.com' ]")], { ilbMode: 'Web', params: ['param thumbprint string'] }, 'thumbprint'),
    },
    {
      // As in Microsoft's sample: the thumbprint is a parameter of the ASE and the certificate states none.
      name: 'the certificate states no thumbprint to match',
      arm: certsCase([certificate('[ "www.contoso.com" ]', { thumbprint: null })]),
      bicep: bicepCertsCase([bicepCertificate("[ 'www.contoso.com' ]", { thumbprint: null })]),
    },
    {
      name: 'ASEv3 (no default certificate of this kind)',
      arm: certCase('[ "*.internal.contoso.com" ]', { ilbMode: 'Web', kind: 'ASEV3' }),
      bicep: bicepCertCase("[ '*.internal.contoso.com' ]", { ilbMode: 'Web', kind: 'ASEV3' }),
    },
  ],
  invalid: [
    {
      name: 'no *.scm name',
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
                "clusterSettings": [ { "name": "DefaultSslCertificateThumbprint", "value": "3A5B7C9D1E2F3A5B7C9D1E2F3A5B7C9D1E2F3A5B" } ],
                "internalLoadBalancingMode": "Web",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            },
            {
              "type": "Microsoft.Web/certificates",
              "apiVersion": "2022-03-01",
              "name": "ilb-cert",
              //      ^^^^^^^^^^ ASE505
              "location": "westeurope",
              "properties": {
                "pfxBlob": "[parameters('pfx')]",
                "password": "[parameters('password')]",
                "thumbprint": "3A5B7C9D1E2F3A5B7C9D1E2F3A5B7C9D1E2F3A5B",
                "hostNames": [ "*.Internal.Contoso.com" ],
                "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" }
              }
            }
          ]
        }
      `,
      messages: [
        "Certificate 'ilb-cert', the default certificate of ILB ASE 'my-ase', does not cover '*.scm.internal.contoso.com': HTTPS to the apps' SCM (Kudu) sites fails certificate validation",
      ],
      output: null,
      bicep: dedent`
        param pfx string
        param password string
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
            clusterSettings: [ { name: 'DefaultSslCertificateThumbprint', value: '3A5B7C9D1E2F3A5B7C9D1E2F3A5B7C9D1E2F3A5B' } ]
            internalLoadBalancingMode: 'Web'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
        resource ilbCert 'Microsoft.Web/certificates@2022-03-01' = {
          name: 'ilb-cert'
          //    ^^^^^^^^^^ ASE505
          location: 'westeurope'
          properties: {
            pfxBlob: pfx
            password: password
            thumbprint: '3A5B7C9D1E2F3A5B7C9D1E2F3A5B7C9D1E2F3A5B'
            hostNames: [ '*.Internal.Contoso.com' ]
            hostingEnvironmentProfile: { id: ase.id }
          }
        }
      `,
    },
    {
      // The setting as copied from the certificate store: lower case, with spaces.
      name: 'a certificate for another domain, its thumbprint written differently in the setting',
      arm: onCert(certsCase([certificate('[ "*.contoso.com", "*.scm.contoso.com" ]')], { ilbMode: 'Web' }, THUMBPRINT.toLowerCase().replace(/(..)(?!$)/g, '$1 '))),
      bicep: bicepOnCert(
        bicepCertsCase([bicepCertificate("[ '*.contoso.com', '*.scm.contoso.com' ]")], { ilbMode: 'Web' }, `'${THUMBPRINT.toLowerCase().replace(/(..)(?!$)/g, '$1 ')}'`),
      ),
      messages: [
        "Certificate 'ilb-cert', the default certificate of ILB ASE 'my-ase', does not cover '*.internal.contoso.com' or '*.scm.internal.contoso.com': HTTPS to the apps and their SCM (Kudu) sites fails certificate validation",
      ],
      output: null,
    },
    {
      name: 'the default certificate among app certificates',
      arm: onCert(certsCase([certificate('[ "www.contoso.com" ]', { name: 'app-cert', thumbprint: APP_THUMBPRINT }), certificate('[ "*.internal.contoso.com" ]')])),
      bicep: bicepOnCert(
        bicepCertsCase([bicepCertificate("[ 'www.contoso.com' ]", { name: 'app-cert', thumbprint: APP_THUMBPRINT }), bicepCertificate("[ '*.internal.contoso.com' ]")]),
      ),
      messages: [
        "Certificate 'ilb-cert', the default certificate of ILB ASE 'my-ase', does not cover '*.scm.internal.contoso.com': HTTPS to the apps' SCM (Kudu) sites fails certificate validation",
      ],
      output: null,
    },
  ],
});
