/**
 * Regional VNet Integration of multi-tenant apps (integrationTemplate and its Bicep twin):
 * the app's `virtualNetworkSubnetId` with carets under it, the plan's SKU, another subnet.
 */
import { integrationTemplate, markFirst, type IntegrationTemplate } from './templates';
import { bicepIntegrationTwin, type BicepIntegrationSpec } from './twin';
import { annotate } from './bicepTwins';

/** The id of a subnet of app-vnet, in ARM (a JSON string) and in Bicep (an expression). */
export const subnetIdText = `"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]"`;
export const bicepSubnetId = (subnet: string) => `resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', '${subnet}')`;

/** The app's integration line, as integrationTemplate writes it, and the template with carets under its subnet id. */
export const integrationLine = `        "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]"`;
export const onIntegration = (o: IntegrationTemplate, code: string) => markFirst(integrationTemplate(o), integrationLine, subnetIdText, code);
export const bicepIntegrationLine = `    virtualNetworkSubnetId: ${bicepSubnetId('integration')}`;
export const bicepOnIntegration = (o: BicepIntegrationSpec, code: string) => annotate(bicepIntegrationTwin(o), bicepIntegrationLine, bicepSubnetId('integration'), code);

/** The one plan 'app-plan' with `sku` (the inside of the sku object) and optional lines inside its properties. */
export const plan = (sku: string, properties?: string[]) => ({ plans: [{ name: 'app-plan', sku, ...(properties ? { properties } : {}) }] });
export const bicepPlan = (sku: string, properties?: string[]): BicepIntegrationSpec => ({ plans: [{ name: 'app-plan', sku, ...(properties ? { properties } : {}) }] });

/** Another subnet of app-vnet, for the Bicep twin's `otherSubnets`. */
export const bicepOther = (name: string, prefix: string) => [`      { name: '${name}', properties: { addressPrefix: '${prefix}' } }`];
