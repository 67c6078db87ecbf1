/**
 * Every Kubernetes API path the data source requests. Names are validated before any string is
 * built (a valid name never contains '/', '%' or '..'), and still percent-encoded as a second guard.
 * Optional namespace/node/pod arguments mean "all"; an empty string is an invalid name, not "all".
 */
import { InvalidNameError, NameKind, validateName } from './names';

export const WORKLOAD_KINDS = ['deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** Kubelet endpoints reachable through the API server's node proxy; never free text. */
export const KUBELET_PATHS = [
  'stats/summary',
  'metrics',
  'metrics/resource',
  'metrics/cadvisor',
  'metrics/probes',
] as const;
export type KubeletPath = (typeof KUBELET_PATHS)[number];

const CORE = '/api/v1';
const METRICS_GROUP = '/apis/metrics.k8s.io';

/** the metrics.k8s.io versions the data source reads: v1 (Kubernetes 1.37, KEP-5207) and metrics-server's v1beta1 */
export const METRICS_VERSIONS = ['v1', 'v1beta1'] as const;
export type MetricsVersion = (typeof METRICS_VERSIONS)[number];

function metricsBase(version: MetricsVersion): string {
  // checked at runtime too: the version comes from the cluster's discovery document
  if (!(METRICS_VERSIONS as readonly string[]).includes(version)) {
    throw new Error(
      `unknown metrics.k8s.io version ${JSON.stringify(version)}; expected ${METRICS_VERSIONS.join(' or ')}`
    );
  }
  return `${METRICS_GROUP}/${version}`;
}

function seg(kind: NameKind, value: string): string {
  return encodeURIComponent(validateName(kind, value));
}

/** '/api/v1/<resource>' or '/api/v1/namespaces/<ns>/<resource>' for a namespaced core resource. */
function coreCollection(resource: string, ns: string | undefined): string {
  return ns === undefined ? `${CORE}/${resource}` : `${CORE}/namespaces/${seg('namespace', ns)}/${resource}`;
}

export function versionPath(): string {
  return '/version';
}

export function namespacesPath(): string {
  return `${CORE}/namespaces`;
}

export function namespacePath(ns: string): string {
  return `${CORE}/namespaces/${seg('namespace', ns)}`;
}

export function nodesPath(): string {
  return `${CORE}/nodes`;
}

export function nodePath(node: string): string {
  return `${CORE}/nodes/${seg('node', node)}`;
}

/** All namespaces when `ns` is undefined. */
export function podsPath(ns?: string): string {
  return coreCollection('pods', ns);
}

export function podPath(ns: string, pod: string): string {
  const nsSeg = seg('namespace', ns);
  const podSeg = seg('pod', pod);
  return `${CORE}/namespaces/${nsSeg}/pods/${podSeg}`;
}

/** Query parameters (container, tailLines, ...) are added by the caller. */
export function podLogPath(ns: string, pod: string): string {
  return `${podPath(ns, pod)}/log`;
}

/** Core v1 events; all namespaces when `ns` is undefined. */
export function eventsPath(ns?: string): string {
  return coreCollection('events', ns);
}

export function pvcsPath(ns?: string): string {
  return coreCollection('persistentvolumeclaims', ns);
}

/** autoscaling/v2 HorizontalPodAutoscalers, for all namespaces or one */
export function hpasPath(ns?: string): string {
  const group = '/apis/autoscaling/v2';
  return ns === undefined
    ? `${group}/horizontalpodautoscalers`
    : `${group}/namespaces/${seg('namespace', ns)}/horizontalpodautoscalers`;
}

export function workloadsPath(kind: WorkloadKind, ns?: string): string {
  // Checked at runtime too: the kind may come from saved query JSON.
  if (!(WORKLOAD_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`unknown workload kind ${JSON.stringify(kind)}; expected one of ${WORKLOAD_KINDS.join(', ')}`);
  }
  const group = kind === 'jobs' ? '/apis/batch/v1' : '/apis/apps/v1';
  return ns === undefined ? `${group}/${kind}` : `${group}/namespaces/${seg('namespace', ns)}/${kind}`;
}

/** the metrics.k8s.io APIGroup (its versions and preferred version); 404 when metrics-server is absent */
export function metricsGroupPath(): string {
  return METRICS_GROUP;
}

export function metricsApiPath(version: MetricsVersion = 'v1beta1'): string {
  return metricsBase(version);
}

/** All nodes when `node` is undefined. */
export function nodeMetricsPath(node?: string, version: MetricsVersion = 'v1beta1'): string {
  const METRICS = metricsBase(version);
  return node === undefined ? `${METRICS}/nodes` : `${METRICS}/nodes/${seg('node', node)}`;
}

/** All pods when both are undefined; one namespace's pods; or one pod. A pod needs its namespace. */
export function podMetricsPath(ns?: string, pod?: string, version: MetricsVersion = 'v1beta1'): string {
  const METRICS = metricsBase(version);
  if (ns === undefined) {
    if (pod !== undefined) {
      throw new InvalidNameError('namespace', '', 'is required when a pod is named');
    }
    return `${METRICS}/pods`;
  }
  const nsSeg = seg('namespace', ns);
  return pod === undefined
    ? `${METRICS}/namespaces/${nsSeg}/pods`
    : `${METRICS}/namespaces/${nsSeg}/pods/${seg('pod', pod)}`;
}

/** A kubelet endpoint through the API server's node proxy (needs the nodes/proxy permission). */
export function nodeProxyPath(node: string, kubeletPath: KubeletPath): string {
  const nodeSeg = seg('node', node);
  if (!(KUBELET_PATHS as readonly string[]).includes(kubeletPath)) {
    throw new Error(
      `unsupported kubelet path ${JSON.stringify(kubeletPath)}; expected one of ${KUBELET_PATHS.join(', ')}`
    );
  }
  return `${CORE}/nodes/${nodeSeg}/proxy/${kubeletPath}`;
}
