import { unknown, type Unknown, type Value, type ValueObject } from './value';

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

/** The symbolic string standing for `name`, e.g. symbol('resourceGroupName'). */
export function symbol(name: string): string {
  return `${MARKER_START}${name}${MARKER_END}`;
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

/** Markers turned into `{resourceGroupName}` text, for messages. */
export function describeSymbolic(s: string): string {
  return s.replace(MARKER, (_m, name: string) => `{${name}}`);
}

/** The names of the markers in `s`, in order. */
export function symbolNames(s: string): string[] {
  return [...s.matchAll(MARKER)].map((m) => m[1]);
}

/** An UNKNOWN explaining that the answer depends on the markers in `s`. */
export function dependsOnSymbols(what: string, ...strings: string[]): Unknown {
  const names = [...new Set(strings.flatMap(symbolNames))].map((n) => `{${n}}`);
  return unknown(`${what} depends on ${names.join(', ') || 'a deployment-time value'}`);
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
  if (!isSymbolic(s)) return s.toLowerCase();
  return s.replace(MARKER, (_m, name: string) => symbol(stripCaseWrapper(name))).toLowerCase();
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
  return {
    name: t.deploymentName,
    properties: unknown('deployment properties are known only at deployment time'),
  };
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
