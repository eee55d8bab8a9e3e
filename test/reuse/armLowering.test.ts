/**
 * What the reuse of ARM resources' lowering keeps and replays (server/src/lower/arm/reuse.ts),
 * on a small template with every kind of resource it must tell apart: which elements are
 * replayed after an edit, which are lowered again, which are never kept — and that each
 * re-analysis reports exactly what an analysis from nothing does.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree, type Node } from 'jsonc-parser';
import { analyze, forgetReuse, reuseBetweenVersions, type Analysis } from '../../server/src/engine/analyze';
import { keptTyped, keptValues, lastReuseReport, type ReuseReport } from '../../server/src/lower/arm/reuse';
import type { Host } from '../../server/src/core/host';
import { reuseTemplate } from '../support/armReuse';

const uri = 'file:///reuse/shop.json';
const parametersUri = 'file:///reuse/shop.parameters.json';
const { template, parameters } = reuseTemplate();

function hostWith(params: string): Host {
  return { readFile: (u) => (u === parametersUri ? params : undefined) };
}
const host = hostWith(parameters);

function results(a: Analysis): string {
  return JSON.stringify({ findings: a.findings, suppressed: a.suppressed, failures: a.failures, unverified: a.model?.unverified });
}

/** Analyses `text` after `before` (the editor's order), checks it against an analysis from nothing, and says what the reuse did. */
function after(before: string, text: string, h: Host = host, hAfter: Host = h): ReuseReport {
  forgetReuse();
  analyze(uri, before, h);
  const reused = results(analyze(uri, text, hAfter));
  const report = lastReuseReport();
  assert.ok(report, 'the build reports what it reused');
  forgetReuse();
  assert.equal(reused, results(analyze(uri, text, hAfter)), 'the re-analysis differs from the analysis from nothing');
  return report;
}

/** The top-level resource elements of a template, as text. */
function elements(text: string): Node[] {
  const root = parseTree(text, [], { allowTrailingComma: true })!;
  const resources = root.children!.find((p) => p.children![0].value === 'resources')!.children![1];
  return resources.children!;
}

function elementTextAt(text: string, e: Node): string {
  return text.slice(e.offset, e.offset + e.length);
}

function elementText(text: string, i: number): string {
  const e = elements(text)[i];
  return text.slice(e.offset, e.offset + e.length);
}

/** `text` with `insert` at `offset`. */
function inserted(text: string, offset: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset);
}

/**
 * Every object reachable from `roots`, each with all its own properties (symbols and
 * non-enumerable ones too; `symbols: false` leaves out symbol-keyed ones), as text.
 */
function snapshot(roots: Iterable<object>, options: { symbols?: boolean } = {}): { text: string; objects: object[] } {
  const index = new Map<object, number>();
  const objects: object[] = [];
  const keys = (o: object) => (options.symbols === false ? Reflect.ownKeys(o).filter((k) => typeof k === 'string') : Reflect.ownKeys(o));
  const visit = (v: object): void => {
    if (index.has(v)) return;
    index.set(v, objects.length);
    objects.push(v);
    for (const k of keys(v)) {
      const x = Object.getOwnPropertyDescriptor(v, k)?.value;
      if (x !== null && typeof x === 'object') visit(x);
    }
  };
  for (const r of roots) visit(r);
  const text = objects
    .map((o) =>
      keys(o)
        .map((k) => {
          const d = Object.getOwnPropertyDescriptor(o, k)!;
          const x = d.value;
          const shown = x !== null && typeof x === 'object' ? `#${index.get(x) ?? '?'}` : typeof x === 'function' ? 'fn' : JSON.stringify(x) ?? String(x);
          return `${String(k)}=${shown}${d.get ? ' get' : ''}`;
        })
        .join(','),
    )
    .join('\n');
  return { text, objects };
}

const total = elements(template).length;
// Never kept: the copy loop whose count is unknown (it adds a note), the nested deployment, and the route table that reads its output with reference().
const neverKept = 3;

describe('ARM resources kept between versions', () => {
  afterEach(() => reuseBetweenVersions(true));

  it('keeps every resource whose lowering depends only on its text and its context', () => {
    forgetReuse();
    analyze(uri, template, host);
    assert.deepEqual(lastReuseReport(), { replayed: 0, lowered: total, kept: total - neverKept, retried: false });
  });

  it('replays the others after an edit inside one resource', () => {
    const text = template.replace('"nsg-b"', '"nsg-c"');
    assert.deepEqual(after(template, text), { replayed: total - neverKept - 1, lowered: neverKept + 1, kept: total - neverKept, retried: false });
  });

  it('replays resources after the edit when the edit moved them (characters inserted, a line break typed)', () => {
    const first = elements(template)[0];
    const inFirst = first.offset + 10;
    for (const insert of ['  ', '\n', '\r\n      ']) {
      const r = after(template, inserted(template, inFirst, insert));
      assert.equal(r.replayed, total - neverKept - 1, JSON.stringify(insert));
    }
    // Between two resources: none of them changed.
    const second = elements(template)[1];
    const r = after(template, inserted(template, second.offset, '\n    '));
    assert.equal(r.replayed, total - neverKept);
  });

  it('replays nothing when the text outside the resources changes (a parameter default, a variable, the parameters file)', () => {
    assert.equal(after(template, template.replace('"defaultValue": "northeurope"', '"defaultValue": "westeurope"')).replayed, 0);
    assert.equal(after(template, template.replace('"vnetName": "vnet-shop"', '"vnetName": "vnet-shop2"')).replayed, 0);
    const edited = parameters.replace('ase-shop-prod', 'ase-shop-test');
    assert.equal(after(template, template, host, hostWith(edited)).replayed, 0);
  });

  it('finds a moved resource by its text, and lowers a second copy of one', () => {
    const list = elements(template);
    const [a, b] = [list[1], list[2]];
    const swapped = template.slice(0, a.offset) + elementText(template, 2) + template.slice(a.offset + a.length, b.offset) + elementText(template, 1) + template.slice(b.offset + b.length);
    assert.equal(after(template, swapped).replayed, total - neverKept);
    const last = list[list.length - 1];
    const doubled = inserted(template, last.offset + last.length, `,\n    ${elementText(template, 0)}`);
    const r = after(template, doubled);
    assert.equal(r.replayed, total - neverKept);
    assert.equal(r.lowered, neverKept + 1);
  });

  it('lowers again what a copy loop or a user function reads when the parameter changes', () => {
    const r = after(template, template.replace('"defaultValue": 2 }', '"defaultValue": 3 }'));
    assert.equal(r.replayed, 0);
  });

  it('never writes into what it keeps: every kept value reads the same before and after a re-analysis that replays it', () => {
    forgetReuse();
    analyze(uri, template, host);
    const roots = [...keptValues()];
    const before = snapshot(roots);
    assert.ok(before.objects.length > 50, `${before.objects.length} objects kept`);
    const text = template.replace('"nsg-b"', '"nsg-c"');
    analyze(uri, text, host);
    assert.equal(lastReuseReport()!.replayed, total - neverKept - 1);
    // Own properties of every kind, of every object reachable from what was kept.
    assert.equal(snapshot(roots).text, before.text);
  });

  it('takes the typed NSGs and route tables of replayed resources as they are, and never writes into them', () => {
    forgetReuse();
    const first = analyze(uri, template, host).model!;
    const kept = [...keptTyped()].flatMap((t) => (t.base ? [t.base] : []));
    assert.ok(kept.length >= 2, `${kept.length} typed resources kept`);
    // What the model and the rules read: every field, the links and the values they hold. Left
    // out: the record a security rule works out its places from when first asked (a symbol-keyed
    // property), which answers through the latest build's origins, the same places.
    const before = snapshot(kept, { symbols: false });
    const text = template.replace('"nsg-b"', '"nsg-c"');
    const second = analyze(uri, text, host).model!;
    const taken = [...second.nsgs, ...second.routeTables].filter((t) => kept.includes(t));
    assert.ok(taken.length >= 2, `${taken.length} typed resources taken`);
    // The edited NSG is typed afresh.
    assert.ok(!second.nsgs.some((n) => n.name === 'nsg-c' && kept.includes(n)));
    // Linked to, checked by every rule, asked for its places: unchanged.
    assert.equal(snapshot(kept, { symbols: false }).text, before.text);
    assert.ok(first.nsgs.some((n) => taken.includes(n)));
  });

  it('after a line break typed in a resource, takes the typed NSGs before it and types afresh those after it; takes none when the template writes its variables after the resources', () => {
    const typedTaken = (text: string, edited: string) => {
      forgetReuse();
      analyze(uri, text, host);
      const kept = [...keptTyped()].flatMap((t) => (t.base ? [t.base] : []));
      const second = analyze(uri, edited, host);
      const taken = second.model!.nsgs.filter((n) => kept.includes(n)).map((n) => n.name);
      const reused = results(second);
      forgetReuse();
      assert.equal(reused, results(analyze(uri, edited, host)), 'the re-analysis differs from the analysis from nothing');
      return { taken, all: second.model!.nsgs.map((n) => n.name) };
    };
    const lineBreakIn = (text: string, name: string) => {
      const e = elements(text).find((n) => elementTextAt(text, n).includes(`"name": "${name}"`))!;
      return inserted(text, e.offset + 1, '\n');
    };
    const { taken, all } = typedTaken(template, lineBreakIn(template, 'nsg-b'));
    const at = all.indexOf('nsg-b');
    assert.ok(at > 0, 'NSGs stand before the edited one');
    // Before the line break: the very objects of the version before; from it on: typed afresh.
    assert.deepEqual(taken, all.slice(0, at));
    // The variables after the resources: their places move with the line, and the kept NSGs hold them.
    const root = parseTree(template, [], { allowTrailingComma: true })!;
    const variables = root.children!.find((p) => p.children![0].value === 'variables')!;
    const section = template.slice(variables.offset, variables.offset + variables.length);
    const without = template.slice(0, variables.offset) + template.slice(variables.offset + variables.length).replace(/^\s*,/, '');
    const last = without.lastIndexOf('}');
    const movedVariables = `${without.slice(0, last).trimEnd()},\n  ${section}\n}\n`;
    assert.equal(results(analyze(uri, movedVariables, host)).length > 0, true);
    assert.deepEqual(typedTaken(movedVariables, lineBreakIn(movedVariables, 'nsg-b')).taken, []);
  });

  it('types afresh an NSG or route table that child resources merge into, and builds again when a kept one depends on something else now', () => {
    const childUri = 'file:///reuse/children.json';
    const rule = (name: string, priority: number) =>
      `{ "name": "${name}", "properties": { "priority": ${priority}, "direction": "Inbound", "access": "Deny", "protocol": "Tcp", "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "22" } }`;
    const nsg = (name: string, extra = '') =>
      `{ "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-04-01", "name": "${name}", "location": "westeurope",${extra}\n      "properties": { "securityRules": [ ${rule('Deny-Ssh', 300)} ] } }`;
    const table = (name: string) =>
      `{ "type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "${name}", "location": "westeurope",\n      "properties": { "routes": [ { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } } ] } }`;
    const resources = (last: string) => [
      nsg('nsg-a'),
      `{ "type": "Microsoft.Network/networkSecurityGroups/securityRules", "apiVersion": "2023-04-01", "name": "nsg-a/Deny-Rdp",\n      "properties": ${rule('x', 310).replace(/^\{ "name": "x", "properties": /, '').replace(/ \}$/, '')} }`,
      table('rt-a'),
      `{ "type": "Microsoft.Network/routeTables/routes", "apiVersion": "2023-04-01", "name": "rt-a/local",\n      "properties": { "addressPrefix": "10.0.0.0/8", "nextHopType": "VnetLocal" } }`,
      // Depends on a resource by its bare name: which one it names depends on the others.
      nsg('nsg-b', '\n      "dependsOn": [ "thing" ],'),
      table(last),
    ];
    const templateOf = (last: string) =>
      `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "resources": [\n    ${resources(last).join(',\n    ')}\n  ]\n}\n`;
    const none: Host = { readFile: () => undefined };
    const full = (a: Analysis) => results(a) + JSON.stringify(a.model!.nsgs.map((n) => [n.key, n.dependsOn, Array.isArray(n.securityRules) ? n.securityRules.map((r) => r.name) : n.securityRules]));
    const keys = () => [...keptTyped()].flatMap((t) => (t.base ? [t.base.key] : []));

    forgetReuse();
    analyze(childUri, templateOf('thinx'), none);
    assert.deepEqual(keys().sort(), ['microsoft.network/networksecuritygroups/nsg-b', 'microsoft.network/routetables/thinx']);
    const kept = [...keptTyped()].flatMap((t) => (t.base ? [t.base] : []));
    const before = snapshot(kept, { symbols: false });

    // The child rule and route join their parents, typed afresh each time: the kept ones are never written into.
    const edited = templateOf('thinx').replace('"destinationPortRange": "22" } } ] } }', '"destinationPortRange": "23" } } ] } }');
    const second = analyze(childUri, edited, none);
    assert.ok(second.model!.nsgs.some((n) => n.key === 'microsoft.network/networksecuritygroups/nsg-b' && kept.includes(n)), 'nsg-b is taken as it was');
    const a = second.model!.nsgs.find((n) => n.name === 'nsg-a')!;
    assert.deepEqual(Array.isArray(a.securityRules) && a.securityRules.map((r) => r.name), ['Deny-Ssh', 'Deny-Rdp']);
    assert.ok(!kept.includes(a));
    assert.equal(snapshot(kept, { symbols: false }).text, before.text);
    forgetReuse();
    const fresh = full(analyze(childUri, edited, none));
    forgetReuse();
    analyze(childUri, templateOf('thinx'), none);
    assert.equal(full(analyze(childUri, edited, none)), fresh);

    // 'thing' now names the route table: nsg-b's kept list no longer holds; the build is made
    // again with every resource typed afresh, and the next version takes what that one typed.
    forgetReuse();
    analyze(childUri, templateOf('thinx'), none);
    const keptNow = [...keptTyped()].flatMap((t) => (t.base ? [t.base] : []));
    const then = snapshot(keptNow, { symbols: false });
    const renamedModel = analyze(childUri, templateOf('thing'), none);
    const renamed = full(renamedModel);
    assert.ok(lastReuseReport()!.replayed > 0);
    assert.equal(snapshot(keptNow, { symbols: false }).text, then.text);
    const retyped = renamedModel.model!.nsgs.find((n) => n.name === 'nsg-b')!;
    assert.ok(!keptNow.includes(retyped));
    assert.ok([...keptTyped()].some((t) => t.base === retyped));
    const next = analyze(childUri, templateOf('thing').replace('"destinationPortRange": "22" } } ] } }', '"destinationPortRange": "24" } } ] } }'), none);
    assert.ok(next.model!.nsgs.includes(retyped), 'the next version takes the NSG typed afresh');
    forgetReuse();
    assert.equal(renamed, full(analyze(childUri, templateOf('thing'), none)));
    assert.match(renamed, /"microsoft\.network\/routetables\/thing"\]/);
  });

  it('keeps nothing when reuse is off (the command line)', () => {
    forgetReuse();
    reuseBetweenVersions(false);
    analyze(uri, template, host);
    analyze(uri, template.replace('"nsg-b"', '"nsg-c"'), host);
    assert.equal(lastReuseReport(), undefined);
  });

  it('keeps nothing of a document whose tree is let go once analysed (the command line when it verifies no fix)', () => {
    forgetReuse();
    analyze(uri, template, host, { releaseSyntax: true });
    analyze(uri, template.replace('"nsg-b"', '"nsg-c"'), host, { releaseSyntax: true });
    assert.equal(lastReuseReport()!.replayed, 0);
  });

  it('takes no resource whose type is an object property name (constructor, toString) for a kept NSG, route table or VNet', () => {
    const hostile = (rt: string) =>
      JSON.stringify(
        {
          $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
          contentVersion: '1.0.0.0',
          resources: [
            { type: 'constructor', apiVersion: '2020-01-01', name: 'a' },
            { type: 'toString', apiVersion: '2020-01-01', name: 'b' },
            { type: 'Microsoft.Network/routeTables', apiVersion: '2023-04-01', name: rt, properties: { routes: [] } },
          ],
        },
        null,
        2,
      );
    forgetReuse();
    analyze(uri, hostile('rt-a'), host);
    const reused = analyze(uri, hostile('rt-b'), host);
    assert.ok(lastReuseReport()!.replayed >= 2, 'the two odd resources are replayed');
    forgetReuse();
    const fresh = analyze(uri, hostile('rt-b'), host);
    assert.deepEqual(reused.model?.routeTables.map((t) => t.name), ['rt-b']);
    assert.deepEqual(reused.model?.routeTables.map((t) => t.name), fresh.model?.routeTables.map((t) => t.name));
    assert.deepEqual(reused.model?.nsgs.length, 0);
  });

  it('does not confuse two documents or a fix verified under the same URI', () => {
    forgetReuse();
    const other = 'file:///reuse/other.json';
    analyze(uri, template, host);
    analyze(other, template.replace('"nsg-b"', '"nsg-other"'), host);
    assert.equal(lastReuseReport()!.replayed, 0);
    // A verified fix that edits a parameter default is another context: the user's stays.
    analyze(uri, template.replace('"defaultValue": "northeurope"', '"defaultValue": "westeurope"'), host);
    const text = template.replace('"nsg-b"', '"nsg-c"');
    const reused = results(analyze(uri, text, host));
    assert.equal(lastReuseReport()!.replayed, total - neverKept - 1);
    forgetReuse();
    assert.equal(reused, results(analyze(uri, text, host)));
  });
});
