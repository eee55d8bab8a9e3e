import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { buildArmModel } from '../../server/src/lower/arm/build';
import { isUnknown } from '../../server/src/core/value';
import { parseArmDocument } from '../../server/src/parse/arm';
import { hostOf } from '../support/model';

const CORPUS = '/work/shared/corpus/arm/';

interface Expected {
  version: string;
  ilbMode: string;
  /** The name of the declared subnet the ASE sits in; null when the template does not declare it. */
  subnet: string | null;
}

/** Each corpus ASE: what the template says about it. */
const ASES: Record<string, Expected[]> = {
  '101-app-service-regional-vnet-integration--azuredeploy.json': [],
  '101-asev2-appservice-sql-vpngw--azuredeploy.json': [{ version: 'v2', ilbMode: 'Web, Publishing', subnet: 'frontend' }],
  '101-create-ase-with-webapp--azuredeploy.json': [{ version: 'v1', ilbMode: 'None', subnet: 'Subnet-1' }],
  '201-asev2-ilb-with-web-app--azuredeploy.json': [{ version: 'v2', ilbMode: 'Web, Publishing', subnet: null }],
  '201-web-app-ase-create--azuredeploy.json': [{ version: 'v1', ilbMode: 'None', subnet: null }],
  '201-web-app-ase-ilb-create--azuredeploy.json': [{ version: 'v1', ilbMode: 'Web, Publishing', subnet: null }],
  '201-web-app-asev2-create--azuredeploy.json': [{ version: 'v2', ilbMode: 'None', subnet: null }],
  '201-web-app-asev2-create--prereqs--prereq.azuredeploy.json': [],
  '201-web-app-asev2-ilb-create--azuredeploy.json': [{ version: 'v2', ilbMode: 'Web, Publishing', subnet: null }],
  '201-web-app-asp-app-on-ase-create--prereqs--prereq.azuredeploy.json': [{ version: 'v1', ilbMode: 'None', subnet: 'default' }],
};

function buildCorpus(file: string) {
  const uri = `file://${CORPUS}${file}`;
  const doc = parseArmDocument(uri, readFileSync(CORPUS + file, 'utf8'));
  return { doc, model: buildArmModel(doc, hostOf(), {}) };
}

test('the corpus lists exactly the templates this test knows', () => {
  assert.deepEqual(readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort(), Object.keys(ASES).sort());
});

for (const [file, expected] of Object.entries(ASES)) {
  test(`corpus ${file}: builds, and each ASE finds its subnet where the template declares it`, () => {
    const { doc, model } = buildCorpus(file);
    assert.equal(doc.isTemplate, true);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(
      model.ases.map((a) => ({ version: a.version, ilbMode: a.ilbMode })),
      expected.map((e) => ({ version: e.version, ilbMode: e.ilbMode })),
    );
    model.ases.forEach((ase, i) => {
      const want = expected[i].subnet;
      const target = ase.subnet?.target;
      if (want === null) {
        assert.equal(target, undefined);
        return;
      }
      assert.ok(target, `the ASE's subnet ${want} is declared in ${file}`);
      assert.equal(target.subnetName, want);
      assert.ok(target.users.some((u) => u.kind === 'ase' && u.resource === ase));
      assert.ok(target.vnet && model.vnets.includes(target.vnet));
      assert.ok(!isUnknown(target.addressPrefixes) && target.addressPrefixes.length === 1 && !isUnknown(target.addressPrefixes[0].value));
    });
    // every model element points at text in the analysed document
    for (const r of model.resources) assert.equal(r.ref.uri, doc.uri);
  });
}

test('corpus: inline and child-resource subnets of one VNet are merged, users found', () => {
  const { model } = buildCorpus('101-asev2-appservice-sql-vpngw--azuredeploy.json');
  assert.deepEqual(model.subnets.map((s) => s.subnetName), ['frontend', 'backend', 'GatewaySubnet']);
  assert.equal(model.vnets[0].subnets.length, 3);
  const users = model.subnets.map((s) => s.users.map((u) => u.kind).sort());
  assert.deepEqual(users, [['ase'], ['nic', 'privateEndpoint'], ['gateway']]);
  assert.equal(model.gateways[0].vnet?.target, model.vnets[0]);
  // Every name is built from the parameter 'stackName', which has no value: as a symbol it names and links them all, so nothing stays unverified.
  assert.deepEqual(model.unverified.map((u) => u.what), []);
});

test('corpus: regional VNet Integration through a sites/config child', () => {
  const { model } = buildCorpus('101-app-service-regional-vnet-integration--azuredeploy.json');
  assert.equal(model.sites[0].integrationSubnet?.target, model.subnets[0]);
  assert.deepEqual(model.subnets[0].users.map((u) => u.kind), ['siteIntegration']);
  assert.equal(model.sites[0].plan?.target, model.plans[0]);
});
