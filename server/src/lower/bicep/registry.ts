import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { readTextOrWhy, type Host } from '../../core/host';
import { filePathOf, fileUriOfPath } from '../../core/uris';
import { getProp, isObject, type Value } from '../../core/value';

/**
 * Registry modules as Bicep restores them into its local cache (`bicep restore`, `bicep
 * build`, or the Bicep extension when a file is opened):
 *
 *   <cache root>/br/<registry, lower case, ':' as '$'>/<repository, '/' as '$'>/<tag encoded>/main.json
 *   <cache root>/ts/<subscription>/<resource group>/<template spec>/<version>/main.json (lower case)
 *
 * The cache root is `cacheRootDirectory` of the nearest bicepconfig.json (`~` is the
 * home folder), else `~/.bicep`. `br/public:` is the public registry's alias
 * (`br:mcr.microsoft.com/bicep/…`); other aliases come from `moduleAliases` in the same
 * file. Nothing is ever downloaded: a module that is not in the cache is not analysed,
 * and the note says how to put it there.
 */

/** What a bicepconfig.json says about registry modules; every field may be missing. */
export interface BicepConfig {
  /** The file it was read from; undefined when there is none. */
  uri?: string;
  /** `moduleAliases.br.<alias>`: registry and optional path prefix. */
  brAliases: Map<string, { registry: string; modulePath?: string }>;
  /** `moduleAliases.ts.<alias>`: subscription and resource group. */
  tsAliases: Map<string, { subscription: string; resourceGroup: string }>;
  /** `cacheRootDirectory` as written. */
  cacheRootDirectory?: string;
  /** Why the file could not be used (not JSON, unreadable). */
  problem?: string;
}

/** A registry module reference, resolved through the aliases. */
export type ModuleReference =
  | { scheme: 'br'; registry: string; repository: string; tag?: string; digest?: string }
  | { scheme: 'ts'; subscription: string; resourceGroup: string; name: string; version: string };

const BUILT_IN_BR: ReadonlyMap<string, { registry: string; modulePath?: string }> = new Map([['public', { registry: 'mcr.microsoft.com', modulePath: 'bicep' }]]);

// The OCI distribution rules Bicep checks a reference against: anything else is no
// module reference, and never becomes a path.
const REGISTRY = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?$/i;
const REPOSITORY_SEGMENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
// Template specs: Azure's rules for the names (no '/', '\', '..' can reach the path).
const TS_SEGMENT = /^[\w.()-]{1,90}$/;
const SUBSCRIPTION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The module `path` of a `module` declaration (`br:…`, `br/alias:…`, `ts:…`,
 * `ts/alias:…`) resolved with the aliases; a string saying what is wrong otherwise.
 */
export function parseModuleReference(path: string, config: BicepConfig): ModuleReference | string {
  const m = /^(br|ts)(?:\/([^:]+))?:(.*)$/i.exec(path);
  if (!m) return `'${path}' is not a registry module reference`;
  const scheme = m[1].toLowerCase() as 'br' | 'ts';
  const alias = m[2];
  const rest = m[3];
  if (scheme === 'br') {
    let registry: string;
    let repositoryAndTag: string;
    if (alias !== undefined) {
      const a = config.brAliases.get(alias) ?? (alias === 'public' ? BUILT_IN_BR.get('public') : undefined);
      if (!a) return `the module alias 'br/${alias}' is not defined in a bicepconfig.json`;
      registry = a.registry;
      repositoryAndTag = a.modulePath ? `${a.modulePath.replace(/\/+$/, '')}/${rest}` : rest;
    } else {
      const slash = rest.indexOf('/');
      if (slash <= 0) return `'${path}' names no repository`;
      registry = rest.slice(0, slash);
      repositoryAndTag = rest.slice(slash + 1);
    }
    let repository: string;
    let tag: string | undefined;
    let digest: string | undefined;
    const at = repositoryAndTag.indexOf('@');
    if (at >= 0) {
      repository = repositoryAndTag.slice(0, at);
      digest = repositoryAndTag.slice(at + 1);
      if (!DIGEST.test(digest)) return `'${path}' has a digest that is not sha256:<64 hex digits>`;
    } else {
      const colon = repositoryAndTag.lastIndexOf(':');
      if (colon < 0) return `'${path}' has no tag`;
      repository = repositoryAndTag.slice(0, colon);
      tag = repositoryAndTag.slice(colon + 1);
      if (!TAG.test(tag)) return `'${path}' has a tag that is not valid`;
    }
    if (!REGISTRY.test(registry)) return `'${path}' names a registry that is not valid`;
    if (repository === '' || !repository.split('/').every((s) => REPOSITORY_SEGMENT.test(s))) return `'${path}' names a repository that is not valid`;
    return { scheme, registry, repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
  }
  let parts: string[];
  if (alias !== undefined) {
    const a = config.tsAliases.get(alias);
    if (!a) return `the template spec alias 'ts/${alias}' is not defined in a bicepconfig.json`;
    const colon = rest.lastIndexOf(':');
    if (colon < 0) return `'${path}' has no version`;
    parts = [a.subscription, a.resourceGroup, rest.slice(0, colon), rest.slice(colon + 1)];
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon < 0) return `'${path}' has no version`;
    const segments = rest.slice(0, colon).split('/');
    if (segments.length !== 3) return `'${path}' is not ts:<subscription>/<resource group>/<template spec>:<version>`;
    parts = [...segments, rest.slice(colon + 1)];
  }
  const [subscription, resourceGroup, name, version] = parts;
  if (!SUBSCRIPTION.test(subscription)) return `'${path}' names a subscription that is not a GUID`;
  if (![resourceGroup, name, version].every((s) => TS_SEGMENT.test(s) && !/^\.+$/.test(s))) return `'${path}' has a name that is not valid`;
  return { scheme, subscription, resourceGroup, name, version };
}

/** How Bicep writes a tag as a folder name: the tag, `$`, and the positions of its capitals as hex (none: nothing). */
export function encodeTag(tag: string): string {
  const masks: bigint[] = [0n, 0n];
  for (let i = 0; i < tag.length; i++) {
    const c = tag[i];
    if (c !== c.toLowerCase() && c === c.toUpperCase()) masks[Math.floor(i / 64)] |= 1n << BigInt(i % 64);
  }
  let out = `${tag}$`;
  let leading = false;
  for (let i = masks.length - 1; i >= 0; i--) {
    if (masks[i] !== 0n || leading) {
      out += leading ? masks[i].toString(16).padStart(16, '0') : masks[i].toString(16);
      leading = true;
    }
  }
  return out;
}

/** The folders under the cache root where Bicep keeps the module's `main.json`. */
export function cacheSegments(ref: ModuleReference): string[] {
  if (ref.scheme === 'br') {
    const version = ref.tag !== undefined ? encodeTag(ref.tag) : ref.digest!.replace(':', '#');
    return ['br', ref.registry.replace(/:/g, '$').toLowerCase(), ref.repository.replace(/\//g, '$'), version, 'main.json'];
  }
  return ['ts', ref.subscription, ref.resourceGroup, ref.name, ref.version, 'main.json'].map((s, i) => (i === 0 || i === 5 ? s : s.toLowerCase()));
}

/** The reference as a user reads it: `br:mcr.microsoft.com/bicep/avm/res/…:0.7.2`. */
export function describeReference(ref: ModuleReference): string {
  if (ref.scheme === 'br') return `br:${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : `@${ref.digest}`}`;
  return `ts:${ref.subscription}/${ref.resourceGroup}/${ref.name}:${ref.version}`;
}

/**
 * The cache root for a file configured by `config`: its `cacheRootDirectory` (`~` the
 * home folder, a relative path taken from the bicepconfig.json's folder), else
 * `~/.bicep`. A file path; undefined when it needs a home folder that is not known.
 */
export function cacheRoot(config: BicepConfig, home: string | undefined): string | undefined {
  const written = config.cacheRootDirectory?.trim();
  if (written) {
    if (written === '~' || written.startsWith('~/') || written.startsWith('~\\')) return home === undefined ? undefined : joinPath(home, written.slice(1));
    if (isAbsolutePath(written)) return written;
    const configPath = config.uri ? filePathOf(config.uri) : undefined;
    if (configPath === undefined) return undefined;
    return joinPath(configPath.replace(/[\\/][^\\/]*$/, ''), written);
  }
  return home === undefined ? undefined : joinPath(home, '.bicep');
}

/** The file URI of the module's `main.json` under `root` (a file path). */
export function cacheFileUri(root: string, ref: ModuleReference): string {
  return fileUriOfPath(joinPath(root, cacheSegments(ref).join('/')));
}

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

function joinPath(a: string, b: string): string {
  const sep = a.includes('\\') && !a.includes('/') ? '\\' : '/';
  const tail = b.replace(/^[\\/]+/, '');
  if (tail === '') return a;
  return `${a.replace(/[\\/]+$/, '')}${sep}${sep === '\\' ? tail.replace(/\//g, '\\') : tail}`;
}

const NO_CONFIG: BicepConfig = { brAliases: new Map(), tsAliases: new Map() };

/**
 * The nearest bicepconfig.json of the file at `uri`, looking in its folder and up to the
 * root (read through the host, so a confined host refuses one outside the workspace);
 * each folder is looked up once per `memo`.
 */
export function bicepConfigFor(uri: string, host: Host, memo: Map<string, BicepConfig>): BicepConfig {
  let dir: string;
  try {
    dir = new URL('.', uri).toString();
  } catch {
    return NO_CONFIG;
  }
  const visited: string[] = [];
  let found: BicepConfig = NO_CONFIG;
  for (let depth = 0; depth < 64; depth++) {
    const known = memo.get(dir);
    if (known) {
      found = known;
      break;
    }
    visited.push(dir);
    const candidate = `${dir}bicepconfig.json`;
    const text = readTextOrWhy(host, candidate);
    if (typeof text === 'string') {
      found = readConfig(candidate, text);
      break;
    }
    const parent = new URL('..', dir).toString();
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of visited) memo.set(d, found);
  return found;
}

function readConfig(uri: string, text: string): BicepConfig {
  const errors: ParseError[] = [];
  let json: Value;
  try {
    json = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false }) as Value;
  } catch {
    json = null;
  }
  const config: BicepConfig = { uri, brAliases: new Map(), tsAliases: new Map() };
  if (!isObject(json) || errors.length > 0) {
    config.problem = `${uri} is not valid JSON`;
    if (!isObject(json)) return config;
  }
  const aliases = getProp(json, 'moduleAliases');
  const br = isObject(aliases) ? getProp(aliases, 'br') : undefined;
  if (isObject(br)) {
    for (const [name, v] of Object.entries(br)) {
      const registry = isObject(v) ? getProp(v, 'registry') : undefined;
      const modulePath = isObject(v) ? getProp(v, 'modulePath') : undefined;
      if (typeof registry === 'string') config.brAliases.set(name, { registry, ...(typeof modulePath === 'string' ? { modulePath } : {}) });
    }
  }
  const ts = isObject(aliases) ? getProp(aliases, 'ts') : undefined;
  if (isObject(ts)) {
    for (const [name, v] of Object.entries(ts)) {
      const subscription = isObject(v) ? getProp(v, 'subscription') : undefined;
      const resourceGroup = isObject(v) ? getProp(v, 'resourceGroup') : undefined;
      if (typeof subscription === 'string' && typeof resourceGroup === 'string') config.tsAliases.set(name, { subscription, resourceGroup });
    }
  }
  const root = getProp(json, 'cacheRootDirectory');
  if (typeof root === 'string') config.cacheRootDirectory = root;
  return config;
}
