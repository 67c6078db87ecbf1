/**
 * Kubeglance queries and links for the live dashboards. The query builders take the data source's own
 * query types, so a renamed field or enum value fails to compile here before it fails in a panel.
 */
import type {
  EventsQuery,
  KubeQuery,
  LogsQuery,
  NodesQuery,
  ObjectsQuery,
  PodsQuery,
  SummaryQuery,
} from '../../src/datasource/types';

type Query<Q extends KubeQuery> = Omit<Q, 'queryType'>;

export const nodesQuery = (q: Query<NodesQuery>): NodesQuery => ({ queryType: 'nodes', ...q });
export const podsQuery = (q: Query<PodsQuery>): PodsQuery => ({ queryType: 'pods', ...q });
export const summaryQuery = (q: Query<SummaryQuery>): SummaryQuery => ({ queryType: 'summary', ...q });
export const objectsQuery = (q: Query<ObjectsQuery>): ObjectsQuery => ({ queryType: 'objects', ...q });
export const eventsQuery = (q: Query<EventsQuery>): EventsQuery => ({ queryType: 'events', ...q });
export const logsQuery = (q: Query<LogsQuery>): LogsQuery => ({ queryType: 'logs', ...q });

/** Live time series: the data source polls and streams while the panel is open. */
export const LIVE = { format: 'timeseries', live: true } as const;
export const TABLE = { format: 'table' } as const;

/** Cores as the data source labels them (src/datasource/queries/nodesFrame.ts CORES_UNIT). */
export const CORES = 'suffix: cores';

const TIME = '${__url_time_range}';

/** Data-link URLs from a table row to the other dashboards; field names are the data source's frame fields. */
export const rowLinks = {
  node: (uid: string) => `/d/${uid}?var-ds=\${ds}&var-node=\${__data.fields.node}&${TIME}`,
  pod: (uid: string) =>
    `/d/${uid}?var-ds=\${ds}&var-namespace=\${__data.fields.namespace}&var-pod=\${__data.fields.pod}&${TIME}`,
  logs: (uid: string) =>
    `/d/${uid}?var-ds=\${ds}&var-namespace=\${__data.fields.namespace}&var-pod=\${__data.fields.pod}&var-container=$__all&${TIME}`,
  /** from a dashboard that has the pod in its variables (the table shows one pod's containers) */
  containerLogs: (uid: string) =>
    `/d/${uid}?var-ds=\${ds}&var-namespace=\${namespace}&var-pod=\${pod}&var-container=\${__data.fields.container}&${TIME}`,
};
