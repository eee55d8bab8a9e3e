// The child the CPU profile is taken of: V8's profiler (the one behind node --cpu-prof),
// started through the inspector only after the warm-up, so neither loading the bundle
// nor the first, unoptimised runs show up in the self times.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { pathToFileURL } from 'node:url';
import type { Engine } from './engineBundle';

const [bundle, file, output, runs = '10'] = process.argv.slice(2);
// The bundle run.ts built (see engineBundle.ts), so the profile is of the code that ships.
const { analyze } = require(bundle) as Engine;
const text = readFileSync(file, 'utf8');
const uri = pathToFileURL(file).href;
const analyzeOnce = () => analyze(uri, text, { readFile: () => undefined });

const session = new Session();
session.connect();
const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));

async function main(): Promise<void> {
  for (let i = 0; i < 3; i++) analyzeOnce();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  for (let i = 0; i < Number(runs); i++) analyzeOnce();
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  writeFileSync(output, JSON.stringify(profile));
  session.disconnect();
}

void main();
