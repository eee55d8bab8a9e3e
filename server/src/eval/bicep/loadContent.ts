import { isUnknown, unknown, type Value } from '../../core/value';
import type { Expression } from '../../parse/bicep';
import type { BicepEnv, LoadedFile } from './env';
import type { EvaluateBicep } from './functions';
import { selectPath } from './jsonPath';
import { parseYaml } from './yaml';

/** Bicep's own limits (LanguageConstants): a larger file fails the build, so it deploys nothing. */
const MAX_TEXT_CHARS = 131072;
const MAX_JSON_CHARS = 1048576;
const MAX_BASE64_BYTES = (MAX_TEXT_CHARS / 4) * 3;

/** The `load*` functions, by lower-case name: arguments allowed and which one is the encoding. */
const LOADERS: Record<string, { max: number; encodingAt?: number; pathAt?: number }> = {
  loadtextcontent: { max: 2, encodingAt: 1 },
  loadjsoncontent: { max: 3, pathAt: 1, encodingAt: 2 },
  loadyamlcontent: { max: 3, pathAt: 1, encodingAt: 2 },
  loadfileasbase64: { max: 1 },
};

export function isLoadFunction(lower: string): boolean {
  return lower in LOADERS;
}

/**
 * `loadTextContent('x.txt')`, `loadJsonContent('rules.json', '$.rules')`,
 * `loadYamlContent(…)`, `loadFileAsBase64(…)`: the file is read relative to the Bicep
 * file through the host (so the read is recorded and an edit to it re-analyses), as the
 * compiler inlines it. A file that cannot be read, is too large for Bicep, is not in the
 * encoding given or does not parse is UNKNOWN with the reason.
 */
export function loadContent(name: string, args: readonly Expression[], env: BicepEnv, evaluate: EvaluateBicep): Value {
  const lower = name.toLowerCase();
  const spec = LOADERS[lower];
  if (args.length < 1 || args.length > spec.max) {
    return unknown(`${name}() takes ${spec.max === 1 ? '1 argument' : `1 to ${spec.max} arguments`}, got ${args.length}`);
  }
  const values = args.map((a) => evaluate(a, env));
  const u = values.find(isUnknown);
  if (u) return u;
  const [path] = values;
  if (typeof path !== 'string' || path === '') return unknown(`the file path of ${name}() is not a string`);
  const encoding = spec.encodingAt !== undefined ? values[spec.encodingAt] : undefined;
  if (encoding !== undefined && typeof encoding !== 'string') return unknown(`the encoding of ${name}() is not a string`);
  const selector = spec.pathAt !== undefined ? values[spec.pathAt] : undefined;
  if (selector !== undefined && typeof selector !== 'string') return unknown(`the path argument of ${name}() is not a string`);

  const file = env.symbols.loadFile(path);
  if (isUnknown(file)) return file;
  if (lower === 'loadfileasbase64') return base64Of(file, path);
  const text = decoded(file, path, encoding);
  if (isUnknown(text)) return text;
  const limit = lower === 'loadtextcontent' ? MAX_TEXT_CHARS : MAX_JSON_CHARS;
  if (text.length > limit) return unknown(`${path} has ${text.length} characters, more than the ${limit} ${name}() loads`);
  if (lower === 'loadtextcontent') return text;
  let value: Value;
  if (lower === 'loadjsoncontent') value = env.symbols.jsonOf(file);
  else value = parseYaml(text);
  if (isUnknown(value)) return unknown(`${path}: ${value.reason}`);
  if (selector === undefined) return value;
  const selected = selectPath(value, selector);
  return isUnknown(selected) ? unknown(`${path}: ${selected.reason}`) : selected;
}

/**
 * The text as Bicep decodes it. The host hands over UTF-8; a byte order mark decides the
 * encoding (and is not part of the text), as .NET's reader does. For us-ascii and
 * iso-8859-1 the text is the same when it is all ASCII; otherwise it is UNKNOWN.
 */
function decoded(file: LoadedFile, path: string, encoding: string | undefined): string | ReturnType<typeof unknown> {
  let text = file.text;
  if (text.includes('\uFFFD') || text.includes('\u0000')) return unknown(`${path} is not UTF-8 text`);
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  const enc = (encoding ?? 'utf-8').toLowerCase();
  if (bom || enc === 'utf-8') return text;
  if (enc === 'us-ascii' || enc === 'iso-8859-1') {
    return /^[\x00-\x7f]*$/.test(text) ? text : unknown(`${path} is read as ${encoding}, which is not evaluated for text beyond ASCII`);
  }
  if (enc === 'utf-16' || enc === 'utf-16be') return unknown(`${path} is read as ${encoding}, which is not evaluated`);
  return unknown(`'${encoding}' is not an encoding Bicep supports`);
}

function base64Of(file: LoadedFile, path: string): Value {
  if (file.text.includes('\uFFFD')) return unknown(`${path} is not UTF-8 text, so its bytes are not known`);
  const bytes = Buffer.from(file.text, 'utf8');
  if (bytes.length > MAX_BASE64_BYTES) return unknown(`${path} has ${bytes.length} bytes, more than the ${MAX_BASE64_BYTES} loadFileAsBase64() loads`);
  return bytes.toString('base64');
}
