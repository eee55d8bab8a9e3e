// The port hovers and the explain panel read the port tables for the ASE versions the
// template deploys: remote debugging is 4020, 4022, 4024 on ASEv2 and 4022, 4024, 4026 on
// ASEv3; the load balancer probes TCP 21 on an ASEv3 with FTP on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainAt } from '../../server/src/query/explain';
import { aseTemplate, nsgRule } from '../support/templates';
import { bicepTwin } from '../support/twin';
import { analysed, armUri, bicepUri, hoverOn } from './hoverHelpers';

const debugging = (ports: string) => nsgRule('AllowDebugging', { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: '10.0.5.0/24', ports }, true);
const v3 = { kind: 'ASEV3', delegations: ['                { "name": "d", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }'] };

test('port 4026 is remote debugging on an ASEv3 and nothing on an ASEv2', () => {
  const onV3 = hoverOn(analysed(armUri, aseTemplate({ ...v3, securityRules: [debugging('4026')] })), '"4026"', 2)!.markdown;
  assert.match(onV3, /\*\*Visual Studio remote debugging\*\* — app access: TCP 4022, 4024, 4026, app clients → ASE subnet; ASEv3\./);
  const onV2 = hoverOn(analysed(armUri, aseTemplate({ securityRules: [debugging('4026')] })), '"4026"', 2)!.markdown;
  assert.match(onV2, /no documented inbound ASEv2 dependency uses this port specifically/);
  const bicep = hoverOn(analysed(bicepUri, bicepTwin({ rules: [{ name: 'AllowDebugging', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: '10.0.5.0/24', ports: '4020' }] })), "'4020'", 2)!.markdown;
  assert.match(bicep, /\*\*Visual Studio remote debugging\*\* — app access: TCP 4020, 4022, 4024, app clients → ASE subnet; ASEv2\./);
});

test('port 21 on an ASEv3 names FTP and the load balancer probe of FTP', () => {
  const onV3 = hoverOn(analysed(armUri, aseTemplate({ ...v3, securityRules: [debugging('21')] })), '"21"', 2)!.markdown;
  assert.match(onV3, /FTP/);
  assert.match(onV3, /Azure load balancer to FTP \(ASEv3/);
});

test('the explain panel lists the rows with the ports of the versions present', () => {
  const analysis = analysed(armUri, aseTemplate({ ...v3, securityRules: [debugging('4026')] }));
  const result = explainAt(analysis, { uri: armUri });
  const row = result.rows.find((r) => r.id === 'app-remote-debugging');
  assert.deepEqual([row?.ports, row?.versions], ['4022,4024,4026', ['v3']]);
  const choice = result.choices.find((c) => c.key === 'app-remote-debugging');
  assert.match(choice?.description ?? '', /TCP 4022,4024,4026/);
});
