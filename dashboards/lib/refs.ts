import type { DataSourceRef } from '@grafana/schema';

/** Plugin ids the dashboards use; the data source's and panel's own plugin.json files define them. */
export const KUBE_DS_TYPE = 'kubeglance-kubernetes-datasource';
export const PODLOGS_PANEL = 'kubeglance-podlogs-panel';

/** Every dashboard picks its data source through this variable, so one dashboard serves many clusters. */
export const DS_VAR = 'ds';

export const kubeDs: DataSourceRef = { type: KUBE_DS_TYPE, uid: `\${${DS_VAR}}` };
export const promDs: DataSourceRef = { type: 'prometheus', uid: `\${${DS_VAR}}` };
export const lokiDs: DataSourceRef = { type: 'loki', uid: `\${${DS_VAR}}` };

/**
 * The demo stack's provisioned data sources (provisioning/datasources/*.yaml). A dashboard's data-source
 * variable starts on these; elsewhere Grafana falls back to the first data source of the type.
 */
export const PROVISIONED_UIDS = { kubeglance: 'kubeglance', prometheus: 'prometheus', loki: 'loki' } as const;

/** Stable uids: links between the dashboards and bookmarks depend on them. */
export const UIDS = {
  cluster: 'kubeglance-cluster',
  node: 'kubeglance-node',
  pod: 'kubeglance-pod',
  logs: 'kubeglance-logs',
  triage: 'kubeglance-triage',
  prometheusCluster: 'kubeglance-prometheus-cluster',
  lokiLogs: 'kubeglance-loki-logs',
} as const;

/** Tags shared by every dashboard: the "Kubeglance" dashboard link lists dashboards by it. */
export const TAG = 'kubeglance';
