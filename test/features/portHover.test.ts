import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aseTemplate, nsgRule } from '../support/templates';
import { analysed, armUri, hoverOn } from './hoverHelpers';

const rules = [
  nsgRule('AllowMgmt', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }),
  nsgRule('AllowFtp', { priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'Internet', ports: '21' }),
  nsgRule('AllowLb', { priority: 120, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', ports: '80' }, true),
];

test('the port hover shows the rows of the version the template deploys: no ASEv1/v2 rows in an ASEv3 file', () => {
  const v3 = analysed(armUri, aseTemplate({ kind: 'ASEV3', securityRules: rules, delegations: [] }));
  const management = hoverOn(v3, '"454-455"', 2)!.markdown;
  assert.equal(management, '**Port** `454-455`: no documented inbound ASEv3 dependency uses this port specifically.');
  // FTP publishing is documented for every version (and the load balancer probes TCP 21 on an ASEv3 with FTP on).
  assert.match(hoverOn(v3, '"21"', 1)!.markdown, /FTP and FTPS publishing/);
  const lb = hoverOn(v3, '"80"', 1, 'AllowLb')!.markdown;
  assert.match(lb, /\(inbound ASEv3\):/);
  assert.doesNotMatch(lb, /ASEv1|ASEv2/, 'only the ASEv3 rows');

  const v2 = analysed(armUri, aseTemplate({ kind: 'ASEV2', securityRules: rules }));
  const v2Management = hoverOn(v2, '"454-455"', 2)!.markdown;
  assert.match(v2Management, /^\*\*Port\*\* `454-455` carries this documented dependency of an ASE \(inbound ASEv2\):/);
  assert.match(v2Management, /Management/);
  assert.match(hoverOn(v2, '"21"', 1)!.markdown, /FTP/);
});

test('without a known version, the port hover shows every version', () => {
  const unknown = analysed(armUri, aseTemplate({ kind: "[parameters('kind')]", securityRules: rules }));
  const management = hoverOn(unknown, '"454-455"', 2)!.markdown;
  assert.match(management, /^\*\*Port\*\* `454-455` carries this documented dependency of an ASE \(inbound\):/);
});
