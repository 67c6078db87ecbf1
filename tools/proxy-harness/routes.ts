import { readFileSync } from 'fs';
import { posix } from 'path';

import { DEFAULT_USER, HarnessUser, holdsAction, isValidRole, roleIncludes } from './user';

export { joinUrlFragments } from './goUrl';

/** A plugin.json route: the fields Grafana's data-source proxy reads (pkg/plugins Route). */
export interface PluginRoute {
  path: string;
  method?: string;
  url?: string;
  reqRole?: string;
  reqAction?: string;
  headers?: Array<{ name: string; content: string }>;
  urlParams?: Array<{ name: string; content: string }>;
  /** token fetching and body templates: not modelled, the harness refuses routes that use them */
  tokenAuth?: unknown;
  jwtTokenAuth?: unknown;
  body?: unknown;
}

export function readRoutes(pluginJsonPath: string): PluginRoute[] {
  const json = JSON.parse(readFileSync(pluginJsonPath, 'utf8')) as { routes?: PluginRoute[] };
  return json.routes ?? [];
}

/** Grafana's CleanRelativePath (pkg/plugins): clean as if rooted at '/', then drop the root ('.' for the root). */
export function cleanRelativePath(path: string): string {
  const cleaned = posix.normalize(posix.join('/', path));
  const rel = posix.relative('/', cleaned);
  return rel === '' ? '.' : rel;
}

/**
 * The prefix compared in validateRequest: the cleaned path, except that a path which cleans to "." without being
 * "." is "" (the fix for grafana#116273, PR #116274, in 12.4 and 13): so a route path "/" covers every request.
 */
function matchPath(path: string): string {
  const cleaned = cleanRelativePath(path);
  return cleaned === '.' && path !== '.' ? '' : cleaned;
}

export const ROUTE_ACCESS_DENIED = 'plugin proxy route access denied';

/** ds_proxy.go hasAccessToRoute: reqAction, when set, is checked on its own; else a valid reqRole. */
export function hasAccessToRoute(route: PluginRoute, user: HarnessUser): boolean {
  if (route.reqAction) {
    return holdsAction(user, route.reqAction);
  }
  if (isValidRole(route.reqRole)) {
    return roleIncludes(user, route.reqRole);
  }
  return true;
}

export type RouteMatch =
  { kind: 'route'; route: PluginRoute } | { kind: 'denied'; route: PluginRoute } | { kind: 'none' };

/**
 * ds_proxy.go validateRequest: the first route whose method is "", "*" or exactly the request's (a
 * case-sensitive string compare: no lists) and whose matchPath is a string prefix of the request's (so `api`
 * also covers `apis/...`). Access is checked on that route only: denied stays denied, even if a later route
 * would allow. No match means the request is proxied to the data source URL without a route.
 */
export function matchRoute(
  routes: readonly PluginRoute[],
  method: string,
  proxyPath: string,
  user: HarnessUser = DEFAULT_USER
): RouteMatch {
  const requested = matchPath(proxyPath);
  for (const route of routes) {
    if (route.method && route.method !== '*' && route.method !== method) {
      continue;
    }
    if (!requested.startsWith(matchPath(route.path))) {
      continue;
    }
    return hasAccessToRoute(route, user) ? { kind: 'route', route } : { kind: 'denied', route };
  }
  return { kind: 'none' };
}
