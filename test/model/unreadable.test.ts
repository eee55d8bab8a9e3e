// Why a referenced file was not read reaches the note that lists what could not be
// verified (ASE902), so the user learns that a parameters file beside the template is a
// directory, or that a linked template leads to a device.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/engine/analyze';
import { createDiskHost } from '../../server/src/engine/diskHost';
import { noteText } from '../support/notes';

const dir = mkdtempSync(join(tmpdir(), 'ase-lint-unreadable-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const template = (resources: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "vnetName": { "type": "string" } },
  "resources": [${resources}]
}`;
const vnet = `{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "[parameters('vnetName')]", "location": "westeurope",
  "properties": { "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] } } }`;

function note(uri: string, text: string): string {
  const a = analyze(uri, text, createDiskHost(undefined, { roots: [dir] }));
  return noteText(a.findings.find((f) => f.code === 'ASE902'));
}

test('a parameters file beside the template that is a directory is named with the reason', () => {
  mkdirSync(join(dir, 'ase.parameters.json'));
  const uri = pathToFileURL(join(dir, 'ase.json')).href;
  assert.match(note(uri, template(vnet)), /the parameters file file:.*\/ase\.parameters\.json beside the template was not read: it is a directory, not a regular file/);
});

test('an explicit parameters file or a linked template that leads to a device says so', { skip: !existsSync('/dev/zero') }, () => {
  const uri = pathToFileURL(join(dir, 'linked.json')).href;
  writeFileSync(join(dir, 'linked.json'), '');
  const linked = `{ "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "more",
    "properties": { "mode": "Incremental", "templateLink": { "relativePath": "../../../../../../../../dev/zero" } } }`;
  assert.match(note(uri, template(`${vnet}, ${linked}`)), /the linked template \.\.\/.*dev\/zero could not be read: it is a character device, not a regular file/);
  const a = analyze(uri, template(vnet), createDiskHost(undefined, { roots: [dir] }), { parametersUri: 'file:///dev/zero' });
  assert.match(noteText(a.findings.find((f) => f.code === 'ASE902')), /the parameters file file:\/\/\/dev\/zero could not be read: it is a character device, not a regular file/);
});
