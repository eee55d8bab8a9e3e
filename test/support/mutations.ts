import { parse } from 'jsonc-parser';
import type { Prng } from './prng';

/**
 * Text fragments a byte edit inserts: JSON punctuation, comment openers, ARM expression
 * openers, line breaks of every kind, NUL, lone surrogates, a BOM, an astral character.
 */
const fragments = [
  '{', '}', '[', ']', '"', ',', ':', '\\', "'", '(', ')', ' ', '\n', '\r', '\r\n', '\t', '\0', '\uD800', '\uDFFF',
  '/*', '*/', '//', '[[', "['", '0', '-1', '1e999', 'null', 'true', '\u2028', '\uD83D\uDE00', '\uFEFF', "[parameters('",
  "[variables('", '[copyIndex(', ')]', '/', '*', '-', '.', '"$schema"', '"resources"', '"copy"', '"properties"',
];

/** One to six edits at random places: deletions, insertions, replacements, duplicated and swapped spans. */
export function byteMutant(prng: Prng, text: string): string {
  let t = text;
  for (let edits = 1 + prng.int(6); edits > 0; edits--) {
    const at = prng.int(t.length + 1);
    const span = 1 + prng.int(prng.chance(0.8) ? 8 : 200);
    switch (prng.int(5)) {
      case 0:
        t = t.slice(0, at) + t.slice(at + span);
        break;
      case 1:
        t = t.slice(0, at) + prng.pick(fragments) + t.slice(at);
        break;
      case 2:
        t = t.slice(0, at) + prng.pick(fragments) + t.slice(at + 1);
        break;
      case 3:
        t = t.slice(0, at) + t.slice(at, at + span) + t.slice(at);
        break;
      default: {
        const other = prng.int(t.length + 1);
        const [a, b] = at < other ? [at, other] : [other, at];
        t = t.slice(0, a) + t.slice(b, b + span) + t.slice(a + span, b) + t.slice(a, a + span) + t.slice(b + span);
      }
    }
  }
  return t;
}

/**
 * Values a tree edit puts anywhere in a template: wrong types, edge numbers, addresses
 * and ports the evaluators must refuse, and ARM expressions that are broken, refer to
 * nothing, recurse, or ask for huge results.
 */
const oddValues: unknown[] = [
  null, true, false, 0, -1, 1.5, 4096, 65536, 1e308, -1e308, '', ' ', '*', '0.0.0.0/0', '10.0.0.0/33', '10.0.0.0/8',
  '10.1.2.3/24', '::/0', 'fe80::/10', '256.1.1.1/24', '10.0.0.0/-1', '65535', '0-65535', '100-1', '*-*', '70000',
  'Internet', 'VirtualNetwork', 'AzureLoadBalancer', 'AppServiceManagement', 'Storage.WestEurope', 'Sql', 'Deny',
  'Allow', 'Inbound', 'Outbound', 'Tcp', 'Icmp', 'VirtualAppliance', 'VirtualNetworkGateway', 'None', 'ASEV1', 'ASEV3',
  "[parameters('nope')]", "[variables('nope')]", '[concat(', '[]', '[[escaped', '[copyIndex()]', "[copyIndex('x', 5)]",
  '[resourceId()]', "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'a')]", "[reference('x').properties]",
  "[json('{')]", "[int('x')]", '[div(1, 0)]', '[mod(1, 0)]', '[range(0, 100000000)]', '[last(createArray())]',
  "[first('')]", "[substring('abc', 5, 10)]", "[split('', '')]", "[cidrSubnet('10.0.0.0/8', 33, 0)]",
  "[cidrSubnet('10.0.0.0/8', 24, 99999999)]", "[parseCidr('x')]", '[if(true(), 1)]', "[createObject('a')]",
  '[union()]', "[padLeft('a', 1000000, 'x')]", "[format('{0}{1}', 1)]", "[format('{999999999}', 1)]",
  "[variables('v')]", "[parameters('p')]", "[string(variables('v'))]", "[length(variables('v'))]",
  "[map(range(0, 100), lambda('i', range(0, 100)))]", "[reduce(range(0, 10000), '', lambda('a', 'b', concat(lambdaVariables('a'), 'xxxxxxxxxx')))]",
  "[items(parameters('p'))]", "[tryGet(null(), 'a')]", "[json('[1,2')]", "[skip('abc', -5)]", "[take(createArray(1), 1000000)]",
  [], {}, [null], { id: null }, { id: 42 }, { copy: [{ name: 'x', count: 800, input: { a: '[copyIndex(\'x\')]' } }] },
  { copy: [{ name: 'x', count: -1 }] }, { copy: { name: 'x', count: "[length(variables('v'))]" } },
];

/** Parses tolerantly, changes one to four values in the tree, prints it back as JSON. */
export function treeMutant(prng: Prng, text: string): string {
  const root: unknown = parse(text, [], { allowTrailingComma: true, disallowComments: false });
  if (root === null || typeof root !== 'object') return text;
  const doc = { root };
  for (let edits = 1 + prng.int(4); edits > 0; edits--) {
    const slots = collectSlots(doc, 'root');
    const [holder, key] = prng.pick(slots);
    const op = prng.int(6);
    if (op === 0 && Array.isArray(holder)) holder.splice(Number(key), 0, structuredClone(holder[Number(key)]));
    else if (op === 1 && !Array.isArray(holder) && holder !== doc) delete holder[key];
    else if (op === 2) set(holder, key, structuredClone(valueAt(prng.pick(slots))));
    else set(holder, key, structuredClone(prng.pick(oddValues)));
  }
  return JSON.stringify(doc.root, null, 2);
}

type Holder = Record<string, unknown> | unknown[];

function valueAt([holder, key]: [Holder, string | number]): unknown {
  return (holder as Record<string | number, unknown>)[key];
}

function set(holder: Holder, key: string | number, value: unknown): void {
  (holder as Record<string | number, unknown>)[key] = value;
}

/** Every place a value sits in the tree: the containing object or array and the key or index. */
function collectSlots(holder: Holder, key: string | number, out: [Holder, string | number][] = []): [Holder, string | number][] {
  out.push([holder, key]);
  const v = valueAt([holder, key]);
  if (Array.isArray(v)) v.forEach((_, i) => collectSlots(v, i, out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) collectSlots(v as Record<string, unknown>, k, out);
  return out;
}
