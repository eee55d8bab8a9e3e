import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/engine/analyze';
import { isUnknown } from '../../../server/src/core/value';
import { hostOf } from '../../support/model';
import { BICEP_URI, buildBicep, lines, rangeOf } from './helpers';
import { noteText } from '../../support/notes';

const DIR = 'file:///work/infra/';
const SHARED_URI = `${DIR}shared.bicep`;

const SHARED = lines(
  "import { regionPrefix } from './regions.bicep'",
  '@export()',
  "type subnetSpec = { name: string, prefix: string }",
  "var base = '10.20'",
  '@export()',
  "var vnetPrefix = '${base}.0.0/16'",
  '@sys.export()',
  "var aseSubnet = { name: 'ase', prefix: '${base}.1.0/24' }",
  '@export()',
  'var regional = regionPrefix',
  'var hidden = 1',
  '@export()',
  "func subnetName(app string) string => 'snet-${app}-${suffix()}'",
  "func suffix() string => 'weu'",
  '@export()',
  'func prefixOf(i int) string => cidrSubnet(vnetPrefix, 24, i)',
);
const REGIONS = lines('@export()', "var regionPrefix = '10.30.0.0/16'");

const FILES = { [SHARED_URI]: SHARED, [`${DIR}regions.bicep`]: REGIONS };

function vnetWith(subnets: string, space = "'10.20.0.0/16'"): string {
  return lines(
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'v'",
    "  location: 'westeurope'",
    `  properties: { addressSpace: { addressPrefixes: [ ${space} ] }, subnets: ${subnets} }`,
    '}',
  );
}

/** Each subnet's prefixes; an UNKNOWN one as `unknown: <reason>`. */
function prefixes(model: ReturnType<typeof buildBicep>): unknown[] {
  const show = (v: unknown) => (isUnknown(v) ? `unknown: ${v.reason}` : v);
  return model.subnets.map((s) => (isUnknown(s.addressPrefixes) ? show(s.addressPrefixes) : s.addressPrefixes.map((p) => show(p.value))));
}

test('import { … }: exported variables and functions resolve from the other file (aliases too)', () => {
  const model = buildBicep(
    lines(
      "import { aseSubnet, vnetPrefix as space, subnetName, prefixOf, regional, subnetSpec } from './shared.bicep'",
      vnetWith("[ { name: aseSubnet.name, properties: { addressPrefix: aseSubnet.prefix } }, { name: subnetName('web'), properties: { addressPrefix: prefixOf(2) } } ]", 'space'),
      "resource other 'Microsoft.Network/virtualNetworks@2023-04-01' = { name: 'o', properties: { addressSpace: { addressPrefixes: [ regional ] } } }",
    ),
    FILES,
  );
  const space = model.vnets[0].addressPrefixes;
  assert.ok(!isUnknown(space));
  assert.deepEqual(space.map((p) => p.value), ['10.20.0.0/16']);
  assert.deepEqual(model.subnets.map((s) => s.name), ['v/ase', 'v/snet-web-weu']);
  assert.deepEqual(prefixes(model), [['10.20.1.0/24'], ['10.20.2.0/24']]);
  const other = model.vnets[1].addressPrefixes;
  assert.ok(!isUnknown(other));
  assert.deepEqual(other.map((p) => p.value), ['10.30.0.0/16'], 'a variable the other file imported itself');
  assert.ok(model.uris.includes(SHARED_URI));
  assert.deepEqual(model.unverified, []);
});

test('import * as ns: exported variables as members, exported functions called through the namespace', () => {
  const model = buildBicep(
    lines(
      "import * as shared from './shared.bicep'",
      vnetWith("[ { name: shared.aseSubnet.name, properties: { addressPrefix: shared.prefixOf(1) } }, { name: shared.subnetName('api'), properties: { addressPrefix: shared.prefixOf(3) } } ]", 'shared.vnetPrefix'),
    ),
    FILES,
  );
  assert.deepEqual(model.subnets.map((s) => s.name), ['v/ase', 'v/snet-api-weu']);
  assert.deepEqual(prefixes(model), [['10.20.1.0/24'], ['10.20.3.0/24']]);
});

test('ASE401 fires on a subnet whose prefix comes from an imported variable; without the file it is silent and ASE902 says why', () => {
  const types = lines('@export()', "var aseSubnetPrefix = '10.0.1.0/28'");
  const text = lines(
    "import { aseSubnetPrefix } from './types.bicep'",
    vnetWith("[ { name: 'ase', properties: { addressPrefix: aseSubnetPrefix } } ]", "'10.0.0.0/16'"),
    "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
    "  name: 'my-ase'",
    "  location: 'westeurope'",
    "  kind: 'ASEV3'",
    "  properties: { virtualNetwork: { id: '${vnet.id}/subnets/ase' } }",
    '}',
  );
  const analysis = analyze(BICEP_URI, text, hostOf({ [`${DIR}types.bicep`]: types }));
  const size = analysis.findings.filter((f) => f.code === 'ASE401');
  assert.equal(size.length, 1);
  assert.match(size[0].message, /is a \/28, below the \/27 minimum/);
  const without = analyze(BICEP_URI, text, hostOf({}));
  assert.deepEqual(without.findings.filter((f) => f.code === 'ASE401'), [], 'without the file: UNKNOWN, silent');
  const unverified = without.findings.find((f) => f.code === 'ASE902');
  assert.match(noteText(unverified), /the import \.\/types\.bicep could not be read/, 'ASE902 lists the reason');
});

test('a missing file, an unknown or unexported symbol, a type used as a value: UNKNOWN with the reason, never a crash', () => {
  const text = lines(
    "import { nope } from './missing.bicep'",
    "import { ghost, hidden, subnetSpec, subnetName } from './shared.bicep'",
    "import * as reg from 'br/public:avm/utl/types/avm-common-types:0.4.0'",
    "import { x } from './arm.json'",
    vnetWith('[ { name: \'a\', properties: { addressPrefix: nope } }, { name: \'b\', properties: { addressPrefix: ghost } }, { name: \'c\', properties: { addressPrefix: hidden } }, { name: \'d\', properties: { addressPrefix: subnetSpec } }, { name: \'e\', properties: { addressPrefix: reg.x } }, { name: \'f\', properties: { addressPrefix: x } }, { name: \'g\', properties: { addressPrefix: subnetName() } } ]'),
  );
  const model = buildBicep(text, FILES);
  assert.deepEqual(prefixes(model), [
    ['unknown: the import ./missing.bicep could not be read'],
    [`unknown: 'ghost' is not declared in ${SHARED_URI}`],
    [`unknown: 'hidden' in ${SHARED_URI} is not marked @export()`],
    [`unknown: 'subnetSpec' in ${SHARED_URI} is a type, not a value`],
    ['unknown: imports from the registry (br/public:avm/utl/types/avm-common-types:0.4.0) are not analysed'],
    ['unknown: imports from the ARM template ./arm.json are not analysed'],
    ["unknown: argument 'app' is missing"],
  ]);
  const missingNote = model.unverified.find((u) => u.what === 'the import ./missing.bicep could not be read');
  assert.deepEqual(missingNote?.at?.range, rangeOf(text, "'./missing.bicep'"));
});

test('import cycles end in UNKNOWN', () => {
  const a = lines("import { b } from './b.bicep'", '@export()', 'var a = b');
  const b = lines("import { a } from './a.bicep'", '@export()', 'var b = a');
  const model = buildBicep(
    lines("import { a } from './a.bicep'", vnetWith("[ { name: 's', properties: { addressPrefix: a } } ]")),
    { [`${DIR}a.bicep`]: a, [`${DIR}b.bicep`]: b },
  );
  assert.deepEqual(prefixes(model), [['unknown: the import ./a.bicep names a file that is already being analysed (a cycle)']]);
});

test('imports in a .bicepparam file feed parameter values', () => {
  const main = lines('param space string', vnetWith('[]', 'space'));
  const params = lines("using './main.bicep'", "import { vnetPrefix } from './shared.bicep'", 'param space = vnetPrefix');
  const model = buildBicep(main, { ...FILES, [`${DIR}main.bicepparam`]: params });
  const space = model.vnets[0].addressPrefixes;
  assert.ok(!isUnknown(space));
  assert.deepEqual(space.map((p) => p.value), ['10.20.0.0/16']);
});
