import { isObject, isUnknown, lazyUnknown, Symbolic, unknown, type Unknown, type Value, type ValueObject } from './value';

/**
 * Values only the deployment knows (subscription id, resource group name, location…).
 * They are strings with private-use markers around a name, so ids built from them stay
 * plain strings that compare equal when built from the same parts, while anything whose
 * answer depends on what a marker stands for (its length, a comparison with a literal)
 * can be recognised and answered with UNKNOWN.
 */
export const MARKER_START = '\uE000';
export const MARKER_END = '\uE001';

const MARKER = /\uE000([^\uE000\uE001]*)\uE001/g;

/**
 * Inside a marker's name, a marker of an argument (`uniqueString({resourceGroupName})`)
 * is written with these instead, and a `/` too: a name never holds a marker's bounds, so
 * markers do not nest, and never a `/`, so a resource name or id with a marker in it
 * still splits into the right segments. The encoding is one-to-one (the inner bounds
 * stay balanced), so two names are equal exactly when what they stand for is written the
 * same.
 */
const INNER_START = '\uE002';
const INNER_END = '\uE003';
const SLASH = '\uE004';
/** A character of a name that symbol() escapes; one that an escaped name holds. */
const NEEDS_ESCAPE = /[\uE000\uE001/]/;
const ESCAPED_INSIDE = /[\uE002\uE003\uE004]/;

/** The symbolic string standing for `name`, e.g. symbol('resourceGroupName'). */
export function symbol(name: string): string {
  // A template whose values are built from deployment-time ones (a compiled Bicep file's
  // uniqueString names) makes thousands of symbols: a name with nothing to escape, and
  // each kind of character escaped, take no callback per match.
  if (!NEEDS_ESCAPE.test(name)) return `${MARKER_START}${name}${MARKER_END}`;
  return `${MARKER_START}${name.replaceAll(MARKER_START, INNER_START).replaceAll(MARKER_END, INNER_END).replaceAll('/', SLASH)}${MARKER_END}`;
}

/** A marker's name as text: nested markers as `{…}`, the escaped `/` restored. */
function readableName(name: string): string {
  if (!ESCAPED_INSIDE.test(name)) return name;
  return name.replaceAll(INNER_START, '{').replaceAll(INNER_END, '}').replaceAll(SLASH, '/');
}

export const SUBSCRIPTION_ID = symbol('subscriptionId');
export const SUBSCRIPTION_NAME = symbol('subscriptionDisplayName');
export const TENANT_ID = symbol('tenantId');
export const RESOURCE_GROUP_NAME = symbol('resourceGroupName');
export const RESOURCE_GROUP_LOCATION = symbol('resourceGroupLocation');
export const DEPLOYMENT_NAME = symbol('deploymentName');
export const MANAGEMENT_GROUP_NAME = symbol('managementGroupName');

export function isSymbolic(s: string): boolean {
  return s.includes(MARKER_START);
}

/** Markers turned into `{resourceGroupName}` text, for messages; a hash's long arguments are elided (`{uniqueString(…)}`). */
export function describeSymbolic(s: string): string {
  return s.replace(MARKER, (_m, name: string) => `{${shortName(readableName(name))}}`);
}

function shortName(name: string): string {
  const hash = /^(uniqueString|guid)\((.*)\)$/.exec(name);
  return hash && hash[2].length > 40 ? `${hash[1]}(…)` : name;
}

/** The names of the markers in `s`, in order, as text. */
export function symbolNames(s: string): string[] {
  return [...s.matchAll(MARKER)].map((m) => readableName(m[1]));
}

/** An UNKNOWN explaining that the answer depends on the markers in `s`. */
export function dependsOnSymbols(what: string, ...strings: string[]): Unknown {
  // Written when read: a compiled template's names carry each other's text, and most of these reasons are never read.
  return lazyUnknown(() => {
    const names = [...new Set(strings.flatMap(symbolNames))].map((n) => `{${n}}`);
    return `${what} depends on ${names.join(', ') || 'a deployment-time value'}`;
  });
}

/** The text before the first marker (the whole string when there is none). */
export function literalPrefix(s: string): string {
  const i = s.indexOf(MARKER_START);
  return i < 0 ? s : s.slice(0, i);
}

/** The text after the last marker (the whole string when there is none). */
export function literalSuffix(s: string): string {
  const i = s.lastIndexOf(MARKER_END);
  return i < 0 ? s : s.slice(i + 1);
}

/**
 * Case-sensitive equality of two strings that may hold markers: true when identical,
 * false when the literal text before the first marker or after the last one already
 * differs (whatever the markers stand for), otherwise undefined (cannot tell).
 */
export function compareSymbolic(a: string, b: string): boolean | undefined {
  if (a === b) return true;
  if (!isSymbolic(a) && !isSymbolic(b)) return false;
  const pa = literalPrefix(a);
  const pb = literalPrefix(b);
  const n = Math.min(pa.length, pb.length);
  if (pa.slice(0, n) !== pb.slice(0, n)) return false;
  const sa = literalSuffix(a);
  const sb = literalSuffix(b);
  const m = Math.min(sa.length, sb.length);
  if (sa.slice(sa.length - m) !== sb.slice(sb.length - m)) return false;
  return undefined;
}

/**
 * toLower/toUpper of a symbolic string. The literal text changes case; a marker is
 * wrapped (`toLower(resourceGroupName)`) because the value it stands for may have any
 * case, so `toLower(rg) == rg` must stay undecided.
 */
export function changeCase(s: string, to: 'lower' | 'upper'): string {
  const fn = to === 'lower' ? 'toLower' : 'toUpper';
  let out = '';
  let last = 0;
  for (const m of s.matchAll(MARKER)) {
    const text = s.slice(last, m.index);
    out += to === 'lower' ? text.toLowerCase() : text.toUpperCase();
    out += symbol(`${fn}(${stripCaseWrapper(m[1])})`);
    last = m.index + m[0].length;
  }
  const rest = s.slice(last);
  return out + (to === 'lower' ? rest.toLowerCase() : rest.toUpperCase());
}

function stripCaseWrapper(name: string): string {
  const m = /^to(?:Lower|Upper)\((.*)\)$/.exec(name);
  return m ? m[1] : name;
}

/**
 * Lower-cases `s` for case-insensitive keys (resource ids): markers lose their
 * toLower/toUpper wrappers, since case no longer matters once everything is folded.
 */
export function foldCase(s: string): string {
  // Rewriting a marker gives it back as it was unless its name starts with a wrapper or
  // holds a `/` (which symbol() escapes; text with private-use characters of its own can
  // have one): ids built from the deployment's subscription and resource group take the
  // short way.
  if (!MAY_REWRITE.test(s)) return s.toLowerCase();
  return s.replace(MARKER, (_m, name: string) => symbol(stripCaseWrapper(name))).toLowerCase();
}

/** A marker foldCase may change: its name may start with toLower/toUpper, or it holds a `/`. */
const MAY_REWRITE = /\uE000(?:to|[^\uE000\uE001]*\/[^\uE000\uE001]*\uE001)/;

/**
 * What a parameter without a value (no default, no parameters file, no caller) stands
 * for: the same marker in ARM and Bicep, written with the parameter's declared name, so
 * every reference to it (whatever its case) gives the same symbol.
 */
export function parameterSymbol(declaredName: string): string {
  return symbol(`parameters('${declaredName}')`);
}

/**
 * The symbol of a function call only the deployment can answer (`uniqueString`, `guid`,
 * `cidrSubnet` of a symbolic range...): the same function with the same arguments gives
 * the same symbol; arguments may be symbolic themselves. UNKNOWN when an argument is, or
 * holds, an UNKNOWN: a value made from something unknown is unknown, not a symbol.
 */
export function callSymbol(fn: string, args: readonly Value[]): string | Unknown {
  // The same call of plain arguments is the same symbol: looked up by the arguments
  // themselves (a string's hash is kept with it, and a symbol is often the argument of the
  // next call), not by the text the symbol is written from.
  let level: Map<unknown, unknown> | undefined = madeSymbols.get(fn);
  let plain = args.length > 0 && args.length <= MAX_KEPT_ARGUMENTS;
  for (let i = 0; plain && i < args.length; i++) {
    const a = args[i];
    if (a !== null && typeof a === 'object') plain = false;
    else level = level?.get(a) as Map<unknown, unknown> | undefined;
  }
  if (plain && level !== undefined) {
    const known = level.get(KEPT);
    if (known !== undefined) return known as string;
  }
  const made = writeCallSymbol(fn, args);
  if (plain && typeof made === 'string') keepSymbol(fn, args, made);
  return made;
}

/** Symbols of calls whose arguments are all strings, numbers, booleans or null, by function and argument; bounded by the length of what they hold. */
const madeSymbols = new Map<string, Map<unknown, unknown>>();
const KEPT = Symbol('symbol');
const MAX_KEPT_ARGUMENTS = 4;
const MAX_KEPT_SYMBOL_CHARS = 2 * 1024 * 1024;
let keptSymbolChars = 0;

function keepSymbol(fn: string, args: readonly Value[], made: string): void {
  if (keptSymbolChars > MAX_KEPT_SYMBOL_CHARS) forgetMadeSymbols();
  let level = madeSymbols.get(fn);
  if (!level) madeSymbols.set(fn, (level = new Map()));
  for (const a of args) {
    let next = level.get(a) as Map<unknown, unknown> | undefined;
    if (!next) level.set(a, (next = new Map()));
    level = next;
  }
  level.set(KEPT, made);
  keptSymbolChars += made.length;
}

/** Lets go of the symbols kept by call (the next analysis starts from nothing). */
export function forgetMadeSymbols(): void {
  madeSymbols.clear();
  keptSymbolChars = 0;
}

function writeCallSymbol(fn: string, args: readonly Value[]): string | Unknown {
  const parts: string[] = [];
  for (const a of args) {
    const text = argumentText(a);
    if (isUnknown(text)) return text;
    parts.push(text);
  }
  return symbol(`${fn}(${parts.join(', ')})`);
}

/**
 * `v` with the quotes of its literal text doubled and its markers as they are: a marker's
 * name is bracketed, so its quotes cannot end the argument. A start of a marker without
 * its end before the next start is a character like any other. Found with indexOf, a
 * part at a time: the names of a compiled template's symbols hold kilobytes of each
 * other's text, and a pattern with a callback per part cost more than the rest of the
 * symbol.
 */
function doubleLiteralQuotes(v: string): string {
  let out = '';
  let i = 0;
  while (i < v.length) {
    const start = v.indexOf(MARKER_START, i);
    const literal = start < 0 ? v.slice(i) : v.slice(i, start);
    out += literal.includes("'") ? literal.replaceAll("'", "''") : literal;
    if (start < 0) break;
    const end = v.indexOf(MARKER_END, start + 1);
    const next = v.indexOf(MARKER_START, start + 1);
    if (end >= 0 && (next < 0 || end < next)) {
      out += v.slice(start, end + 1);
      i = end + 1;
    } else {
      out += MARKER_START;
      i = start + 1;
    }
  }
  return out;
}

function argumentText(v: Value): string | Unknown {
  if (isUnknown(v)) return v;
  if (typeof v === 'string') {
    // Without a quote there is nothing to double.
    if (!v.includes("'")) return `'${v}'`;
    return `'${doubleLiteralQuotes(v)}'`;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) {
    const items: string[] = [];
    for (const x of v) {
      const t = argumentText(x);
      if (isUnknown(t)) return t;
      items.push(t);
    }
    return `[${items.join(', ')}]`;
  }
  if (isObject(v)) {
    const items: string[] = [];
    for (const k of Object.keys(v).sort()) {
      const t = argumentText(v[k]);
      if (isUnknown(t)) return t;
      items.push(`'${k.toLowerCase()}': ${t}`);
    }
    return `{${items.join(', ')}}`;
  }
  return unknown('an argument cannot be written as text');
}

const FRESH = /([\uE000\uE002])(newGuid\(\)|utcNow\([^\uE000-\uE004]*\))([\uE001\uE003])/g;

/**
 * A parameter's default value with its `newGuid()` and `utcNow()` symbols tied to the
 * parameter: each is evaluated once per parameter, so two parameters that default to
 * `newGuid()` hold two different values and must not share a symbol.
 */
export function qualifyFresh(v: Value, parameter: string): Value {
  // The very value when nothing changes: front ends recognise parameter values by identity.
  return holdsFresh(v) ? qualified(v, parameter) : v;
}

function holdsFresh(v: Value): boolean {
  if (typeof v === 'string') return v.includes(MARKER_START) && (v.includes('newGuid()') || v.includes('utcNow('));
  if (Array.isArray(v)) return v.some(holdsFresh);
  return isObject(v) && Object.values(v).some(holdsFresh);
}

function qualified(v: Value, parameter: string): Value {
  if (typeof v === 'string') {
    if (!v.includes(MARKER_START) || (!v.includes('newGuid()') && !v.includes('utcNow('))) return v;
    return v.replace(FRESH, (_m, open: string, call: string, close: string) => `${open}${call} of parameters('${parameter}')${close}`);
  }
  if (Array.isArray(v)) return v.map((x) => qualified(x, parameter));
  if (isObject(v)) {
    const out: ValueObject = {};
    for (const k of Object.keys(v)) out[k] = qualified(v[k], parameter);
    return out;
  }
  return v;
}

/**
 * Why a value made of markers is unknown to a reader that needs the value itself: the
 * first marker's cause, said as the evaluator says it when no symbol is kept
 * ("parameter 'x' has no value", "uniqueString() is known only at deployment time").
 */
export function symbolicReason(s: string): string {
  const first = /\uE000([^\uE000\uE001]*)\uE001/.exec(s);
  if (!first) return 'the value is known only at deployment time';
  let name = readableName(first[1]);
  for (let m = /^to(?:Lower|Upper)\((.*)\)$/.exec(name); m; m = /^to(?:Lower|Upper)\((.*)\)$/.exec(name)) name = m[1];
  const param = /^parameters\('(.*)'\)$/.exec(name);
  if (param) return `parameter '${param[1]}' has no value`;
  const call = /^([A-Za-z]+)\(/.exec(name);
  if (call) return `${call[1]}() is known only at deployment time`;
  return `{${name}} is known only at deployment time`;
}

/** A symbolic string as a value the model cannot read but can still compare by identity. */
export function symbolicValue(s: string): Symbolic {
  return new Symbolic(s, symbolicReason(s));
}

/** Where a template deploys; the front end overrides parts for nested deployments. */
export interface DeploymentTarget {
  level: 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';
  subscriptionId: string;
  resourceGroupName: string;
  /** The resource group's location (what `resourceGroup().location` returns). */
  location: string;
  deploymentName: string;
  managementGroupName: string;
  tenantId: string;
}

export const DEFAULT_TARGET: Readonly<DeploymentTarget> = Object.freeze({
  level: 'resourceGroup',
  subscriptionId: SUBSCRIPTION_ID,
  resourceGroupName: RESOURCE_GROUP_NAME,
  location: RESOURCE_GROUP_LOCATION,
  deploymentName: DEPLOYMENT_NAME,
  managementGroupName: MANAGEMENT_GROUP_NAME,
  tenantId: TENANT_ID,
});

export function resolveTarget(partial: Partial<DeploymentTarget> | undefined): DeploymentTarget {
  return { ...DEFAULT_TARGET, ...partial };
}

// Fresh objects on every call: callers may keep or decorate them, and nothing tracks their identity.

export function resourceGroupValue(t: DeploymentTarget): Value {
  if (t.level !== 'resourceGroup') return unknown(`resourceGroup() is not available in a ${t.level}-level deployment`);
  return {
    id: `/subscriptions/${t.subscriptionId}/resourceGroups/${t.resourceGroupName}`,
    name: t.resourceGroupName,
    type: 'Microsoft.Resources/resourceGroups',
    location: t.location,
    properties: { provisioningState: 'Succeeded' },
  };
}

export function subscriptionValue(t: DeploymentTarget): Value {
  if (t.level === 'managementGroup' || t.level === 'tenant') {
    return unknown(`subscription() is not available in a ${t.level}-level deployment`);
  }
  return {
    id: `/subscriptions/${t.subscriptionId}`,
    subscriptionId: t.subscriptionId,
    tenantId: t.tenantId,
    displayName: SUBSCRIPTION_NAME,
  };
}

export function tenantValue(t: DeploymentTarget): Value {
  return { tenantId: t.tenantId, countryCode: symbol('tenantCountryCode'), displayName: symbol('tenantDisplayName') };
}

export function managementGroupValue(t: DeploymentTarget): Value {
  if (t.level !== 'managementGroup') return unknown(`managementGroup() is only available in a managementGroup-level deployment`);
  return {
    id: `/providers/Microsoft.Management/managementGroups/${t.managementGroupName}`,
    name: t.managementGroupName,
    type: 'Microsoft.Management/managementGroups',
    properties: unknown('management group properties are known only at deployment time'),
  };
}

export function deploymentValue(t: DeploymentTarget): Value {
  const value: ValueObject = {
    name: t.deploymentName,
    properties: unknown('deployment properties are known only at deployment time'),
  };
  // A deployment above a resource group is given a location (`az deployment sub create -l`).
  if (t.level !== 'resourceGroup') value.location = symbol('deploymentLocation');
  return value;
}

/**
 * environment(): which cloud (public, government, China) is unknown while editing, so
 * every endpoint is a marker: `privatelink.blob.{environment().suffixes.storage}` built
 * twice still compares equal.
 */
export function environmentValue(): Value {
  const env = (path: string): string => symbol(`environment().${path}`);
  const group = (prefix: string, keys: string[]): ValueObject =>
    Object.fromEntries(keys.map((k) => [k, env(`${prefix}.${k}`)]));
  return {
    name: env('name'),
    gallery: env('gallery'),
    graph: env('graph'),
    portal: env('portal'),
    graphAudience: env('graphAudience'),
    activeDirectoryDataLake: env('activeDirectoryDataLake'),
    batch: env('batch'),
    media: env('media'),
    sqlManagement: env('sqlManagement'),
    vmImageAliasDoc: env('vmImageAliasDoc'),
    resourceManager: env('resourceManager'),
    authentication: group('authentication', ['loginEndpoint', 'tenant', 'identityProvider']),
    suffixes: group('suffixes', [
      'acrLoginServer',
      'azureDatalakeAnalyticsCatalogAndJob',
      'azureDatalakeStoreFileSystem',
      'azureFrontDoorEndpointSuffix',
      'keyvaultDns',
      'sqlServerHostname',
      'storage',
    ]),
  };
}
