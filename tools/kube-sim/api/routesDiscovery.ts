/**
 * Discovery documents: /version, /api, /api/v1, /apis, and the group/version resource lists, in the legacy
 * form (APIVersions, APIGroupList, APIResourceList) or, when the client asks for it, aggregated
 * (APIGroupDiscoveryList, discoveryAggregated.ts).
 */
import { type RouteContext, type Reply, json } from '../server/routesCommon';
import { SIM_GIT_VERSION } from '../cluster/cluster';
import { versionInfo } from '../cluster/versions';
import { aggregatedDiscoveryVersion } from './accept';
import { aggregatedContentType, groupDiscovery, groupDiscoveryList } from './discoveryAggregated';
import { CORE_GROUP, METRICS_GROUP, NAMED_GROUPS, type GroupVersionResources } from './discoveryResources';

export * from './discoveryResources';
export { versionInfo } from '../cluster/versions';

function group(name: string, version: string): Record<string, unknown> {
  return groupOf(name, [version]);
}

/** an APIGroup entry; the first version is the preferred one */
function groupOf(name: string, versions: readonly string[]): Record<string, unknown> {
  const gvs = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: gvs, preferredVersion: gvs[0] };
}

export function apiResourceList(groupVersion: string, resources: unknown[]): Record<string, unknown> {
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

/** the named groups /apis lists now: metrics.k8s.io goes when metrics-server's APIService is absent */
function namedGroups(ctx: RouteContext): GroupVersionResources[] {
  return NAMED_GROUPS.filter((g) => g.group !== METRICS_GROUP || ctx.faults.metricsServer() !== 'absent');
}

/** metrics.k8s.io in each version served, preferred first */
function metricsGroupVersions(ctx: RouteContext, g: GroupVersionResources): GroupVersionResources[] {
  return ctx.metricsVersions.map((version) => ({ ...g, version }));
}

function aggregated(ctx: RouteContext, groups: GroupVersionResources[]): Reply | undefined {
  const version = aggregatedDiscoveryVersion(ctx.accept);
  if (!version) {
    return undefined;
  }
  // an APIService that does not answer keeps its last discovery, marked Stale (client-go reports it as failed)
  const items = groups.map((g) => {
    if (g.group !== METRICS_GROUP) {
      return groupDiscovery(g, 'Current');
    }
    const freshness = ctx.faults.metricsServer() === 'unavailable' ? 'Stale' : 'Current';
    // one APIGroupDiscovery whose versions are in preference order
    const perVersion = metricsGroupVersions(ctx, g).map((gv) => groupDiscovery(gv, freshness));
    return { ...perVersion[0], versions: perVersion.flatMap((d) => d.versions as unknown[]) };
  });
  return {
    kind: 'json',
    status: 200,
    body: groupDiscoveryList(version, items),
    headers: { 'Content-Type': aggregatedContentType(version), Vary: 'Accept' },
  };
}

/** handles discovery paths; undefined when the path is not one (metrics.k8s.io's own paths are routesMetrics') */
export function discoveryRoute(ctx: RouteContext): Reply | undefined {
  const p = ctx.segments.join('/');
  if (p === 'version') {
    return json(versionInfo(ctx.cluster.gitVersion ?? SIM_GIT_VERSION));
  }
  if (p === 'api') {
    // APIVersions carries no apiVersion field
    return (
      aggregated(ctx, [CORE_GROUP]) ??
      json({
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.10:6443' }],
      })
    );
  }
  if (p === 'api/v1') {
    return json(apiResourceList('v1', CORE_GROUP.resources));
  }
  if (p === 'apis') {
    const groups = namedGroups(ctx);
    return (
      aggregated(ctx, groups) ??
      json({
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groups.map((g) =>
          g.group === METRICS_GROUP ? groupOf(g.group, ctx.metricsVersions) : group(g.group, g.version)
        ),
      })
    );
  }
  for (const g of NAMED_GROUPS) {
    if (g.group === METRICS_GROUP) {
      continue;
    }
    if (p === `apis/${g.group}`) {
      return json({ kind: 'APIGroup', apiVersion: 'v1', ...group(g.group, g.version) });
    }
    if (p === `apis/${g.group}/${g.version}`) {
      return json(apiResourceList(`${g.group}/${g.version}`, g.resources));
    }
  }
  return undefined;
}
