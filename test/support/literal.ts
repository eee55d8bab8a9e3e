/**
 * Variations of a rule table's literal texts. A table writes its canonical case out as a
 * whole template (ARM and Bicep, with carets and the text after the fix); the cases that
 * differ from it by a resource or a value are that text with one edit, stated here so that
 * a case reads as what differs. Each edit fails when its anchor is not where it expects
 * it, so a change to the literal text cannot silently leave a variation unchanged.
 */
import { ANNOTATION } from './tester';

/** `text` with the one occurrence of `from` replaced by `to` (literally: `$` in `to` is not special). */
export function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0) throw new Error(`not exactly one occurrence of ${JSON.stringify(from)}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** `text` with each `[from, to]` pair applied by replaceOnce, in order. */
export function replacing(text: string, ...pairs: [from: string, to: string][]): string {
  return pairs.reduce((t, [from, to]) => replaceOnce(t, from, to), text);
}

/** `text` without its caret annotations (the lines `// ^^^ ASE123` that tester.ts reads). */
export function withoutCarets(text: string): string {
  return text
    .split('\n')
    .filter((l) => !ANNOTATION.test(l))
    .join('\n');
}

/**
 * `text` with a caret annotation under `target` on the one line that contains `line`, as
 * the tables write theirs by hand: the `//` ends where the target starts, the carets span it.
 */
export function withCarets(text: string, line: string, target: string, code: string): string {
  const lines = text.split('\n');
  const at = lines.flatMap((l, i) => (l.includes(line) ? [i] : []));
  if (at.length !== 1) throw new Error(`not exactly one line with ${JSON.stringify(line)}`);
  const start = lines[at[0]].indexOf(target);
  if (start < 2) throw new Error(`${JSON.stringify(target)} must start after column 2 of its line`);
  lines.splice(at[0] + 1, 0, `${' '.repeat(start - 2)}//${'^'.repeat(target.length)} ${code}`);
  return lines.join('\n');
}

/** An ARM template with `"parameters": { <declarations> },` after its `contentVersion` line. */
export function armWithParameters(text: string, declarations: string): string {
  const line = '  "contentVersion": "1.0.0.0",';
  return replaceOnce(text, `${line}\n`, `${line}\n  "parameters": { ${declarations} },\n`);
}

/** An ARM template (as the tables write it: `resources` last, two-space indent) with `resources` (objects indented by 4) appended to its resources. */
export function armWithResources(text: string, ...resources: string[]): string {
  const end = '\n  ]\n}';
  if (!text.endsWith(end)) throw new Error('the template does not end with its resources array');
  return `${text.slice(0, -end.length)},\n${resources.join(',\n')}${end}`;
}

/** An ARM template with `resource` (an object indented by 4) as its first resource. */
export function armWithFirstResource(text: string, resource: string): string {
  const start = '  "resources": [\n';
  return replaceOnce(text, start, `${start}${resource},\n`);
}

/**
 * An ARM template with the top-level resource named `name` (an object indented by 4, its
 * `"name"` line at 6) replaced by `resource`.
 */
export function armReplaceResource(text: string, name: string, resource: string): string {
  const lines = text.split('\n');
  const named = lines.flatMap((l, i) => (l === `      "name": "${name}",` || l === `      "name": "${name}"` ? [i] : []));
  if (named.length !== 1) throw new Error(`not exactly one top-level resource named ${name}`);
  const nameLine = named[0];
  const start = lines.lastIndexOf('    {', nameLine);
  const end = lines.findIndex((l, i) => i > nameLine && /^    },?$/.test(l));
  if (start < 0 || end < 0) throw new Error(`the resource ${name} is not an object indented by 4`);
  return [...lines.slice(0, start), ...resource.split('\n').map((l, i, all) => (i === all.length - 1 ? l + lines[end].slice(5) : l)), ...lines.slice(end + 1)].join('\n');
}

/** A Bicep text with the declaration `resource <symbol> …` (to its closing `}` at column 0) replaced by `declaration`. */
export function bicepReplaceDeclaration(text: string, symbol: string, declaration: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`resource ${symbol} `));
  const end = lines.findIndex((l, i) => i > start && l === '}');
  if (start < 0 || end < 0 || lines.some((l, i) => i > start && l.startsWith(`resource ${symbol} `))) throw new Error(`not exactly one declaration ${symbol}`);
  return [...lines.slice(0, start), declaration, ...lines.slice(end + 1)].join('\n');
}

/** A route table `table` that sends everything to a firewall (10.0.0.4), as an ARM resource (indented by 4). */
export function firewallRouteTable(table: string): string {
  return [
    '    {',
    '      "type": "Microsoft.Network/routeTables",',
    '      "apiVersion": "2023-04-01",',
    `      "name": "${table}",`,
    '      "location": "westeurope",',
    '      "properties": {',
    '        "routes": [ { "name": "to-firewall", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.0.4" } } ]',
    '      }',
    '    }',
  ].join('\n');
}

/** The twin of firewallRouteTable: the declaration `routes`. */
export function bicepFirewallRouteTable(table: string): string {
  return [
    "resource routes 'Microsoft.Network/routeTables@2023-04-01' = {",
    `  name: '${table}'`,
    "  location: 'westeurope'",
    '  properties: {',
    "    routes: [ { name: 'to-firewall', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } } ]",
    '  }',
    '}',
  ].join('\n');
}

/**
 * An ARM template with firewallRouteTable(`table`) as its first resource, on the subnet
 * whose NSG is `nsg` (the `routeTable` reference after its `networkSecurityGroup`, at the
 * indentation of a first subnet's properties).
 */
export function armWithFirewallRoutes(text: string, table: string, nsg: string): string {
  const nsgRef = `"id": "[resourceId('Microsoft.Network/networkSecurityGroups', '${nsg}')]"\n              },`;
  const attached = replaceOnce(text, nsgRef, `${nsgRef}\n              "routeTable": {\n                "id": "[resourceId('Microsoft.Network/routeTables', '${table}')]"\n              },`);
  return armWithFirstResource(attached, firewallRouteTable(table));
}

/** The twin of armWithFirewallRoutes: the declaration `routes` before `resource vnet`, and `routeTable: { id: routes.id }` after the subnet's `networkSecurityGroup: { id: nsg.id }`. */
export function bicepWithFirewallRoutes(text: string, table: string): string {
  return replacing(
    text,
    ['networkSecurityGroup: { id: nsg.id }', 'networkSecurityGroup: { id: nsg.id }\n          routeTable: { id: routes.id }'],
    ['resource vnet ', `${bicepFirewallRouteTable(table)}\n\nresource vnet `],
  );
}
