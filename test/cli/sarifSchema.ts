// Validates a SARIF log against the official OASIS schema kept in test/fixtures/sarif
// (draft-04, hence Ajv's draft-04 class; ajv-formats checks `uri`, `uri-reference` and
// `date-time`, which the schema relies on).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { root } from '../support/ensureBuilt';

export const sarifSchemaPath = join(root, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

/** The schema's complaints about `log`, one line each; empty when it conforms. */
export function createSarifValidator(): (log: unknown) => string[] {
  const ajv = new Ajv04({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(sarifSchemaPath, 'utf8')));
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`));
}
