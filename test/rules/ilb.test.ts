// ASE501-ASE505: an ILB ASE's domain, its apps' host names and SSL, its DNS records and certificate.
import { ilbCertificateNames } from '../../server/src/rules/ilb-certificate-names';
import { ilbCustomDomainOverlap } from '../../server/src/rules/ilb-custom-domain-overlap';
import { ilbDnsRecords } from '../../server/src/rules/ilb-dns-records';
import { ilbIpSsl } from '../../server/src/rules/ilb-ip-ssl';
import { ilbReservedDomain } from '../../server/src/rules/ilb-reserved-domain';
import { ruleTester } from '../support/tester';
import { aseTemplate, caretsUnder, inserted, type AseTemplate } from '../support/templates';
import { bicepTwin, type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';

// The Bicep twins: the same deployments, with the ASE's extra properties in `aseProps`.
const bicepDomainLine = (d: string) => `    dnsSuffix: '${d}'`;
const bicepWithDomain = (d: string, o: TwinSpec = { ilbMode: 'Web' }) => bicepTwin({ ...o, aseProps: [bicepDomainLine(d), ...(o.aseProps ?? [])] });
const bicepOnDomain = (d: string, o: TwinSpec = { ilbMode: 'Web' }) => annotate(bicepWithDomain(d, o), bicepDomainLine(d), `'${d}'`, 'ASE501');

/** The ASE with more lines at the start of its `properties` (indented by 8, each ending with a comma). */
function withAseProps(o: AseTemplate, lines: string[]): string {
  const ilb = `        "internalLoadBalancingMode": ${JSON.stringify(o.ilbMode ?? 'None')},`;
  const text = aseTemplate(o);
  if (!text.includes(ilb)) throw new Error('no ILB mode line');
  return text.replace(ilb, [...lines, ilb].join('\n'));
}
const domainLine = (d: string) => `        "dnsSuffix": ${JSON.stringify(d)},`;
const withDomain = (d: string, o: AseTemplate = { ilbMode: 'Web' }) => withAseProps(o, [domainLine(d)]);
const onDomain = (d: string, o: AseTemplate = { ilbMode: 'Web' }) =>
  withAseProps(o, [domainLine(d), caretsUnder(domainLine(d), JSON.stringify(d), 'ASE501')]);
const reserved = (d: string) =>
  `The domain '${d}' of ILB ASE 'my-ase' is reserved for App Service's public names: Azure rejects it and the ASE is not created (use a domain of your own)`;

ruleTester(ilbReservedDomain, {
  valid: [
    { name: 'a domain of your own', arm: withDomain('internal.contoso.com'), bicep: bicepWithDomain('internal.contoso.com') },
    {
      name: 'a subdomain of azurewebsites.net that App Service does not keep',
      arm: withDomain('contoso.azurewebsites.net'),
      bicep: bicepWithDomain('contoso.azurewebsites.net'),
    },
    { name: "another ASE's name under p.azurewebsites.net", arm: withDomain('other-ase.p.azurewebsites.net'), bicep: bicepWithDomain('other-ase.p.azurewebsites.net') },
    {
      name: 'External ASE (Azure picks the domain)',
      arm: withDomain('azurewebsites.net', { ilbMode: 'None' }),
      bicep: bicepWithDomain('azurewebsites.net', { ilbMode: 'None' }),
    },
    {
      name: 'domain unresolved',
      arm: withDomain("[parameters('domain')]"),
      bicep: bicepTwin({ ilbMode: 'Web', params: ['param domain string'], aseProps: ['    dnsSuffix: domain'] }),
    },
    {
      name: 'ILB mode unresolved',
      arm: withDomain('net', { ilbMode: "[parameters('mode')]" }),
      bicep: bicepWithDomain('net', { params: ['param mode string'], ilbModeExpr: 'mode' }),
    },
  ],
  invalid: [
    { name: 'azurewebsites.net', arm: onDomain('azurewebsites.net'), messages: [reserved('azurewebsites.net')], output: null, bicep: bicepOnDomain('azurewebsites.net') },
    { name: 'net, ILB mode as a number', arm: onDomain('net', { ilbMode: 3 }), messages: [reserved('net')], output: null, bicep: bicepOnDomain('net', { ilbMode: 3 }) },
    {
      name: 'p.azurewebsites.net in capitals with a trailing dot, ILB for publishing only',
      arm: onDomain('P.AzureWebsites.NET.', { ilbMode: 'Publishing' }),
      messages: [reserved('p.azurewebsites.net')],
      output: null,
      bicep: bicepOnDomain('P.AzureWebsites.NET.', { ilbMode: 'Publishing' }),
    },
    {
      name: "the ASE's own name under p.azurewebsites.net",
      arm: onDomain('My-ASE.p.azurewebsites.net'),
      messages: [reserved('my-ase.p.azurewebsites.net')],
      output: null,
      bicep: bicepOnDomain('My-ASE.p.azurewebsites.net'),
    },
    {
      name: 'ASEv3 too',
      arm: onDomain('azurewebsites.net', { ilbMode: 'Web', kind: 'ASEV3' }),
      messages: [reserved('azurewebsites.net')],
      output: null,
      bicep: bicepOnDomain('azurewebsites.net', { ilbMode: 'Web', kind: 'ASEV3' }),
    },
  ],
});

/** A plan in the ASE and an app on it; `sslStates` are the app's `hostNameSslStates` lines (indented by 10). */
function appInAse(sslStates: string[], binding?: string): string[] {
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
const sslState = (host: string, state: string, last = true) =>
  `          { "name": "${host}", "sslState": "${state}", "thumbprint": "ABC" }${last ? '' : ','}`;
const ipSslMessage =
  "App 'orders' in ILB ASE 'my-ase' uses IP-based SSL: an ILB ASE cannot give an app an address of its own, so the binding fails (use SNI SSL)";
const ilb = (extra: string[], o: AseTemplate = {}) => aseTemplate({ ilbMode: 'Web', ...o, extraResources: extra });
const binding = (state: string) =>
  [
    '    {',
    '      "type": "Microsoft.Web/sites/hostNameBindings",',
    '      "apiVersion": "2022-03-01",',
    '      "name": "orders/orders.internal.contoso.com",',
    `      "properties": { "sslState": "${state}", "thumbprint": "ABC" }`,
    '    }',
  ].join('\n');

/** The twin of appInAse: `sslStates` are the app's `hostNameSslStates` lines (indented by 6). */
function bicepAppInAse(sslStates: string[], binding?: string[]): string[] {
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
const bicepSslState = (host: string, state: string) => `      { name: '${host}', sslState: '${state}', thumbprint: 'ABC' }`;
const bicepIlb = (extra: string[], o: TwinSpec = {}) => bicepTwin({ ilbMode: 'Web', ...o, extraResources: extra });
const bicepBinding = (state: string, host = 'orders.internal.contoso.com') => [
  "resource binding 'Microsoft.Web/sites/hostNameBindings@2022-03-01' = {",
  `  name: 'orders/${host}'`,
  `  properties: { sslState: '${state}', thumbprint: 'ABC' }`,
  '}',
];
const bicepIpLine = bicepSslState('orders.internal.contoso.com', 'IpBasedEnabled');
const bicepIpInSslStates = annotate(
  bicepIlb(bicepAppInAse([bicepSslState('orders.contoso.com', 'SniEnabled'), bicepIpLine])),
  bicepIpLine,
  "'IpBasedEnabled'",
  'ASE503',
);
const bicepIpInBinding = annotate(bicepIlb(bicepAppInAse([], bicepBinding('IpBasedEnabled'))), "properties: { sslState: 'IpBasedEnabled'", "'IpBasedEnabled'", 'ASE503');
const bicepCountLine = (n: number | string) => `    ipsslAddressCount: ${n}`;

const ipLine = sslState('orders.internal.contoso.com', 'IpBasedEnabled');
const countLine = (n: number | string) => `        "ipsslAddressCount": ${JSON.stringify(n)},`;

const ipInSslStates = ilb(appInAse([sslState('orders.contoso.com', 'SniEnabled', false), ipLine, caretsUnder(ipLine, '"IpBasedEnabled"', 'ASE503')]));
const bindingLine = '      "properties": { "sslState": "IpBasedEnabled", "thumbprint": "ABC" }';
const ipInBinding = ilb(appInAse([], binding('IpBasedEnabled'))).replace(bindingLine, `${bindingLine}\n${caretsUnder(bindingLine, '"IpBasedEnabled"', 'ASE503')}`);

ruleTester(ilbIpSsl, {
  valid: [
    {
      name: 'SNI SSL in an ILB ASE',
      arm: ilb(appInAse([sslState('orders.internal.contoso.com', 'SniEnabled')])),
      bicep: bicepIlb(bicepAppInAse([bicepSslState('orders.internal.contoso.com', 'SniEnabled')])),
    },
    { name: 'IP-based SSL in an External ASE', arm: ilb(appInAse([ipLine]), { ilbMode: 'None' }), bicep: bicepIlb(bicepAppInAse([bicepIpLine]), { ilbMode: 'None' }) },
    {
      name: 'ILB mode unresolved',
      arm: ilb(appInAse([ipLine]), { ilbMode: "[parameters('mode')]" }),
      bicep: bicepIlb(bicepAppInAse([bicepIpLine]), { params: ['param mode string'], ilbModeExpr: 'mode' }),
    },
    { name: 'ipsslAddressCount 0 on an ILB ASE', arm: withAseProps({ ilbMode: 'Web' }, [countLine(0)]), bicep: bicepTwin({ ilbMode: 'Web', aseProps: [bicepCountLine(0)] }) },
    { name: 'ipsslAddressCount on an External ASE', arm: withAseProps({ ilbMode: 'None' }, [countLine(2)]), bicep: bicepTwin({ ilbMode: 'None', aseProps: [bicepCountLine(2)] }) },
    {
      name: 'ipsslAddressCount unresolved',
      arm: withAseProps({ ilbMode: 'Web' }, [countLine("[parameters('count')]")]),
      bicep: bicepTwin({ ilbMode: 'Web', params: ['param count int'], aseProps: [bicepCountLine('count')] }),
    },
  ],
  invalid: [
    {
      name: 'hostNameSslStates with IpBasedEnabled, switched to SNI',
      arm: ipInSslStates,
      messages: [ipSslMessage],
      output: ipInSslStates.replace('"IpBasedEnabled"', '"SniEnabled"'),
      bicep: bicepIpInSslStates,
      bicepOutput: bicepIpInSslStates.replace("'IpBasedEnabled'", "'SniEnabled'"),
    },
    {
      name: 'a hostNameBindings child with IpBasedEnabled',
      arm: ipInBinding,
      messages: [ipSslMessage],
      output: ipInBinding.replace('"IpBasedEnabled"', '"SniEnabled"'),
      bicep: bicepIpInBinding,
      bicepOutput: bicepIpInBinding.replace("'IpBasedEnabled'", "'SniEnabled'"),
    },
    {
      name: 'app-assigned addresses on an ILB ASEv2',
      arm: withAseProps({ ilbMode: 'Web' }, [countLine(2), caretsUnder(countLine(2), '2', 'ASE503')]),
      messages: ["ILB ASE 'my-ase' asks for 2 app-assigned IP addresses (ipsslAddressCount): an ILB ASE has only its internal address, so Azure rejects the ASE"],
      output: null,
      bicep: annotate(bicepTwin({ ilbMode: 'Web', aseProps: [bicepCountLine(2)] }), bicepCountLine(2), '2', 'ASE503'),
    },
  ],
});

const overlapMessage = (host: string) =>
  `App 'orders' binds the custom host name '${host}', which lies inside the domain 'contoso.com' of ILB ASE 'my-ase': the ASE claims every name in its domain for its own apps, so the binding fails`;
const inDomain = (states: string[], o: AseTemplate = { ilbMode: 'Web' }, binding?: string) =>
  withAseProps({ ...o, extraResources: appInAse(states, binding) }, [domainLine('contoso.com')]);
const wwwLine = sslState('www.contoso.com', 'SniEnabled', false);
const bicepInDomain = (states: string[], o: TwinSpec = { ilbMode: 'Web' }, binding?: string[]) =>
  bicepWithDomain('contoso.com', { ...o, extraResources: bicepAppInAse(states, binding) });
const bicepWwwLine = bicepSslState('www.contoso.com', 'SniEnabled');
const bicepDeepLine = bicepSslState('A.B.Contoso.com', 'SniEnabled');
const deepLine = sslState('A.B.Contoso.com', 'SniEnabled');

ruleTester(ilbCustomDomainOverlap, {
  valid: [
    {
      name: "the app's own names",
      arm: inDomain([sslState('orders.contoso.com', 'SniEnabled', false), sslState('orders.scm.contoso.com', 'SniEnabled')]),
      bicep: bicepInDomain([bicepSslState('orders.contoso.com', 'SniEnabled'), bicepSslState('orders.scm.contoso.com', 'SniEnabled')]),
    },
    { name: 'a custom name in another domain', arm: inDomain([sslState('www.contoso.net', 'SniEnabled')]), bicep: bicepInDomain([bicepSslState('www.contoso.net', 'SniEnabled')]) },
    { name: 'a name that only ends like the domain', arm: inDomain([sslState('shopcontoso.com', 'SniEnabled')]), bicep: bicepInDomain([bicepSslState('shopcontoso.com', 'SniEnabled')]) },
    { name: 'External ASE', arm: inDomain([wwwLine.slice(0, -1)], { ilbMode: 'None' }), bicep: bicepInDomain([bicepWwwLine], { ilbMode: 'None' }) },
    {
      name: 'host name unresolved',
      arm: inDomain([sslState("[parameters('host')]", 'SniEnabled')]),
      bicep: bicepInDomain(["      { name: host, sslState: 'SniEnabled', thumbprint: 'ABC' }"], { ilbMode: 'Web', params: ['param host string'] }),
    },
  ],
  invalid: [
    {
      name: 'www and a deeper name',
      arm: inDomain([wwwLine, caretsUnder(wwwLine, '"www.contoso.com"', 'ASE502'), deepLine, caretsUnder(deepLine, '"A.B.Contoso.com"', 'ASE502')]),
      messages: [overlapMessage('www.contoso.com'), overlapMessage('a.b.contoso.com')],
      output: null,
      bicep: annotate(annotate(bicepInDomain([bicepWwwLine, bicepDeepLine]), bicepWwwLine, "'www.contoso.com'", 'ASE502'), bicepDeepLine, "'A.B.Contoso.com'", 'ASE502'),
    },
    {
      name: 'a hostNameBindings child, ASEv3',
      arm: (() => {
        const line = '      "name": "orders/shop.contoso.com",';
        return inDomain([], { ilbMode: 'Web', kind: 'ASEV3' }, binding('SniEnabled').replace('orders/orders.internal.contoso.com', 'orders/shop.contoso.com')).replace(
          line,
          `${line}\n${caretsUnder(line, '"orders/shop.contoso.com"', 'ASE502')}`,
        );
      })(),
      messages: [overlapMessage('shop.contoso.com')],
      output: null,
      bicep: annotate(
        bicepInDomain([], { ilbMode: 'Web', kind: 'ASEV3' }, bicepBinding('SniEnabled', 'shop.contoso.com')),
        "name: 'orders/shop.contoso.com'",
        "'orders/shop.contoso.com'",
        'ASE502',
      ),
    },
  ],
});

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
const v3Zone = 'my-ase.appserviceenvironment.net';
const aseId = "resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')";
const v2Address = `[reference(concat(${aseId}, '/capacities/virtualip'), '2016-09-01').internalIpAddress]`;
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
      name: 'a zone managed app by app (a record and its .scm for one app): the wildcards are not missing',
      arm: dnsCase([zone(contoso), record(contoso, 'orders'), record(contoso, 'orders.scm')]),
      bicep: bicepDnsCase([...bicepZone(contoso), ...bicepRecord('orders', contoso, 'orders'), ...bicepRecord('ordersScm', contoso, 'orders.scm')]),
    },
    {
      name: '* and *.scm on ASEv2',
      arm: dnsCase([zone(contoso), record(contoso, '*'), record(contoso, '*.scm')]),
      bicep: bicepDnsCase([...bicepZone(contoso), ...bicepRecord('star', contoso, '*'), ...bicepRecord('scm', contoso, '*.scm')]),
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
      // ASEv1/v2 give their address only through `capacities/virtualip`, which Bicep cannot
      // declare: the Bicep finding comes without the fix.
      name: 'no *.scm record',
      arm: onZone(dnsCase([zone(contoso), record(contoso, '*')]), contoso),
      bicep: bicepOnZone(bicepDnsCase([...bicepZone(contoso), ...bicepRecord('star', contoso, '*')]), contoso),
      messages: [
        "DNS zone 'internal.contoso.com' of ILB ASE 'my-ase' has no A record for '*.scm': the names of the apps' SCM (Kudu) sites do not resolve to the ASE, so they cannot be reached",
      ],
      output: onZone(dnsCase([zone(contoso), record(contoso, '*'), newRecord(contoso, '*.scm', v2Address)]), contoso),
      bicepOutput: null,
    },
    {
      name: 'ASEv3 without dnsSuffix: the zone of its default domain, no records',
      arm: onZone(dnsCase([zone(v3Zone)], v3, null), v3Zone),
      bicep: bicepOnZone(bicepDnsCase(bicepZone(v3Zone), v3, null), v3Zone),
      messages: [
        "DNS zone 'my-ase.appserviceenvironment.net' of ILB ASE 'my-ase' has no A records for '*', '*.scm' and '@': the names of the apps, the apps' SCM (Kudu) sites and the domain itself do not resolve to the ASE, so they cannot be reached",
      ],
      output: onZone(dnsCase([zone(v3Zone), ...['*', '*.scm', '@'].map((r) => newRecord(v3Zone, r, v3Address))], v3, null), v3Zone),
      // The fix also declares the ASE's `configurations/networking`, to read the address from.
      bicepOutput: bicepAppended(bicepOnZone(bicepDnsCase(bicepZone(v3Zone), v3, null), v3Zone), [
        bicepNetworking(),
        bicepNewRecord('zoneApps', '*'),
        bicepNewRecord('zoneScm', '*.scm'),
        bicepNewRecord('zoneApex', '@'),
      ]),
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
  ],
});

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
  bicepDnsCase(certs.flat(), {
    ...o,
    params: [...certParams, ...(o.params ?? [])],
    aseProps: [...(setting === null ? [] : [bicepClusterSettingsLine(setting)]), ...(o.aseProps ?? [])],
  });
const bicepCertCase = (hostNames: string, o: TwinSpec = { ilbMode: 'Web' }) => bicepCertsCase([bicepCertificate(hostNames)], o);
const bicepOnCert = (text: string) => annotate(text, "name: 'ilb-cert'", "'ilb-cert'", 'ASE505');
const bothWildcards = '[ "*.internal.contoso.com", "*.scm.internal.contoso.com" ]';
const bicepBothWildcards = "[ '*.internal.contoso.com', '*.scm.internal.contoso.com' ]";

ruleTester(ilbCertificateNames, {
  valid: [
    { name: 'both wildcards', arm: certCase(bothWildcards), bicep: bicepCertCase(bicepBothWildcards) },
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
      arm: onCert(certCase('[ "*.Internal.Contoso.com" ]')),
      bicep: bicepOnCert(bicepCertCase("[ '*.Internal.Contoso.com' ]")),
      messages: [
        "Certificate 'ilb-cert', the default certificate of ILB ASE 'my-ase', does not cover '*.scm.internal.contoso.com': HTTPS to the apps' SCM (Kudu) sites fails certificate validation",
      ],
      output: null,
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
