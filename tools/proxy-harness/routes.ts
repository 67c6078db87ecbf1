import { readFileSync } from 'fs';
import { posix } from 'path';

/** A plugin.json route, the fields Grafana's data-source proxy reads for header-only routes. */
export interface PluginRoute {
  path: string;
  method?: string;
  url?: string;
  headers?: Array<{ name: string; content: string }>;
}

export function readRoutes(pluginJsonPath: string): PluginRoute[] {
  const json = JSON.parse(readFileSync(pluginJsonPath, 'utf8')) as { routes?: PluginRoute[] };
  return json.routes ?? [];
}

/** Go's util.CleanRelativePath: clean as if rooted at '/', then drop the root ('.' for the root itself). */
export function cleanRelativePath(path: string): string {
  const cleaned = posix.normalize(posix.join('/', path));
  const rel = posix.relative('/', cleaned);
  return rel === '' ? '.' : rel;
}

function methodAllows(route: PluginRoute, method: string): boolean {
  const allowed = (route.method ?? '').trim();
  if (allowed === '' || allowed === '*') {
    return true;
  }
  return allowed
    .split(',')
    .map((m) => m.trim().toUpperCase())
    .includes(method.toUpperCase());
}

export type RouteMatch = { kind: 'route'; route: PluginRoute } | { kind: 'denied' } | { kind: 'none' };

/**
 * The first route whose method allows the request and whose cleaned path is a string prefix of the cleaned
 * proxy path (so `api` also matches `apis/...`, as in Grafana). A path some route covers, asked with a method
 * no covering route allows, is denied; a path no route covers is proxied without route headers.
 */
export function matchRoute(routes: readonly PluginRoute[], method: string, proxyPath: string): RouteMatch {
  const requested = cleanRelativePath(proxyPath);
  let covered = false;
  for (const route of routes) {
    if (!requested.startsWith(cleanRelativePath(route.path))) {
      continue;
    }
    covered = true;
    if (methodAllows(route, method)) {
      return { kind: 'route', route };
    }
  }
  return covered ? { kind: 'denied' } : { kind: 'none' };
}

/** Go's util.JoinURLFragments. */
export function joinUrlFragments(a: string, b: string): string {
  if (b.length === 0) {
    return a;
  }
  const aSlash = a.endsWith('/');
  const bSlash = b.startsWith('/');
  if (aSlash && bSlash) {
    return a + b.slice(1);
  }
  if (!aSlash && !bSlash) {
    return `${a}/${b}`;
  }
  return a + b;
}
