import { SCHEMA } from '../../support/templates';
import type { Prng } from '../../support/prng';

/** Files of one bomb: the entry first (relative names, `/`), each with its text. */
export interface Bomb {
  name: string;
  files: [string, string][];
  /** True when the bomb asks for far more than any budget allows: the analysis must stop with the note. */
  explodes: boolean;
  /** The note that stops it, when not the budget's (Bicep stops reading modules after 256 files). */
  stoppedBy?: RegExp;
}

const nsgLoop = (count: number) => ({
  type: 'Microsoft.Network/networkSecurityGroups',
  apiVersion: '2023-04-01',
  name: "[concat('n', copyIndex())]",
  copy: { name: 'n', count },
});

/** Inline nested deployments `depth` deep, a copy loop of `count` at each level (the 682-byte bomb of the report is 4 × 15). */
export function nestedDeployments(depth: number, count: number, inner = false): string {
  const level = (d: number): unknown =>
    d === 0
      ? { $schema: SCHEMA, resources: [nsgLoop(count)] }
      : {
          $schema: SCHEMA,
          resources: [
            {
              type: 'Microsoft.Resources/deployments',
              apiVersion: '2022-09-01',
              name: `[concat('d${d}', copyIndex())]`,
              copy: { name: `c${d}`, count },
              properties: {
                mode: 'Incremental',
                ...(inner ? { expressionEvaluationOptions: { scope: 'inner' } } : {}),
                template: level(d - 1),
              },
            },
          ],
        };
  return JSON.stringify(level(depth));
}

/** Property copy loops nested in each other's input, `depth` deep. */
export function nestedPropertyCopies(depth: number, count: number): string {
  let input: unknown = { name: "[string(copyIndex('p0'))]" };
  for (let d = 0; d < depth; d++) input = { name: 'x', properties: { copy: [{ name: `p${d}`, count, input }] } };
  return JSON.stringify({ $schema: SCHEMA, resources: [{ type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-04-01', name: 'nsg', properties: { copy: [{ name: 'securityRules', count, input }] } }] });
}

/** An expression that builds a million elements, in a copy loop of `count`. */
export function costlyExpressions(count: number): string {
  return JSON.stringify({ $schema: SCHEMA, resources: [{ ...nsgLoop(count), properties: { flowTimeout: "[length(map(range(0, 1000), lambda('i', range(0, 1000))))]" } }] });
}

/** Linked templates `depth` deep, each deploying the next `count` times. */
export function linkedChain(depth: number, count: number): [string, string][] {
  const files: [string, string][] = [];
  for (let d = 0; d < depth; d++) {
    const next = { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: `[concat('l', copyIndex())]`, copy: { name: 'l', count }, properties: { mode: 'Incremental', templateLink: { relativePath: `level${d + 1}.json` } } };
    files.push([`level${d}.json`, JSON.stringify({ $schema: SCHEMA, resources: [next] })]);
  }
  files.push([`level${depth}.json`, JSON.stringify({ $schema: SCHEMA, resources: [nsgLoop(count)] })]);
  return files;
}

/** Bicep modules `depth` deep, each deploying the next in a loop of `count`. */
export function moduleChain(depth: number, count: number): [string, string][] {
  const files: [string, string][] = [];
  for (let d = 0; d < depth; d++) {
    files.push([`m${d}.bicep`, `module next './m${d + 1}.bicep' = [for i in range(0, ${count}): {\n  name: 'next-${d}-\${i}'\n}]\n`]);
  }
  files.push([`m${depth}.bicep`, `resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = [for i in range(0, ${count}): {\n  name: 'n\${i}'\n  location: 'westeurope'\n}]\n`]);
  return files;
}

/** Loops in loops inside one Bicep expression. */
export function bicepNestedLoops(count: number): string {
  return `resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = [for i in range(0, ${count}): {
  name: 'n\${i}'
  location: 'westeurope'
  properties: {
    securityRules: [for j in range(0, ${count}): {
      name: 'r\${length([for k in range(0, ${count}): [for l in range(0, ${count}): l]])}'
    }]
  }
}]
`;
}

/** The guard that stops a tree of modules before the budget can: files read, whatever the instances. */
export const MODULE_FILES = /the template reaches more module files than the analyser reads/;

/** A seeded bomb of each kind: sizes that explode, and sizes an ordinary budget covers. */
export function seededBombs(prng: Prng): Bomb[] {
  const big = () => 15 + prng.int(786);
  const small = () => 2 + prng.int(3);
  return [
    { name: 'nested deployments (outer scope)', files: [['main.json', nestedDeployments(4 + prng.int(3), big(), false)]], explodes: true },
    { name: 'nested deployments (inner scope)', files: [['main.json', nestedDeployments(4 + prng.int(3), big(), true)]], explodes: true },
    { name: 'nested deployments, small', files: [['main.json', nestedDeployments(2, small(), false)]], explodes: false },
    { name: 'nested property copies', files: [['main.json', nestedPropertyCopies(3 + prng.int(3), 100 + prng.int(700))]], explodes: true },
    { name: 'two-million-element expressions in a copy loop', files: [['main.json', costlyExpressions(10 + prng.int(790))]], explodes: true },
    { name: 'linked templates in copy loops', files: linkedChain(4 + prng.int(3), big()), explodes: true },
    { name: 'Bicep modules in loops', files: moduleChain(4 + prng.int(3), big()), explodes: true, stoppedBy: MODULE_FILES },
    { name: 'Bicep modules in loops, small', files: moduleChain(2, small()), explodes: false },
    { name: 'Bicep loops in loops', files: [['main.bicep', bicepNestedLoops(200 + prng.int(600))]], explodes: true },
  ];
}
