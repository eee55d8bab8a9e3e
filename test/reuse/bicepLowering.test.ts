/**
 * The Bicep front end keeps the evaluation of each declaration for the next version of a
 * document and takes it again when what it read answers alike (server/src/lower/bicep/reuse.ts).
 * First which declarations a version takes and which it evaluates again, then edits aimed
 * at what evaluations read (a parameter's default, a variable others read, a loop's
 * range, a renamed symbol, a module's params and its file, an `existing` resource, a
 * function, edits that move or remove declarations), each version analysed after the ones
 * before it and from nothing: findings, suppressed findings, failures and the whole
 * model (every value, note and place) must be the same.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, forgetReuse, reuseBetweenVersions, type Analysis } from '../../server/src/engine/analyze';
import { parseBicepDocument, parseBicepDocumentHeld } from '../../server/src/parse/bicep/document';
import { buildBicepModel } from '../../server/src/lower/bicep/build';
import { bicepLowerings, type Lowering } from '../../server/src/lower/bicep/reuse';
import type { Declaration, ResourceDeclaration } from '../../server/src/parse/bicep';
import type { Host } from '../../server/src/core/host';
import type { NetworkModel } from '../../server/src/model/types';
import { modelText } from '../support/modelText';

const DIR = 'file:///work/reuse/';
const lines = (...l: string[]) => l.join('\n');
const MAIN = `${DIR}main.bicep`;
const MODULE = `${DIR}modules/spoke.bicep`;

const MAIN_TEXT = lines(
  'param location string = resourceGroup().location',
  "param prefix string = 'contoso'",
  'param count int = 3',
  'param denyPriority int = 4000',
  "param kind string = 'ASEv3'",
  '',
  "var subnetPrefix = '10.0.1.0/24'",
  'var names = {',
  "  nsg: '${prefix}-nsg'",
  "  vnet: '${prefix}-vnet'",
  '}',
  'var rules = [for i in range(0, count): {',
  "  name: 'allow-${i}'",
  '  properties: {',
  '    priority: 100 + i',
  "    direction: 'Inbound'",
  "    access: 'Allow'",
  "    protocol: 'Tcp'",
  "    sourceAddressPrefix: 'VirtualNetwork'",
  "    sourcePortRange: '*'",
  '    destinationAddressPrefix: subnetPrefix',
  "    destinationPortRange: '${443 + i}'",
  '  }',
  '}]',
  '',
  "func ruleName(n string) string => 'rule-${n}'",
  '',
  "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
  '  name: names.nsg',
  '  location: location',
  '  properties: {',
  '    securityRules: concat(rules, [',
  '      {',
  "        name: ruleName('deny')",
  '        properties: {',
  '          priority: denyPriority',
  "          direction: 'Inbound'",
  "          access: 'Deny'",
  "          protocol: '*'",
  "          sourceAddressPrefix: '*'",
  "          sourcePortRange: '*'",
  "          destinationAddressPrefix: '*'",
  "          destinationPortRange: '*'",
  '        }',
  '      }',
  '    ])',
  '  }',
  '}',
  '',
  "resource rt 'Microsoft.Network/routeTables@2023-04-01' = {",
  "  name: '${prefix}-rt'",
  '  location: location',
  '  properties: {',
  "    routes: [{ name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } }]",
  '  }',
  '}',
  '',
  "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
  '  name: names.vnet',
  '  location: location',
  '  properties: {',
  "    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }",
  '    subnets: [',
  '      {',
  "        name: 'ase'",
  '        properties: {',
  '          addressPrefix: subnetPrefix',
  '          networkSecurityGroup: { id: nsg.id }',
  '          routeTable: { id: rt.id }',
  "          delegations: [{ name: 'ase', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } }]",
  '        }',
  '      }',
  '    ]',
  '  }',
  '',
  "  resource aseSubnet 'subnets' existing = {",
  "    name: 'ase'",
  '  }',
  '}',
  '',
  "resource spokeNsgs 'Microsoft.Network/networkSecurityGroups@2023-04-01' = [for i in range(0, count): {",
  "  name: '${prefix}-spoke-${i}'",
  '  location: location',
  '  properties: {',
  '    securityRules: [rules[i]]',
  '  }',
  '}]',
  '',
  "resource shared 'Microsoft.Network/virtualNetworks@2023-04-01' existing = {",
  "  name: 'shared-vnet'",
  '}',
  '',
  "resource sharedSubnet 'Microsoft.Network/virtualNetworks/subnets@2023-04-01' = {",
  '  parent: shared',
  "  name: 'apps'",
  '  properties: {',
  "    addressPrefix: '10.1.0.0/24'",
  '    networkSecurityGroup: { id: spokeNsgs[0].id }',
  '  }',
  '}',
  '',
  "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
  "  name: '${prefix}-ase'",
  '  location: location',
  '  kind: kind',
  '  properties: {',
  '    virtualNetwork: { id: vnet::aseSubnet.id }',
  '  }',
  '}',
  '',
  "module spoke 'modules/spoke.bicep' = {",
  "  name: 'spoke'",
  '  params: {',
  '    prefix: prefix',
  '    nsgId: nsg.id',
  '  }',
  '}',
  '',
  "resource afterModule 'Microsoft.Network/routeTables@2023-04-01' = {",
  '  name: spoke.outputs.rtName',
  '  location: location',
  '}',
  '',
  "resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {",
  "  name: '${prefix}-plan'",
  '  location: location',
  '  properties: {',
  '    hostingEnvironmentProfile: { id: ase.id }',
  "    subnet: vnet.properties.subnets[0].id",
  '  }',
  '}',
  '',
);

const MODULE_TEXT = lines(
  'param prefix string',
  'param nsgId string',
  '',
  "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
  "  name: '${prefix}-spoke-vnet'",
  '  location: resourceGroup().location',
  '  properties: {',
  "    addressSpace: { addressPrefixes: ['10.2.0.0/16'] }",
  "    subnets: [{ name: 'a', properties: { addressPrefix: '10.2.0.0/24', networkSecurityGroup: { id: nsgId } } }]",
  '  }',
  '}',
  '',
  "output rtName string = '${prefix}-spoke-rt'",
  '',
);

/** `from` replaced by `to` at its first occurrence (after `after`, when given); fails when `from` is not there. */
function replace(text: string, from: string, to: string, after = ''): string {
  const start = after ? text.indexOf(after) : 0;
  assert.ok(start >= 0, `'${after}' is not in the text`);
  const at = text.indexOf(from, start);
  assert.ok(at >= 0, `'${from}' is not in the text`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function hostOf(files: Record<string, string>): Host {
  return { readFile: (uri) => files[uri] };
}

function everything(a: Analysis): string {
  return JSON.stringify({ findings: a.findings, suppressed: a.suppressed, failures: a.failures }) + modelText(a.model);
}

/** Each version analysed after the ones before it, then each from nothing: the same, to the character. */
function assertSameAsFromNothing(uri: string, versions: Array<{ name: string; files: Record<string, string> }>, options = {}, makeHost = hostOf): void {
  forgetReuse();
  const reused = versions.map((v) => everything(analyze(uri, v.files[uri], makeHost(v.files), options)));
  for (const [i, v] of versions.entries()) {
    forgetReuse();
    assert.equal(reused[i], everything(analyze(uri, v.files[uri], makeHost(v.files), options)), `after '${v.name}' (version ${i}) the re-analysis differs from the analysis from nothing`);
  }
}

describe('which declarations a version takes from the one before', () => {
  const host = hostOf({ [MODULE]: MODULE_TEXT });
  const build = (text: string): { lowering: Lowering; decls: readonly Declaration[] } => {
    const doc = parseBicepDocument(MAIN, text, true, true);
    buildBicepModel(doc, host, {});
    return { lowering: bicepLowerings.latest(MAIN)!, decls: doc.file.declarations };
  };
  const declNamed = (decls: readonly Declaration[], name: string) => decls.find((d) => 'name' in d && d.name?.kind === 'identifier' && d.name.name === name)!;
  /** The resource's (first instance's) body, or the var's value: the same object when the evaluation was taken. */
  const valueOf = (l: Lowering, decls: readonly Declaration[], name: string): unknown => {
    const d = declNamed(decls, name);
    assert.ok(d, `no declaration '${name}'`);
    if (d.kind === 'resource') return l.resources.get(d as ResourceDeclaration)?.result[0]?.body;
    return l.plain.get(d)?.result;
  };
  const taken = (before: ReturnType<typeof build>, after: ReturnType<typeof build>, name: string): boolean => {
    const was = valueOf(before.lowering, before.decls, name);
    const now = valueOf(after.lowering, after.decls, name);
    assert.ok(was !== undefined && now !== undefined, `'${name}' was not kept`);
    return was === now;
  };
  const expect = (before: ReturnType<typeof build>, after: ReturnType<typeof build>, takenNames: string[], evaluatedNames: string[]) => {
    for (const n of takenNames) assert.equal(taken(before, after, n), true, `'${n}' should be taken`);
    for (const n of evaluatedNames) assert.equal(taken(before, after, n), false, `'${n}' should be evaluated again`);
  };

  it('a character replaced in one resource: that resource is evaluated again, every other one taken', () => {
    forgetReuse();
    const v0 = build(MAIN_TEXT);
    const v1 = build(replace(MAIN_TEXT, "nextHopIpAddress: '10.0.0.4'", "nextHopIpAddress: '10.0.0.5'"));
    // vnet reads rt.id, which did not change: a string, the same answer; ase reads vnet::aseSubnet.id, the same string too.
    expect(v0, v1, ['names', 'rules', 'nsg', 'vnet', 'spokeNsgs', 'ase', 'sharedSubnet', 'plan'], ['rt']);
  });

  it('a variable others read: it and its readers are evaluated again, the rest taken', () => {
    forgetReuse();
    const v0 = build(MAIN_TEXT);
    const v1 = build(replace(MAIN_TEXT, "var subnetPrefix = '10.0.1.0/24'", "var subnetPrefix = '10.0.2.0/24'"));
    // ase reads vnet (a new value) to find its nested subnet.
    expect(v0, v1, ['names', 'rt'], ['rules', 'nsg', 'vnet', 'spokeNsgs', 'sharedSubnet', 'ase', 'plan']);
  });

  it("a parameter's default and a loop's range: what reads them is evaluated again", () => {
    forgetReuse();
    const v0 = build(MAIN_TEXT);
    const t1 = replace(MAIN_TEXT, 'param count int = 3', 'param count int = 2');
    const v1 = build(t1);
    // vnet reads nsg.id, the same string; sharedSubnet reads the loop's instances, new ones.
    expect(v0, v1, ['names', 'rt', 'vnet', 'ase'], ['rules', 'nsg', 'spokeNsgs', 'sharedSubnet']);
    const v2 = build(replace(t1, "param prefix string = 'contoso'", "param prefix string = 'fabrika'"));
    expect(v1, v2, ['rules'], ['names', 'nsg', 'vnet', 'rt', 'spokeNsgs', 'ase', 'sharedSubnet']);
  });

  it('a renamed symbol: its readers are evaluated again (the name no longer answers)', () => {
    forgetReuse();
    const v0 = build(MAIN_TEXT);
    const v1 = build(replace(MAIN_TEXT, "resource rt 'Microsoft", "resource rq 'Microsoft"));
    // (nsg, just before it, is parsed again: its parse looked at the next declaration's first tokens.)
    expect(v0, v1, ['names', 'rules', 'spokeNsgs', 'sharedSubnet'], ['vnet', 'ase']);
  });

  it('a module and what reads its outputs are evaluated in every version', () => {
    forgetReuse();
    const v0 = build(MAIN_TEXT);
    const v1 = build(MAIN_TEXT);
    assert.equal(v1.lowering.resources.has(declNamed(v1.decls, 'afterModule') as ResourceDeclaration), false);
    assert.equal(valueOf(v0.lowering, v0.decls, 'nsg'), valueOf(v1.lowering, v1.decls, 'nsg'));
  });

  it('after an edit that changes the length (a character typed, a line added), the declarations after it are moved and their evaluations taken', () => {
    forgetReuse();
    const v0 = build(MAIN_TEXT);
    const v1 = build(replace(MAIN_TEXT, "nextHopIpAddress: '10.0.0.4'", "nextHopIpAddress: '10.0.0.44'"));
    expect(v0, v1, ['names', 'rules', 'nsg', 'vnet', 'spokeNsgs', 'ase', 'sharedSubnet', 'plan'], ['rt']);
    const v2 = build(replace(MAIN_TEXT, "nextHopIpAddress: '10.0.0.4'", "nextHopIpAddress: '10.0.0.4'\n\n"));
    expect(v1, v2, ['names', 'rules', 'nsg', 'vnet', 'spokeNsgs', 'ase', 'sharedSubnet', 'plan'], ['rt']);
  });

  it('a document held by a cache is not moved: the declarations after the edit are parsed and evaluated again', () => {
    forgetReuse();
    const v0 = build(MAIN_TEXT);
    parseBicepDocumentHeld(MAIN, MAIN_TEXT);
    const v1 = build(replace(MAIN_TEXT, "nextHopIpAddress: '10.0.0.4'", "nextHopIpAddress: '10.0.0.44'"));
    expect(v0, v1, ['names', 'rules', 'nsg'], ['rt', 'vnet', 'spokeNsgs', 'ase', 'sharedSubnet']);
  });

  it('nothing is kept without reuse between versions, and forgetReuse forgets it', () => {
    forgetReuse();
    build(MAIN_TEXT);
    assert.ok(bicepLowerings.latest(MAIN));
    forgetReuse();
    assert.equal(bicepLowerings.latest(MAIN), undefined);
    reuseBetweenVersions(false);
    try {
      buildBicepModel(parseBicepDocument(MAIN, MAIN_TEXT), host, {});
      assert.equal(bicepLowerings.latest(MAIN), undefined);
    } finally {
      reuseBetweenVersions(true);
    }
  });

  it('a trial of another text (a fix verified) takes what was kept and keeps nothing: the next version still finds its own', () => {
    forgetReuse();
    const v0 = build(MAIN_TEXT);
    const doc0 = parseBicepDocument(MAIN, MAIN_TEXT);
    const tried = analyze(MAIN, replace(MAIN_TEXT, "param prefix string = 'contoso'", "param prefix string = 'fabrikam'"), host, { trial: true });
    assert.ok(tried.model);
    assert.equal(bicepLowerings.latest(MAIN), v0.lowering);
    // The parse too: a one-character edit keeps the nodes of the last version kept, not of the text tried.
    const next = parseBicepDocument(MAIN, replace(MAIN_TEXT, "'10.0.0.4'", "'10.0.0.5'"));
    assert.equal(next.file.declarations[1], doc0.file.declarations[1]);
    const v1 = build(replace(MAIN_TEXT, "'10.0.0.4'", "'10.0.0.5'"));
    expect(v0, v1, ['names', 'rules', 'nsg', 'vnet'], ['rt']);
  });

  it('keeps the latest analysis of at most eight documents', () => {
    forgetReuse();
    for (let i = 0; i < 10; i++) {
      const uri = `${DIR}doc${i}.bicep`;
      buildBicepModel(parseBicepDocument(uri, MAIN_TEXT), host, {});
    }
    assert.equal(bicepLowerings.latest(`${DIR}doc0.bicep`), undefined);
    assert.equal(bicepLowerings.latest(`${DIR}doc1.bicep`), undefined);
    assert.ok(bicepLowerings.latest(`${DIR}doc9.bicep`));
    forgetReuse();
  });
});

describe('typed NSGs, route tables and VNets taken from the build before', () => {
  const host = hostOf({ [MODULE]: MODULE_TEXT });
  const model = (text: string) => analyze(MAIN, text, host).model!;
  const nsgNamed = (m: NetworkModel, name: string) => m.nsgs.find((n) => n.name === name)!;
  const tableNamed = (m: NetworkModel, name: string) => m.routeTables.find((t) => t.name === name)!;

  it('after an edit of the same length without a line break, the untouched ones are the same objects; the edited one is typed again', () => {
    forgetReuse();
    const m0 = model(MAIN_TEXT);
    const m1 = model(replace(MAIN_TEXT, "nextHopIpAddress: '10.0.0.4'", "nextHopIpAddress: '10.0.0.5'"));
    assert.equal(nsgNamed(m1, 'contoso-nsg'), nsgNamed(m0, 'contoso-nsg'));
    assert.equal(nsgNamed(m1, 'contoso-spoke-1'), nsgNamed(m0, 'contoso-spoke-1'));
    assert.notEqual(tableNamed(m1, 'contoso-rt'), tableNamed(m0, 'contoso-rt'), 'its values changed');
    // The rules typed again share the lists of one text with the kept ones, as in one build.
    const spokes = [nsgNamed(m1, 'contoso-spoke-0'), nsgNamed(m1, 'contoso-nsg')];
    const ports = spokes.map((n) => (n.securityRules as { sourcePortRanges: unknown }[])[0].sourcePortRanges);
    assert.equal(ports[0], ports[1]);
  });

  it('after a character typed (the length changes, no line break) they are taken too; after a line break, every one is typed again', () => {
    forgetReuse();
    const m0 = model(MAIN_TEXT);
    const typed = replace(MAIN_TEXT, "nextHopIpAddress: '10.0.0.4'", "nextHopIpAddress: '10.0.0.45'");
    const m1 = model(typed);
    assert.equal(nsgNamed(m1, 'contoso-nsg'), nsgNamed(m0, 'contoso-nsg'));
    assert.equal(nsgNamed(m1, 'contoso-spoke-2'), nsgNamed(m0, 'contoso-spoke-2'), 'declared after the edit, on later lines');
    assert.notEqual(tableNamed(m1, 'contoso-rt'), tableNamed(m0, 'contoso-rt'));
    const m2 = model(replace(typed, "param kind string = 'ASEv3'", "param kind string = 'ASEv3'\n"));
    assert.notEqual(nsgNamed(m2, 'contoso-nsg'), nsgNamed(m1, 'contoso-nsg'));
    assert.notEqual(nsgNamed(m2, 'contoso-spoke-2'), nsgNamed(m1, 'contoso-spoke-2'));
  });

  it('an NSG whose rules are written further down is typed again when a line break, or a lone CR, moves them, or the edit moves them along their line', () => {
    const uri = `${DIR}late.bicep`;
    const text = lines(
      "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
      "  name: 'late-nsg'",
      "  location: 'westeurope'",
      '  properties: { securityRules: rules }',
      '}',
      '',
      '// the rules',
      "var rules = [{ name: 'deny-all', properties: { priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } }]",
      '',
    );
    const crlf = text.replace(/\n/g, '\r\n');
    const pairs: [string, string][] = [
      // A character typed between the CR and the LF ending the comment's line: a line more.
      [crlf, replace(crlf, '// the rules\r\n', '// the rules\rx\n')],
      // A space typed before `var`, on the line the kept declaration starts on: its places move along it.
      [text, replace(text, '\nvar rules', '\n var rules')],
    ];
    for (const [before, after] of pairs) {
      forgetReuse();
      const fresh = modelText(analyze(uri, after, hostOf({})).model);
      forgetReuse();
      const earlier = analyze(uri, before, hostOf({})).model!;
      const reused = analyze(uri, after, hostOf({})).model!;
      assert.ok(Array.isArray(reused.nsgs[0].securityRules) && reused.nsgs[0].securityRules.length === 1);
      assert.notEqual(reused.nsgs[0], earlier.nsgs[0], 'typed again');
      assert.equal(modelText(reused), fresh);
    }
  });

  it('edits on a line a kept declaration is on, or that split a CRLF, type every one again; each version is the one from nothing', () => {
    const versions: string[] = [MAIN_TEXT];
    // A space typed before `resource`, on the first line of a declaration.
    versions.push(replace(MAIN_TEXT, "resource rt 'Microsoft", " resource rt 'Microsoft"));
    // A comment typed after the last line of one.
    versions.push(replace(versions[1], "}\n\nresource vnet", "} // rt\n\nresource vnet"));
    const crlf = MAIN_TEXT.replace(/\n/g, '\r\n');
    versions.push(crlf, replace(crlf, "param kind string = 'ASEv3'\r\n", "param kind string = 'ASEv3'\rx\n"));
    for (const [i, text] of versions.entries()) {
      forgetReuse();
      const fresh = modelText(analyze(MAIN, text, host).model);
      forgetReuse();
      if (i > 0) model(versions[i - 1]);
      const reused = modelText(model(text));
      assert.equal(reused, fresh, `version ${i}`);
    }
  });

  it('two edits of the same length on different lines are one change across lines: every one is typed again, and the model is the one from nothing', () => {
    forgetReuse();
    const withDepends = replace(MAIN_TEXT, "  name: names.nsg\n", "  name: names.nsg\n  dependsOn: [rt]\n");
    const m0 = model(withDepends);
    const renamed = replace(replace(withDepends, "resource rt 'Microsoft", "resource rq 'Microsoft"), 'dependsOn: [rt]', 'dependsOn: [rq]');
    const m1 = model(renamed);
    assert.notEqual(nsgNamed(m1, 'contoso-spoke-1'), nsgNamed(m0, 'contoso-spoke-1'));
    const reused = modelText(m1);
    forgetReuse();
    assert.equal(reused, modelText(analyze(MAIN, renamed, host).model));
  });
});

describe('re-analysis after edits aimed at what evaluations read equals analysis from nothing', () => {
  it('a walk of aimed edits over a template with loops, a function, an existing resource and a module', () => {
    const versions: Array<{ name: string; files: Record<string, string> }> = [];
    let main = MAIN_TEXT;
    let module = MODULE_TEXT;
    const step = (name: string, edit: () => void) => {
      edit();
      versions.push({ name, files: { [MAIN]: main, [MODULE]: module } });
    };
    step('the original', () => {});
    step('a route changed (same length)', () => (main = replace(main, "nextHopIpAddress: '10.0.0.4'", "nextHopIpAddress: '10.0.0.5'")));
    step("a parameter's default", () => (main = replace(main, 'param denyPriority int = 4000', 'param denyPriority int = 1000')));
    step('a variable others read', () => (main = replace(main, "var subnetPrefix = '10.0.1.0/24'", "var subnetPrefix = '10.0.2.0/24'")));
    step("a loop's range", () => (main = replace(main, 'param count int = 3', 'param count int = 1')));
    step('an index past the loop', () => (main = replace(main, 'spokeNsgs[0].id', 'spokeNsgs[2].id')));
    step('the loop back', () => (main = replace(main, 'param count int = 1', 'param count int = 3')));
    step('a renamed symbol', () => (main = replace(main, "resource rt 'Microsoft", "resource rq 'Microsoft")));
    step('its reader renamed too', () => (main = replace(main, 'routeTable: { id: rt.id }', 'routeTable: { id: rq.id }')));
    step('a renamed variable', () => (main = replace(main, 'var names = {', 'var namez = {')));
    step('the variable back', () => (main = replace(main, 'var namez = {', 'var names = {')));
    step("a function's body", () => (main = replace(main, "=> 'rule-${n}'", "=> 'rula-${n}'")));
    step("a module's params", () => (main = replace(main, 'nsgId: nsg.id', 'nsgId: rq.id')));
    step("the module's file", () => (module = replace(module, "'10.2.0.0/24'", "'10.2.9.0/24'")));
    step("the module's output", () => (module = replace(module, "'${prefix}-spoke-rt'", "'${prefix}-spoke-rq'")));
    step('an existing resource', () => (main = replace(main, "name: 'shared-vnet'", "name: 'shared-vnez'")));
    step("an existing resource's symbol read by a child", () => (main = replace(main, 'parent: shared', 'parent: vnet')));
    step('the ASE kind', () => (main = replace(main, "param kind string = 'ASEv3'", "param kind string = 'ASEv2'")));
    step('a line added at the top, moving every declaration', () => (main = `// the network of the ASE\n${main}`));
    // A space made a line break: the declarations after it are kept by the parse, one line lower.
    step('a line break in the middle (same length)', () => (main = replace(main, '\n  location: location\n  properties: {\n    addressSpace', '\n \nlocation: location\n  properties: {\n    addressSpace')));
    step('a route changed after it', () => (main = replace(main, "nextHopIpAddress: '10.0.0.5'", "nextHopIpAddress: '10.0.0.6'")));
    step('the line break removed (same length)', () => (main = replace(main, '\n \nlocation: location', '\n  location: location')));
    step('a declaration duplicated', () => (main = replace(main, "var subnetPrefix = '10.0.2.0/24'", "var subnetPrefix = '10.0.2.0/24'\nvar subnetPrefix = '10.0.3.0/24'")));
    step('a declaration removed', () => (main = replace(main, "resource rq 'Microsoft.Network/routeTables@2023-04-01' = {", "resource rq 'Microsoft.Network/routeTables@2023-04-01' = [")));
    step('a cycle between variables', () => (main = replace(main, "var subnetPrefix = '10.0.3.0/24'", 'var subnetPrefix = rules[0].name')));
    step('the original again', () => ((main = MAIN_TEXT), (module = MODULE_TEXT)));
    step('a route changed again', () => (main = replace(main, "nextHopIpAddress: '10.0.0.4'", "nextHopIpAddress: '10.0.0.6'")));
    assertSameAsFromNothing(MAIN, versions);
  });

  it('the same edits with a parameters file giving some of the values', () => {
    const PARAMS = `${DIR}main.bicepparam`;
    const paramsText = (p: string) => lines("using 'main.bicep'", `param prefix = '${p}'`, 'param count = 2', '');
    const versions = [
      { name: 'with a parameters file', files: { [MAIN]: MAIN_TEXT, [MODULE]: MODULE_TEXT, [PARAMS]: paramsText('fabrik') } },
      { name: 'a route changed', files: { [MAIN]: replace(MAIN_TEXT, "'10.0.0.4'", "'10.0.0.5'"), [MODULE]: MODULE_TEXT, [PARAMS]: paramsText('fabrik') } },
      { name: 'the parameters file changed', files: { [MAIN]: replace(MAIN_TEXT, "'10.0.0.4'", "'10.0.0.5'"), [MODULE]: MODULE_TEXT, [PARAMS]: paramsText('fabrim') } },
      { name: 'a default the file overrides', files: { [MAIN]: replace(MAIN_TEXT, 'param count int = 3', 'param count int = 4'), [MODULE]: MODULE_TEXT, [PARAMS]: paramsText('fabrim') } },
    ];
    assertSameAsFromNothing(MAIN, versions, { parametersUri: PARAMS });
  });
});
