import type { AnalyzeOptions } from '../../../server/src/engine/analyze';
import { buildBicepModel } from '../../../server/src/lower/bicep/build';
import { parseBicepDocument } from '../../../server/src/parse/bicep/document';
import type { NetworkModel } from '../../../server/src/model/types';
import { hostOf } from '../../support/model';

export const BICEP_URI = 'file:///work/infra/main.bicep';

/** Builds the model of a Bicep text; `files` are the other files the host can read, by uri. */
export function buildBicep(text: string, files: Record<string, string> = {}, options: AnalyzeOptions = {}, uri = BICEP_URI): NetworkModel {
  return buildBicepModel(parseBicepDocument(uri, text), hostOf(files), options);
}

/** Lines joined with LF: tests state their Bicep texts as arrays so ranges can be read off them. */
export function lines(...l: string[]): string {
  return l.join('\n');
}

/** The zero-based position of the first occurrence of `needle` (after `after`, when given) in `text`. */
export function rangeOf(text: string, needle: string, after = ''): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const from = after ? text.indexOf(after) : 0;
  const offset = text.indexOf(needle, from < 0 ? 0 : from);
  if (offset < 0) throw new Error(`'${needle}' is not in the text`);
  const pos = (o: number) => {
    const before = text.slice(0, o);
    const line = before.split('\n').length - 1;
    return { line, character: o - (before.lastIndexOf('\n') + 1) };
  };
  return { start: pos(offset), end: pos(offset + needle.length) };
}

/** An ASEv2 `my-ase` in subnet `ase` (10.0.1.0/24) of VNet `ase-vnet`, the subnet's NSG given by `nsgId` (a Bicep expression). */
export function vnetWithAse(nsgId: string): string[] {
  return [
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'ase-vnet'",
    "  location: 'westeurope'",
    '  properties: {',
    "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
    `    subnets: [ { name: 'ase', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: ${nsgId} } } } ]`,
    '  }',
    '}',
    "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
    "  name: 'my-ase'",
    "  location: 'westeurope'",
    "  kind: 'ASEV2'",
    "  properties: { virtualNetwork: { id: '${vnet.id}/subnets/ase' } }",
    '}',
  ];
}

/** A security rule denying everything inbound at priority 100, as a JSON value (for JSON files the tests load). */
export const DENY_ALL_INBOUND = {
  name: 'deny-all',
  properties: {
    priority: 100,
    direction: 'Inbound',
    access: 'Deny',
    protocol: '*',
    sourceAddressPrefix: '*',
    sourcePortRange: '*',
    destinationAddressPrefix: '*',
    destinationPortRange: '*',
  },
};
