import type { Located, Site } from '../../model/types';

/**
 * What the settings in `places` say together: true when one turns the routing on (Azure
 * routes the traffic through the VNet when any of them does), undefined when none does
 * and one cannot be resolved, false otherwise (none written: the default, off).
 */
export function routedThroughVnet(places: readonly Located<boolean>[]): boolean | undefined {
  if (places.some((p) => p.value === true)) return true;
  if (places.some((p) => typeof p.value !== 'boolean')) return undefined;
  return false;
}

/** The app routes all its outbound traffic through its VNet Integration. */
export function routesAll(site: Site): boolean | undefined {
  return routedThroughVnet(site.routing.routeAll);
}

/** The app reaches its content share through its VNet Integration. */
export function contentShareOverVnet(site: Site): boolean | undefined {
  return routedThroughVnet(site.routing.contentShare);
}
