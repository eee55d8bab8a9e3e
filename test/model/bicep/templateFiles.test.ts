import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { collectFiles } from '../../../server/src/cli/templateFiles';

test('directories include .bicep templates; .bicepparam files are only read as parameters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ase-lint-bicep-'));
  try {
    mkdirSync(join(dir, 'modules'));
    for (const f of ['main.bicep', 'main.bicepparam', 'modules/nsg.bicep', 'azuredeploy.json', 'notes.txt']) writeFileSync(join(dir, f), '');
    const { files, errors } = collectFiles([dir], dir);
    assert.deepEqual(errors, []);
    assert.deepEqual(files.map((f) => f.display).sort(), ['azuredeploy.json', 'main.bicep', join('modules', 'nsg.bicep')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
