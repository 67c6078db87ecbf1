import { DataSourceJsonData } from '@grafana/data';
import { DataQuery } from '@grafana/schema';

/** The query types the data source answers. Later issues add pods, summary, kubelet, objects, events, logs. */
export type QueryType = 'nodes';

export const QUERY_TYPES: ReadonlyArray<{ value: QueryType; label: string; description: string }> = [
  {
    value: 'nodes',
    label: 'Nodes',
    description: 'CPU and memory of every node (metrics.k8s.io) beside its allocatable, readiness and version',
  },
];

interface BaseQuery extends DataQuery {
  queryType: QueryType;
}

/** `kubectl top nodes` with the columns of `kubectl get nodes`. */
export interface NodesQuery extends BaseQuery {
  queryType: 'nodes';
  /** a label selector on the Node objects, e.g. `node-role.kubernetes.io/control-plane` */
  labelSelector?: string;
  /** one node by name; empty for all */
  nodeName?: string;
}

export type KubeQuery = NodesQuery;

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
}

/** secureJsonData: written by the config editor, read only by Grafana's proxy, never sent to the browser. */
export interface KubeSecureJsonData {
  token?: string;
  tlsCACert?: string;
  tlsClientCert?: string;
  tlsClientKey?: string;
}

export const DEFAULT_POLL_INTERVAL_SECONDS = 15;
export const DEFAULT_FAN_OUT_CONCURRENCY = 8;
export const MAX_FAN_OUT_CONCURRENCY = 64;
