import { DataSourceJsonData } from '@grafana/data';
import { DataQuery } from '@grafana/schema';

/** Every query type the data source answers. */
export type QueryType =
  | 'nodes'
  | 'pods'
  | 'summary'
  | 'kubelet'
  | 'objects'
  | 'events'
  | 'logs'
  | 'risks'
  | 'timeline'
  | 'outliers'
  | 'rightsizing'
  | 'timeToFull';

export const QUERY_TYPES: ReadonlyArray<{ value: QueryType; label: string; description: string }> = [
  {
    value: 'nodes',
    label: 'Nodes',
    description: 'CPU and memory of every node (metrics.k8s.io) beside its allocatable, readiness and version',
  },
  {
    value: 'pods',
    label: 'Pods',
    description: 'CPU and memory of pods (metrics.k8s.io) against their requests and limits, grouped, sorted, top N',
  },
  {
    value: 'summary',
    label: 'Kubelet summary',
    description: "The kubelet's Summary API: CPU, memory, network, filesystem and volumes by node, pod or container",
  },
  {
    value: 'kubelet',
    label: 'Kubelet metrics',
    description: "One metric from a kubelet's Prometheus endpoint (resource, cAdvisor, kubelet, probes)",
  },
  {
    value: 'objects',
    label: 'Objects',
    description: 'kubectl get as a table: nodes, namespaces, pods, workloads, PVCs or events',
  },
  {
    value: 'events',
    label: 'Events',
    description: 'Kubernetes events by namespace, type and involved object; also for annotations',
  },
  {
    value: 'logs',
    label: 'Logs',
    description: 'Container logs of a pod, or of every pod matching a selector, merged in time order',
  },
  {
    value: 'risks',
    label: 'Risks',
    description: 'What is wrong now and why: crash loops, pending pods, stuck rollouts, failing Jobs, nodes, PVCs',
  },
  {
    value: 'timeline',
    label: 'Timeline',
    description: 'States of pods, containers and nodes over the time range, with restarts, rollouts and evictions',
  },
  {
    value: 'outliers',
    label: 'Outlier pods',
    description: "Pods that behave unlike their workload's siblings (CPU, memory, restarts), with a score and why",
  },
  {
    value: 'rightsizing',
    label: 'Right-sizing',
    description: 'Container usage (p50, p95, max) against requests and limits, with suggested values',
  },
  {
    value: 'timeToFull',
    label: 'Time to full',
    description: 'Fill rate and time until full of node and image filesystems, PVCs, ephemeral storage, memory',
  },
];

/** Table: one snapshot row per object. Time series: the sampler's history, one series per object and value. */
export type ResultFormat = 'table' | 'timeseries';

interface BaseQuery extends DataQuery {
  queryType: QueryType;
  format?: ResultFormat;
  /** keep polling and stream new samples (LoadingState.Streaming) while the panel is open */
  live?: boolean;
}

/*
 * Name fields (namespace, nodeName, podName, container) hold text that may contain template variables;
 * after interpolation a comma-separated list means several, empty means all. Every name is validated
 * before it can reach a URL.
 */

/** `kubectl top nodes` with the columns of `kubectl get nodes`. */
export interface NodesQuery extends BaseQuery {
  queryType: 'nodes';
  /** a label selector on the Node objects, e.g. `node-role.kubernetes.io/control-plane` */
  labelSelector?: string;
  /** one node by name; empty for all */
  nodeName?: string;
  /** CPU and memory pressure (PSI) from each node's kubelet; needs kubelet access */
  pressure?: boolean;
}

export type PodsGroupBy = 'container' | 'pod' | 'workload' | 'namespace' | 'node';
export type PodsSortBy = 'cpu' | 'memory' | 'name' | 'restarts' | 'cpuOfRequest' | 'memoryOfLimit';

/** `kubectl top pods` joined with the Pod objects. */
export interface PodsQuery extends BaseQuery {
  queryType: 'pods';
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  nodeName?: string;
  groupBy?: PodsGroupBy;
  sortBy?: PodsSortBy;
  /** keep only the first N rows after sorting (descending for usage, ascending for name) */
  topN?: number;
  /** CPU and memory pressure (PSI) of each pod from its node's kubelet (pod rows); needs kubelet access */
  pressure?: boolean;
}

export type SummaryScope = 'node' | 'pod' | 'container' | 'volume';

/** The kubelet Summary API (`/stats/summary`) of one node, several or all. Needs kubelet access. */
export interface SummaryQuery extends BaseQuery {
  queryType: 'summary';
  nodeName?: string;
  scope?: SummaryScope;
  /** for pod, container and volume scopes */
  namespace?: string;
  podName?: string;
}

export type KubeletEndpoint = 'metrics/resource' | 'metrics/cadvisor' | 'metrics' | 'metrics/probes';

/** A metric from the kubelet's Prometheus-text endpoints. Needs kubelet access. */
export interface KubeletQuery extends BaseQuery {
  queryType: 'kubelet';
  nodeName?: string;
  endpoint?: KubeletEndpoint;
  metric?: string;
  /** label matchers like PromQL's: `namespace="shop", container!="", pod=~"web-.*"` */
  matchers?: string;
}

export type ObjectResource =
  | 'nodes'
  | 'namespaces'
  | 'pods'
  | 'deployments'
  | 'statefulsets'
  | 'daemonsets'
  | 'jobs'
  | 'persistentvolumeclaims'
  | 'events';

/** How each resource is named in the UI and whether its objects live in a namespace. */
export const OBJECT_RESOURCE_INFO: Readonly<Record<ObjectResource, { label: string; namespaced: boolean }>> = {
  pods: { label: 'Pods', namespaced: true },
  nodes: { label: 'Nodes', namespaced: false },
  namespaces: { label: 'Namespaces', namespaced: false },
  deployments: { label: 'Deployments', namespaced: true },
  statefulsets: { label: 'StatefulSets', namespaced: true },
  daemonsets: { label: 'DaemonSets', namespaced: true },
  jobs: { label: 'Jobs', namespaced: true },
  persistentvolumeclaims: { label: 'PersistentVolumeClaims', namespaced: true },
  events: { label: 'Events', namespaced: true },
};

/** `kubectl get <resource>` as a table. */
export interface ObjectsQuery extends BaseQuery {
  queryType: 'objects';
  resource?: ObjectResource;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** Kubernetes events; also the annotation query. */
export interface EventsQuery extends BaseQuery {
  queryType: 'events';
  namespace?: string;
  /** Normal, Warning, or empty for both */
  eventType?: 'Normal' | 'Warning';
  /** the involved object's kind and name, e.g. Pod / web-5d9c */
  involvedKind?: string;
  involvedName?: string;
}

/** Container logs of one pod, or of every pod matching a selector (merged in time order). */
export interface LogsQuery extends BaseQuery {
  queryType: 'logs';
  namespace?: string;
  podName?: string;
  labelSelector?: string;
  /** a container name; empty for every container */
  container?: string;
  includeInit?: boolean;
  /** the previous (crashed) instance of the container */
  previous?: boolean;
  /** the last N lines instead of the panel's time range */
  tailLines?: number;
  /** per-container byte cap */
  limitBytes?: number;
  /** the pods' events (scheduled, pulled, killed, back-off) as rows of the stream; needs list on events */
  events?: boolean;
}

export type RiskSeverity = 'critical' | 'warning' | 'info';

/** What is wrong now, from the object API alone: one row per finding, worst first. */
export interface RisksQuery extends BaseQuery {
  queryType: 'risks';
  namespace?: string;
  /** leave out findings below this severity; default info (all) */
  minSeverity?: RiskSeverity;
}

export type TimelineSubject = 'namespace' | 'workload' | 'pod' | 'node';

/** State timeline (and annotations) of a namespace's, workload's or node's pods, or of one pod or node. */
export interface TimelineQuery extends BaseQuery {
  queryType: 'timeline';
  /** what the timeline is of; default namespace */
  subject?: TimelineSubject;
  namespace?: string;
  /** the workload, pod or node name (per subject) */
  name?: string;
  /** for a workload: Deployment, StatefulSet, DaemonSet or Job */
  workloadKind?: string;
}

export type OutlierSignal = 'cpu' | 'memory' | 'restarts' | 'errors';

/** Pods that deviate from their workload's siblings. */
export interface OutliersQuery extends BaseQuery {
  queryType: 'outliers';
  namespace?: string;
  labelSelector?: string;
  /** the signals compared; default cpu, memory and restarts */
  signals?: OutlierSignal[];
  /** show every pod of the compared workloads, not only the outliers */
  showAll?: boolean;
}

/** Usage against requests and limits per container, with suggestions. */
export interface RightSizingQuery extends BaseQuery {
  queryType: 'rightsizing';
  namespace?: string;
  labelSelector?: string;
  /** per container (default) or the resources freed or missing per namespace */
  groupBy?: 'container' | 'namespace';
}

export type FillTargetKind = 'nodeFs' | 'imageFs' | 'pvc' | 'ephemeral' | 'memory';

/** Fill rate and time until full, soonest first. Needs kubelet access. */
export interface TimeToFullQuery extends BaseQuery {
  queryType: 'timeToFull';
  nodeName?: string;
  namespace?: string;
  /** which kinds; default all */
  kinds?: FillTargetKind[];
  /** the fit's window in seconds; default the sampler's history */
  windowSeconds?: number;
}

export type KubeQuery =
  | NodesQuery
  | PodsQuery
  | SummaryQuery
  | KubeletQuery
  | ObjectsQuery
  | EventsQuery
  | LogsQuery
  | RisksQuery
  | TimelineQuery
  | OutliersQuery
  | RightSizingQuery
  | TimeToFullQuery;

export const DEFAULT_QUERY: Partial<KubeQuery> = {
  queryType: 'nodes',
};

export type AuthMethod = 'token' | 'clientCert' | 'oauth';

/**
 * jsonData. The tls* keys and oauthPassThru are Grafana's own: its data-source proxy applies them
 * to every request, so the plugin needs no backend.
 */
export interface KubeDataSourceOptions extends DataSourceJsonData {
  authMethod?: AuthMethod;
  tlsSkipVerify?: boolean;
  tlsAuth?: boolean;
  tlsAuthWithCACert?: boolean;
  serverName?: string;
  oauthPassThru?: boolean;
  /** read the kubelet through the node proxy; needs `nodes/proxy` (off by default) */
  kubeletAccess?: boolean;
  /** seconds between polls of live sources */
  pollIntervalSeconds?: number;
  /** at most this many requests at once when a query fans out to nodes or pods */
  fanOutConcurrency?: number;
  /** how much history the in-browser sampler keeps, in minutes */
  historyMinutes?: number;
}

/** secureJsonData: written by the config editor, read only by Grafana's proxy, never sent to the browser. */
export interface KubeSecureJsonData {
  token?: string;
  tlsCACert?: string;
  tlsClientCert?: string;
  tlsClientKey?: string;
}

export const DEFAULT_POLL_INTERVAL_SECONDS = 15;
export const MIN_POLL_INTERVAL_SECONDS = 5;
export const DEFAULT_LOG_LIMIT_BYTES = 2 * 1024 * 1024;
export const DEFAULT_HISTORY_MINUTES = 60;
