/**
 * The resources kube-sim serves, one table for both discovery forms (legacy APIResourceList and aggregated
 * APIGroupDiscoveryList) and for the reader identity's RBAC rules (rbac.ts). Short names and categories are
 * kube-apiserver's (each registry's ShortNames() and Categories(); `all` is on pods, services, deployments, horizontalpodautoscalers,
 * replicasets, statefulsets, daemonsets and jobs). Verbs are what the sim answers: it refuses writes (405),
 * so it does not advertise them.
 */

export type Verb = 'get' | 'list' | 'watch' | 'create';

/** one entry of an APIResourceList */
export interface DiscoveryResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: Verb[];
  shortNames?: string[];
  categories?: string[];
}

export interface GroupVersionResources {
  group: string;
  version: string;
  resources: DiscoveryResource[];
}

function resource(
  name: string,
  kind: string,
  namespaced: boolean,
  verbs: Verb[],
  extra: { shortNames?: string[]; categories?: string[] } = {}
): DiscoveryResource {
  const r: DiscoveryResource = {
    name,
    singularName: name.includes('/') ? '' : kind.toLowerCase(),
    namespaced,
    kind,
    verbs,
  };
  if (extra.shortNames) {
    r.shortNames = extra.shortNames;
  }
  if (extra.categories) {
    r.categories = extra.categories;
  }
  return r;
}

const READ: Verb[] = ['get', 'list', 'watch'];
const ALL = ['all'];

/** core/v1, in kube-apiserver's (alphabetical) order */
export const CORE_V1 = [
  resource('configmaps', 'ConfigMap', true, READ, { shortNames: ['cm'] }),
  resource('endpoints', 'Endpoints', true, READ, { shortNames: ['ep'] }),
  resource('events', 'Event', true, READ, { shortNames: ['ev'] }),
  resource('namespaces', 'Namespace', false, READ, { shortNames: ['ns'] }),
  resource('nodes', 'Node', false, READ, { shortNames: ['no'] }),
  resource('nodes/proxy', 'NodeProxyOptions', false, ['get']),
  resource('persistentvolumeclaims', 'PersistentVolumeClaim', true, READ, { shortNames: ['pvc'] }),
  resource('pods', 'Pod', true, READ, { shortNames: ['po'], categories: ALL }),
  resource('pods/log', 'Pod', true, ['get']),
  resource('services', 'Service', true, READ, { shortNames: ['svc'], categories: ALL }),
];

export const APPS_V1 = [
  resource('daemonsets', 'DaemonSet', true, READ, { shortNames: ['ds'], categories: ALL }),
  resource('deployments', 'Deployment', true, READ, { shortNames: ['deploy'], categories: ALL }),
  resource('replicasets', 'ReplicaSet', true, READ, { shortNames: ['rs'], categories: ALL }),
  resource('statefulsets', 'StatefulSet', true, READ, { shortNames: ['sts'], categories: ALL }),
];

/** autoscaling/v2, the preferred version (the sim does not serve autoscaling/v1) */
export const AUTOSCALING_V2 = [
  resource('horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, READ, {
    shortNames: ['hpa'],
    categories: ALL,
  }),
];

export const BATCH_V1 = [resource('jobs', 'Job', true, READ, { categories: ALL })];

export const COORDINATION_V1 = [resource('leases', 'Lease', true, READ)];

export const DISCOVERY_V1 = [resource('endpointslices', 'EndpointSlice', true, READ)];

export const AUTHORIZATION_GROUP = 'authorization.k8s.io';

/**
 * authorization.k8s.io/v1 as kube-apiserver lists it, minus localsubjectaccessreviews and
 * subjectaccessreviews, which the sim does not serve. Create-only, cluster-scoped.
 */
export const AUTHORIZATION_V1 = [
  resource('selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, ['create']),
  resource('selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, ['create']),
];

export const METRICS_GROUP = 'metrics.k8s.io';

/** the metrics.k8s.io versions a cluster may serve: v1 from Kubernetes 1.37 (KEP-5207), v1beta1 by metrics-server */
export type MetricsVersion = 'v1' | 'v1beta1';

/** a 1.37 cluster's default: both, v1 preferred */
export const DEFAULT_METRICS_VERSIONS: readonly MetricsVersion[] = ['v1', 'v1beta1'];

/** the versions in preference order (v1 first), without repeats; throws on an empty or unknown list */
export function normalizeMetricsVersions(versions: readonly string[] | undefined): MetricsVersion[] {
  if (versions === undefined) {
    return [...DEFAULT_METRICS_VERSIONS];
  }
  for (const v of versions) {
    if (v !== 'v1' && v !== 'v1beta1') {
      throw new Error(`metrics version ${JSON.stringify(v)}: expected v1 or v1beta1`);
    }
  }
  const out = DEFAULT_METRICS_VERSIONS.filter((v) => versions.includes(v));
  if (!out.length) {
    throw new Error('metricsVersions needs at least one of v1, v1beta1');
  }
  return out;
}

/** metrics-server implements Getter and Lister only */
export const METRICS_V1BETA1 = [
  resource('nodes', 'NodeMetrics', false, ['get', 'list']),
  resource('pods', 'PodMetrics', true, ['get', 'list']),
];

/**
 * The named groups in /apis order: kube-apiserver sorts its built-in groups by priority (apps first, then
 * authorization, autoscaling, batch, coordination, discovery), and aggregated APIServices like metrics.k8s.io come after.
 */
export const NAMED_GROUPS: GroupVersionResources[] = [
  { group: 'apps', version: 'v1', resources: APPS_V1 },
  { group: AUTHORIZATION_GROUP, version: 'v1', resources: AUTHORIZATION_V1 },
  { group: 'autoscaling', version: 'v2', resources: AUTOSCALING_V2 },
  { group: 'batch', version: 'v1', resources: BATCH_V1 },
  { group: 'coordination.k8s.io', version: 'v1', resources: COORDINATION_V1 },
  { group: 'discovery.k8s.io', version: 'v1', resources: DISCOVERY_V1 },
  { group: METRICS_GROUP, version: 'v1beta1', resources: METRICS_V1BETA1 },
];

export const CORE_GROUP: GroupVersionResources = { group: '', version: 'v1', resources: CORE_V1 };

/** every group version the sim serves, core first */
export const SERVED_GROUPS: GroupVersionResources[] = [CORE_GROUP, ...NAMED_GROUPS];
