/** Discovery documents: /version, /api, /api/v1, /apis, and the group/version resource lists. */
import { type RouteContext, type Reply, json } from './routesCommon';
import { SIM_GIT_VERSION } from './cluster';

export function versionInfo(gitVersion: string): Record<string, string> {
  const m = /^v(\d+)\.(\d+)/.exec(gitVersion);
  return {
    major: m?.[1] ?? '1',
    minor: m?.[2] ?? '31',
    gitVersion,
    gitCommit: '9e6c1e9a2e1f0b4e4d7f5c3b2a1f0e9d8c7b6a5f',
    gitTreeState: 'clean',
    buildDate: '2024-10-22T20:28:14Z',
    goVersion: 'go1.22.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

type Verb = 'get' | 'list' | 'watch' | 'create';

/** one entry of an APIResourceList; rbac.ts derives the read-only identity's rules from these */
export interface DiscoveryResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: Verb[];
  shortNames?: string[];
}

function resource(
  name: string,
  kind: string,
  namespaced: boolean,
  verbs: Verb[],
  shortNames?: string[]
): DiscoveryResource {
  const r: DiscoveryResource = {
    name,
    singularName: name.includes('/') ? '' : kind.toLowerCase(),
    namespaced,
    kind,
    verbs,
  };
  if (shortNames) {
    r.shortNames = shortNames;
  }
  return r;
}

const RW: Verb[] = ['get', 'list', 'watch'];

export const CORE_V1 = [
  resource('events', 'Event', true, RW, ['ev']),
  resource('namespaces', 'Namespace', false, RW, ['ns']),
  resource('nodes', 'Node', false, RW, ['no']),
  resource('nodes/proxy', 'NodeProxyOptions', false, ['get']),
  resource('persistentvolumeclaims', 'PersistentVolumeClaim', true, RW, ['pvc']),
  resource('pods', 'Pod', true, RW, ['po']),
  resource('pods/log', 'Pod', true, ['get']),
];

export const APPS_V1 = [
  resource('daemonsets', 'DaemonSet', true, RW, ['ds']),
  resource('deployments', 'Deployment', true, RW, ['deploy']),
  resource('replicasets', 'ReplicaSet', true, RW, ['rs']),
  resource('statefulsets', 'StatefulSet', true, RW, ['sts']),
];

export const BATCH_V1 = [resource('jobs', 'Job', true, RW)];

export const AUTHORIZATION_GROUP = 'authorization.k8s.io';

/**
 * authorization.k8s.io/v1 as kube-apiserver lists it, minus localsubjectaccessreviews and
 * subjectaccessreviews, which the sim does not serve. Create-only, cluster-scoped.
 */
export const AUTHORIZATION_V1 = [
  resource('selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, ['create']),
  resource('selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, ['create']),
];

export const METRICS_V1BETA1 = [
  resource('nodes', 'NodeMetrics', false, ['get', 'list']),
  resource('pods', 'PodMetrics', true, ['get', 'list']),
];

function group(name: string, version: string): Record<string, unknown> {
  const gv = { groupVersion: `${name}/${version}`, version };
  return { name, versions: [gv], preferredVersion: gv };
}

export function apiResourceList(groupVersion: string, resources: unknown[]): Record<string, unknown> {
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

/** handles discovery paths; undefined when the path is not one */
export function discoveryRoute(ctx: RouteContext): Reply | undefined {
  const s = ctx.segments;
  const p = s.join('/');
  switch (p) {
    case 'version':
      return json(versionInfo(ctx.cluster.gitVersion ?? SIM_GIT_VERSION));
    case 'api':
      // APIVersions carries no apiVersion field
      return json({
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.10:6443' }],
      });
    case 'api/v1':
      return json(apiResourceList('v1', CORE_V1));
    case 'apis': {
      // kube-apiserver's order: apps, then authorization.k8s.io, then batch
      const groups = [group('apps', 'v1'), group(AUTHORIZATION_GROUP, 'v1'), group('batch', 'v1')];
      if (ctx.faults.metricsServer() !== 'absent') {
        groups.push(group('metrics.k8s.io', 'v1beta1'));
      }
      return json({ kind: 'APIGroupList', apiVersion: 'v1', groups });
    }
    case 'apis/apps':
      return json({ kind: 'APIGroup', apiVersion: 'v1', ...group('apps', 'v1') });
    case 'apis/batch':
      return json({ kind: 'APIGroup', apiVersion: 'v1', ...group('batch', 'v1') });
    case `apis/${AUTHORIZATION_GROUP}`:
      return json({ kind: 'APIGroup', apiVersion: 'v1', ...group(AUTHORIZATION_GROUP, 'v1') });
    case `apis/${AUTHORIZATION_GROUP}/v1`:
      return json(apiResourceList(`${AUTHORIZATION_GROUP}/v1`, AUTHORIZATION_V1));
    case 'apis/apps/v1':
      return json(apiResourceList('apps/v1', APPS_V1));
    case 'apis/batch/v1':
      return json(apiResourceList('batch/v1', BATCH_V1));
    default:
      return undefined;
  }
}
