/** What a JSON file is, judged by its `$schema`. */
export type ArmFileKind = 'template' | 'parameters' | 'other';
export type DeploymentScope = 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';

const TEMPLATE = /(^|[/#])(subscription|managementgroup|tenant)?deploymenttemplate\.json(#|$|\?)/i;
const PARAMETERS = /(^|[/#])(subscription|managementgroup|tenant)?deploymentparameters\.json(#|$|\?)/i;

/** A deployment template schema of any scope, version or host (case-insensitive). */
export function classifySchema(schema: unknown): { kind: ArmFileKind; scope?: DeploymentScope } {
  if (typeof schema !== 'string') return { kind: 'other' };
  const t = TEMPLATE.exec(schema.trim());
  if (t) {
    const prefix = (t[2] ?? '').toLowerCase();
    const scope: DeploymentScope =
      prefix === 'subscription'
        ? 'subscription'
        : prefix === 'managementgroup'
          ? 'managementGroup'
          : prefix === 'tenant'
            ? 'tenant'
            : 'resourceGroup';
    return { kind: 'template', scope };
  }
  if (PARAMETERS.test(schema.trim())) return { kind: 'parameters' };
  return { kind: 'other' };
}

/**
 * Whether a file too large to analyse is a template, judged from its beginning: a Bicep
 * file always is (a `.bicepparam` file never), a JSON file when a `$schema` there names
 * a deployment template, as it does in the first lines of every template written.
 */
export function looksLikeTemplate(uri: string, head: string): boolean {
  const path = uri.split(/[?#]/)[0].toLowerCase();
  if (path.endsWith('.bicep')) return true;
  if (path.endsWith('.bicepparam')) return false;
  const m = /"\$schema"\s*:\s*"([^"]*)"/.exec(head);
  return m !== null && classifySchema(m[1]).kind === 'template';
}
