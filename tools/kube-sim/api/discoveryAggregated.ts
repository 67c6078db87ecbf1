/**
 * Aggregated discovery (KEP-3352): `/api` and `/apis` answer an apidiscovery.k8s.io APIGroupDiscoveryList
 * when the client asks for it, as client-go (kubectl 1.30+) does. One request then describes every
 * resource, its scope, verbs, short names, categories and subresources. Shapes follow
 * staging/src/k8s.io/api/apidiscovery/v2/types.go.
 */
import type { DiscoveryResource, GroupVersionResources } from './discoveryResources';

type Freshness = 'Current' | 'Stale';

function responseKind(group: string, version: string, kind: string): Record<string, string> {
  return { group, version, kind };
}

/** top-level resources, each carrying its subresources (pods/log, nodes/proxy) */
function resourcesOf(gv: GroupVersionResources): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const byName = new Map<string, Record<string, unknown>>();
  for (const r of gv.resources) {
    const slash = r.name.indexOf('/');
    if (slash >= 0) {
      const parent = byName.get(r.name.slice(0, slash));
      if (parent) {
        const subs = (parent.subresources as Array<Record<string, unknown>> | undefined) ?? [];
        subs.push({
          subresource: r.name.slice(slash + 1),
          responseKind: responseKind('', '', r.kind),
          verbs: r.verbs,
        });
        parent.subresources = subs;
      }
      continue;
    }
    const entry = resourceEntry(gv, r);
    byName.set(r.name, entry);
    out.push(entry);
  }
  return out;
}

function resourceEntry(gv: GroupVersionResources, r: DiscoveryResource): Record<string, unknown> {
  const e: Record<string, unknown> = {
    resource: r.name,
    responseKind: responseKind(gv.group, gv.version, r.kind),
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singularName,
    verbs: r.verbs,
  };
  if (r.shortNames) {
    e.shortNames = r.shortNames;
  }
  if (r.categories) {
    e.categories = r.categories;
  }
  return e;
}

/** one APIGroupDiscovery; the core group's name is empty */
export function groupDiscovery(gv: GroupVersionResources, freshness: Freshness = 'Current'): Record<string, unknown> {
  const metadata: Record<string, unknown> = { creationTimestamp: null };
  if (gv.group) {
    metadata.name = gv.group;
  }
  return {
    metadata,
    versions: [{ version: gv.version, resources: resourcesOf(gv), freshness }],
  };
}

export function groupDiscoveryList(
  version: 'v2' | 'v2beta1',
  items: Array<Record<string, unknown>>
): Record<string, unknown> {
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
