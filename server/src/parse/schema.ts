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
