import { SCHEMA } from '../support/templates';

/**
 * Inputs no editor session should meet but a server must survive: extreme nesting,
 * enormous arrays and strings, NUL bytes and lone surrogates, each placed where the
 * parser, the expression evaluator, the model builder and the rules will all see it.
 */
export interface Pathological {
  name: string;
  text: string;
}

const DEPTH = 10_000;
const ELEMENTS = 100_000;
const HUGE = 3_000_000;

/** A template with the NSG/VNet/ASE layout the rules look at; `extra` is spliced into its top-level object. */
function template(o: { nsgProperties?: string; variables?: string; parameters?: string; extra?: string; aseName?: string } = {}): string {
  return `{
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",
  "parameters": ${o.parameters ?? '{}'},
  "variables": ${o.variables ?? '{}'},${o.extra ?? ''}
  "resources": [
    { "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-04-01", "name": "ase-nsg",
      "properties": ${o.nsgProperties ?? '{ "securityRules": [ { "name": "DenyAll", "properties": { "priority": 1000, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } } ] }'} },
    { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "ase-vnet",
      "properties": { "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] },
        "subnets": [ { "name": "ase-subnet", "properties": { "addressPrefix": "10.0.1.0/24",
          "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]" } } } ] } },
    { "type": "Microsoft.Web/hostingEnvironments", "apiVersion": "2019-08-01", "name": ${JSON.stringify(o.aseName ?? 'my-ase')}, "kind": "ASEV2",
      "properties": { "internalLoadBalancingMode": "None",
        "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" } } }
  ]
}`;
}

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

function rules(count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `{"name":"r${i}","properties":{"priority":${100 + (i % 3996)},"direction":"${i % 2 ? 'Outbound' : 'Inbound'}","access":"${i % 7 ? 'Allow' : 'Deny'}","protocol":"Tcp","sourceAddressPrefix":"10.${i % 256}.0.0/16","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRange":"${1 + (i % 65535)}"}}`,
  );
  return `{ "securityRules": [${items.join(',')}] }`;
}

export function pathologicalInputs(): Pathological[] {
  const big = 'x'.repeat(HUGE);
  const numbers = Array.from({ length: ELEMENTS }, (_, i) => i).join(',');
  const prefixes = Array.from({ length: ELEMENTS }, (_, i) => `"10.${(i >> 8) & 255}.${i & 255}.0/24"`).join(',');
  return [
    // Deep nesting at the top, inside properties, in a variable the template reads, unterminated.
    { name: 'top-level array nested 10,000 deep', text: deepArray(DEPTH) },
    { name: 'top-level object nested 10,000 deep', text: deepObject(DEPTH) },
    { name: 'NSG properties nested 10,000 deep (arrays)', text: template({ nsgProperties: deepArray(DEPTH) }) },
    { name: 'NSG properties nested 10,000 deep (objects)', text: template({ nsgProperties: deepObject(DEPTH) }) },
    {
      name: 'variable nested 10,000 deep, read by an expression',
      text: template({ variables: `{ "deep": ${deepObject(DEPTH)} }`, nsgProperties: `{ "securityRules": "[variables('deep')]" }` }),
    },
    { name: 'parameter default nested 10,000 deep', text: template({ parameters: `{ "p": { "type": "object", "defaultValue": ${deepArray(DEPTH)} } }` }) },
    { name: 'unterminated nesting 10,000 deep', text: template().slice(0, -40) + '[{"a":'.repeat(DEPTH) },
    { name: 'expression nested 10,000 deep', text: template({ variables: `{ "v": "[${'concat('.repeat(DEPTH)}'a'${')'.repeat(DEPTH)}]" }`, aseName: "[variables('v')]" }) },
    { name: 'property access chain 10,000 long', text: template({ variables: `{ "v": "[createObject('a', 1)${'.a'.repeat(DEPTH)}]" }`, aseName: "[variables('v')]" }) },
    { name: 'variables referring to each other 2,000 deep', text: template({ variables: `{ ${Array.from({ length: 2000 }, (_, i) => `"v${i}": "[variables('v${i + 1}')]"`).join(',')}, "v2000": "x" }`, aseName: "[variables('v0')]" }) },
    { name: 'variables referring to themselves in a cycle', text: template({ variables: `{ "a": "[variables('b')]", "b": "[concat(variables('a'), 'x')]" }`, aseName: "[variables('a')]" }) },
    // 100,000-element arrays where the model reads arrays.
    { name: '100,000 security rules', text: template({ nsgProperties: rules(ELEMENTS) }) },
    { name: '100,000 numbers as the resources array', text: `{ "$schema": "${SCHEMA}", "resources": [${numbers}] }` },
    { name: '100,000 address prefixes on a rule', text: template({ nsgProperties: `{ "securityRules": [ { "name": "many", "properties": { "priority": 100, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefixes": [${prefixes}], "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } } ] }` }) },
    { name: '100,000-element variable through length() and copy', text: template({ variables: `{ "many": [${numbers}] }`, nsgProperties: `{ "copy": [ { "name": "securityRules", "count": "[length(variables('many'))]", "input": { "name": "[string(copyIndex('securityRules'))]", "properties": { "priority": "[add(100, copyIndex('securityRules'))]", "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } } } ] }` }) },
    // Strings of a few MB: as a value, a name, inside an expression, a key, a comment, whitespace.
    { name: '3 MB string value', text: template({ extra: `\n  "metadata": { "description": "${big}" },` }) },
    { name: '3 MB resource name', text: template({ aseName: big }) },
    { name: '3 MB string inside an expression', text: template({ aseName: `[concat('${big}', 'x')]` }) },
    { name: '3 MB property name', text: template({ extra: `\n  "${big}": 1,` }) },
    { name: '3 MB comment', text: template({ extra: `\n  /* ${big} */` }) },
    { name: '3 MB of whitespace', text: template({ extra: ' '.repeat(HUGE) }) },
    { name: '3 MB unterminated string', text: template().slice(0, 200) + `"${big}` },
    // Invalid UTF-16 and NUL, raw and escaped, in values, keys, names and between tokens.
    { name: 'lone high surrogates in names and values', text: template({ aseName: 'ase-\uD800', extra: '\n  "k\uD800": "\uDBFF",' }) },
    { name: 'lone low surrogate at the very end', text: template() + '\uDC00' },
    { name: 'escaped lone surrogates', text: template({ aseName: 'ase-\\uD800\\uDFFF\\uDC00', extra: '\n  "\\uDFFF": "\\uD800",' }) },
    { name: 'surrogates in an expression', text: template({ aseName: "[concat('\uD800', '\\uDC00', toUpper('\uDFFF'))]" }) },
    { name: 'NUL bytes between tokens and in strings', text: template({ aseName: 'ase\0name', extra: '\0\n  "nul\0": "\0",\0' }) },
    { name: 'escaped NUL', text: template({ aseName: 'a\\u0000b', extra: '\n  "\\u0000": "\\u0000",' }) },
    { name: 'NUL inside the $schema', text: template().replace('deploymentTemplate', 'deployment\0Template') },
    { name: 'only NUL bytes', text: '\0'.repeat(10_000) },
    { name: 'a BOM and every kind of line break', text: '\uFEFF' + mixedLineBreaks(template()) },
  ];
}

/** `\r\n`, `\r`, `\n` and U+2028 in turn: positions must count lines the way LSP does. */
function mixedLineBreaks(text: string): string {
  let k = 0;
  return text.replace(/\n/g, () => ['\r\n', '\r', '\n', '\u2028'][k++ % 4]);
}
