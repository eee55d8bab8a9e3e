// Each port is written once, in knowledge/ports.ts: the rules read the rows, so the
// checks, their fixes, the hovers and the explain panel cannot drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { portsOf, portTable, rowById } from '../../server/src/knowledge/ports';
import { parsePortRanges } from '../../server/src/ip/ports';

const root = join(__dirname, '..', '..');
const rulesDir = join(root, 'server', 'src', 'rules');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** A quoted string that is a port list (`'443'`, `'454-455'`, `'80,443'`): what an NSG rule's port field holds. */
const portLiteral = /'(\d{1,5}(?:-\d{1,5})?(?:,\s*\d{1,5}(?:-\d{1,5})?)*)'/g;

test('no rule writes a port of its own: the rules read them from knowledge/ports.ts', () => {
  const found: string[] = [];
  for (const file of sources(rulesDir)) {
    const text = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
    for (const m of text.matchAll(portLiteral)) found.push(`${relative(root, file)}: '${m[1]}'`);
  }
  assert.deepEqual(found, []);
});

test('every row holds valid port lists, and its version ports are its own versions', () => {
  for (const row of portTable) {
    for (const ports of [row.ports, row.minimumPorts, ...Object.values(row.versionPorts ?? {})]) {
      if (ports !== undefined) assert.ok(parsePortRanges(ports), `${row.id}: '${ports}'`);
    }
    for (const v of Object.keys(row.versionPorts ?? {})) assert.ok(row.versions.includes(v as never), `${row.id}: ports for ${v}, a version it does not apply to`);
    for (const v of row.versions) assert.ok(portsOf(row, v).length > 0, `${row.id}: ${v}`);
  }
  assert.deepEqual(portsOf(rowById('outbound-storage'), 'v1'), ['80', '443', '445']);
  assert.deepEqual(portsOf(rowById('outbound-storage'), 'v2'), ['80', '443']);
});

test('the rows ASE204 stands for agree on what it checks through one of them', () => {
  const rows = portTable.filter((r) => r.rule === 'ASE204');
  assert.ok(rows.length > 1);
  for (const r of rows) assert.deepEqual([r.protocol, r.destination, r.ports], [rowById('outbound-management').protocol, rowById('outbound-management').destination, rowById('outbound-management').ports], r.id);
});
