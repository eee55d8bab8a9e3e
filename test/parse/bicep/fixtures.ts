import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '../../fixtures/bicep');

export const FIXTURES = [
  'ase-v3-network.bicep',
  'ase-v3.bicepparam',
  'hub.bicep',
  'modules/types.bicep',
  'modules/ase-dns.bicep',
];

export function readFixture(name: string): string {
  return readFileSync(join(DIR, name), 'utf8');
}
