import type { Document, Node as YamlNode } from 'yaml';
import { unknown, type Unknown, type Value, type ValueObject } from '../../core/value';
import { nestsDeeperThan, TOO_DEEP } from '../../parse/nesting';

/** The `yaml` library, loaded the first time a YAML file is read (loading it is a few per cent of a start that reads none). */
let library: typeof import('yaml') | undefined;
function yaml(): typeof import('yaml') {
  return (library ??= require('yaml') as typeof import('yaml'));
}

/**
 * The value `loadYamlContent` gives, read with the `yaml` library (YAML 1.2, core schema).
 *
 * Bicep's releases have read YAML two ways: older ones with YamlDotNet, every scalar a
 * string and then any string that .NET parses as a boolean or an integer converted (even
 * a quoted `'80'`), with `//` and `/*` rewritten to `#` first; newer ones with the YAML
 * 1.2 core schema. A scalar the two read differently is UNKNOWN here, so the value
 * given is the one every release deploys. So is a file with several documents, custom
 * tags, or more alias expansions than a sane configuration file has.
 */
export function parseYaml(text: string): Value | Unknown {
  if (text.includes('/*')) return unknown('the YAML file contains /*, which Bicep releases read differently');
  // Before the parser sees it: deep flow nesting takes the whole process down with it (see nesting.ts).
  if (nestsDeeperThan(text, 'yaml')) return unknown(`the YAML file could not be read (${TOO_DEEP})`);
  const docs = yaml().parseAllDocuments(text.replace(/^\uFEFF/, ''), { schema: 'core', uniqueKeys: true, prettyErrors: false });
  if (docs.length === 0) return null; // an empty stream
  if (docs.length > 1) return unknown('the YAML file holds several documents');
  const doc = docs[0];
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) return unknown(`the YAML file could not be read (${problem.message.split('\n')[0]})`);
  try {
    return new Converter(doc).value(doc.contents);
  } catch (e) {
    if (e instanceof Ambiguous) return e.value;
    throw e;
  }
}

/** Thrown to make the whole file UNKNOWN (a key Bicep releases disagree on, too many aliases). */
class Ambiguous extends Error {
  constructor(readonly value: Unknown) {
    super(value.reason);
  }
}

/** Aliases expanded per file before the file counts as hostile (the "billion laughs"). */
const maxAliasExpansions = 1000;

const AMBIGUOUS = (s: string) => unknown(`the YAML value '${s.length > 40 ? `${s.slice(0, 37)}...` : s}' is read differently by Bicep releases`);

class Converter {
  private aliases = 0;

  constructor(private readonly doc: Document) {}

  value(node: unknown): Value | Unknown {
    if (node === null || node === undefined) return null;
    const { isAlias, isMap, isScalar, isSeq } = yaml();
    if (isAlias(node)) {
      if (++this.aliases > maxAliasExpansions) throw new Ambiguous(unknown('the YAML file expands too many aliases'));
      return this.value(node.resolve(this.doc));
    }
    if (isScalar(node)) return scalar(node.value, node.source, node.type);
    if (isSeq(node)) {
      const out: (Value | Unknown)[] = node.items.map((i) => this.value(i));
      return out as Value;
    }
    if (isMap(node)) {
      const out: ValueObject = {};
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') {
          throw new Ambiguous(unknown('the YAML file has a key that is not a plain value'));
        }
        const name = isScalar(pair.key) && typeof pair.key.source === 'string' ? pair.key.source : String(key);
        if (dotnetTyped(name) || name.includes('//')) throw new Ambiguous(unknown(`the YAML key '${name}' is read differently by Bicep releases`));
        out[name] = this.value(pair.value as YamlNode | null) as Value;
      }
      return out;
    }
    throw new Ambiguous(unknown('the YAML file holds a node that is not read'));
  }
}

/** A scalar by the core schema, or UNKNOWN where Bicep releases disagree. */
function scalar(value: unknown, source: string | undefined, type: string | undefined): Value | Unknown {
  const written = source ?? String(value);
  if (typeof value === 'string') return value.includes('//') || dotnetTyped(value) || (type === 'PLAIN' && numberLike(value)) ? AMBIGUOUS(value) : value;
  if (value === null) return type === 'PLAIN' && written.includes('//') ? AMBIGUOUS(written) : null;
  if (typeof value === 'boolean') return /^(true|false)$/i.test(written) ? value : AMBIGUOUS(written);
  // Only a plain decimal integer reads the same in both (1.5, 0x1F, 010, .inf do not).
  if (typeof value === 'number') return /^-?(0|[1-9][0-9]*)$/.test(written) && Number.isSafeInteger(value) ? value : AMBIGUOUS(written);
  return AMBIGUOUS(written);
}

/** Plain text other YAML readers take for a number (1_000, .5, 0o17, .inf): kept out, to be safe. */
function numberLike(s: string): boolean {
  return /^[-+]?(\.[0-9_]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/.test(s) || /^[-+]?0[xob]/i.test(s) || /^[-+]?\.(inf|nan)$/i.test(s);
}

/** True when .NET's bool.TryParse or long.TryParse accepts the string (older releases convert such strings). */
function dotnetTyped(s: string): boolean {
  return /^\s*(true|false)\s*$/i.test(s) || /^\s*[-+]?\d+\s*$/.test(s);
}
