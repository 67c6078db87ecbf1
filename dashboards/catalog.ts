/**
 * Every dashboard and where its JSON goes.
 * - `app`: shipped in the plugin (src/plugin.json `includes`, copied to dist/ by the build); Grafana
 *   imports them when the app is enabled. They need only the Kubeglance data source.
 * - `stack`: provisioned from provisioning/dashboards/stack/ by the demo stack's file provider (compose
 *   already mounts provisioning/), since they read the stack's Prometheus and Loki. Kept out of the plugin: a provisioned dashboard and an app-imported one
 *   may not share a uid.
 */
import type { Dashboard } from '@grafana/schema';
import path from 'path';

import { clusterDashboard } from './definitions/cluster';
import { logsDashboard } from './definitions/logs';
import { lokiLogsDashboard } from './definitions/lokiLogs';
import { nodeDashboard } from './definitions/node';
import { podDashboard } from './definitions/pod';
import { prometheusClusterDashboard } from './definitions/prometheusCluster';
import { triageDashboard } from './definitions/triage';

export type Destination = 'app' | 'stack';

export interface CatalogEntry {
  file: string;
  destination: Destination;
  build: () => Dashboard;
}

export const REPO_ROOT = path.resolve(__dirname, '..');

/** Where each destination's JSON lives. */
export const DESTINATION_DIRS: Record<Destination, string> = {
  app: path.join(REPO_ROOT, 'src', 'dashboards'),
  stack: path.join(REPO_ROOT, 'provisioning', 'dashboards', 'stack'),
};

export const CATALOG: CatalogEntry[] = [
  { file: 'cluster.json', destination: 'app', build: clusterDashboard },
  { file: 'node.json', destination: 'app', build: nodeDashboard },
  { file: 'pod.json', destination: 'app', build: podDashboard },
  { file: 'logs.json', destination: 'app', build: logsDashboard },
  { file: 'triage.json', destination: 'app', build: triageDashboard },
  { file: 'prometheus-cluster.json', destination: 'stack', build: prometheusClusterDashboard },
  { file: 'loki-logs.json', destination: 'stack', build: lokiLogsDashboard },
];

export const jsonPath = (e: CatalogEntry) => path.join(DESTINATION_DIRS[e.destination], e.file);
