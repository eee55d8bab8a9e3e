import assert from 'node:assert/strict';
import type { AnalyzeOptions } from '../../server/src/engine/analyze';
import type { Host } from '../../server/src/core/host';
import { buildArmModel } from '../../server/src/lower/arm/build';
import type { NodeRef, Range } from '../../server/src/core/nodeRef';
import type { NetworkModel } from '../../server/src/model/types';
import { isUnknown } from '../../server/src/core/value';
import { parseArmDocument, type ArmDocument } from '../../server/src/parse/arm';

export const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
export const URI = 'file:///work/infra/azuredeploy.json';

/** A template's text: two-space JSON, so expected ranges can be read off the text. */
export function template(body: Record<string, unknown>): string {
  return JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', ...body }, null, 2);
}

export function hostOf(files: Record<string, string> = {}): Host & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile: (uri) => {
      reads.push(uri);
      return files[uri];
    },
  };
}

export interface Built {
  doc: ArmDocument;
  model: NetworkModel;
  text: string;
}

export function build(text: string, files: Record<string, string> = {}, options: AnalyzeOptions = {}, uri = URI): Built {
  const doc = parseArmDocument(uri, text);
  const model = buildArmModel(doc, hostOf(files), options);
  return { doc, model, text };
}

/** The text a range covers (computed independently of the LineIndex). */
export function textAt(text: string, range: Range): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') {
      starts.push(i + 2);
      i++;
    } else if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  const offset = (p: { line: number; character: number }) => starts[p.line] + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

/** Asserts that `ref` underlines `expected` and, when given, carries `path` (null: no path). */
export function assertRef(built: Built, ref: NodeRef | undefined, expected: string, path?: (string | number)[] | null, uri = built.doc.uri): void {
  assert.ok(ref, `expected a ref for ${expected}`);
  assert.equal(ref.uri, uri);
  assert.equal(textAt(built.text, ref.range), expected);
  if (path === null) assert.equal(ref.path, undefined);
  else if (path !== undefined) assert.deepEqual(ref.path, path);
}

/** The known strings of a located list (fails on UNKNOWN). */
export function values<T>(list: { value: T | { reason: string } }[] | { reason: string } | undefined): T[] {
  assert.ok(list && !isUnknown(list), `expected a known list, got ${String(list)}`);
  return (list as { value: T }[]).map((l) => l.value);
}

export function reasonOf(v: unknown): string {
  assert.ok(isUnknown(v), `expected UNKNOWN, got ${JSON.stringify(v)}`);
  return v.reason;
}

export function vnet(name: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-04-01', name, location: 'westeurope', ...extra, properties };
}

export function ase(name: string, properties: Record<string, unknown>, extra: Record<string, unknown> = { kind: 'ASEV3' }) {
  return { type: 'Microsoft.Web/hostingEnvironments', apiVersion: '2022-03-01', name, location: 'westeurope', ...extra, properties };
}
