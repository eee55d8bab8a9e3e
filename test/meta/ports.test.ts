// Each port is written once, in knowledge/ports.ts: the rules read the rows, so the
// checks, their fixes, the hovers and the explain panel cannot drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { portsOf, portTable, rowById, rowsForPorts, rowsForVersions } from '../../server/src/knowledge/ports';
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

test('the rows ASE204 stands for share its protocol and destination, and their ports together are TCP 80 and 443', () => {
  const rows = portTable.filter((r) => r.rule === 'ASE204');
  assert.ok(rows.length > 1);
  for (const r of rows) assert.deepEqual([r.protocol, r.destination], ['Tcp', 'Internet'], r.id);
  assert.deepEqual([...new Set(rows.flatMap((r) => portsOf(r, 'v2')))].sort(), ['443', '80']);
});

test('the port tables are version-aware: remote debugging and FTP differ between ASEv2 and ASEv3', () => {
  const debugging = rowById('app-remote-debugging');
  assert.deepEqual(portsOf(debugging, 'v2'), ['4020', '4022', '4024']);
  assert.deepEqual(portsOf(debugging, 'v3'), ['4022', '4024', '4026']);
  // 4026 is an ASEv3 port only; 4020 an ASEv2 (and ASEv1) one. (Rows of every port left aside.)
  const specific = (ports: string, versions: ('v1' | 'v2' | 'v3')[]) => rowsForPorts(ports, versions).filter((r) => r.ports !== '*');
  assert.deepEqual(specific('4026', ['v2']).map((r) => r.id), []);
  assert.deepEqual(specific('4026', ['v3']).map((r) => [r.id, r.ports, r.versions]), [['app-remote-debugging', '4022,4024,4026', ['v3']]]);
  assert.deepEqual(specific('4020', ['v3']).map((r) => r.id), []);
  // Asked for every version, a row whose versions use different ports is one row per port list.
  assert.deepEqual(
    rowsForVersions([debugging], ['v2', 'v3']).map((r) => [r.ports, r.versions]),
    [
      ['4020,4022,4024', ['v2']],
      ['4022,4024,4026', ['v3']],
    ],
  );
  // ASEv3 FTP: the load balancer probes TCP 21 when FTP is on.
  assert.deepEqual(specific('21', ['v3']).map((r) => r.id), ['app-ftp', 'inbound-v3-ftp']);
  assert.deepEqual(specific('21', ['v2']).map((r) => r.id), ['app-ftp']);
  assert.deepEqual(specific('8172', ['v3']).map((r) => r.id), ['app-web-deploy']);
});

test("the outbound rows follow the current ASEv2 page: UDP 53, TCP 1433 to Sql required, Sql's redirect ports apart", () => {
  assert.deepEqual([rowById('outbound-dns').protocol, rowById('outbound-dns').ports], ['Udp', '53']);
  assert.equal(rowById('outbound-sql').ports, '1433');
  assert.equal(rowById('outbound-sql-redirect').ports, '11000-11999,14000-14999');
});
