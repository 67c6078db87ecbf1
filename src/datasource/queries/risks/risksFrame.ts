/** Findings as one table frame, worst first, with data links to the pod, logs and node dashboards. */
import { DataFrame, DataLink, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { Finding } from './riskTypes';

/** The uids of the dashboards the plugin ships (dashboards/lib/refs.ts UIDS; a test keeps them equal). */
export const LINKED_DASHBOARDS = { pod: 'kubeglance-pod', node: 'kubeglance-node', logs: 'kubeglance-logs' } as const;

const TIME = '${__url_time_range}';

/** Links from a row to the other dashboards, on the data source the query ran on. */
export function risksLinks(datasourceUid: string): { pod: DataLink[]; node: DataLink[] } {
  const ds = `var-ds=${encodeURIComponent(datasourceUid)}`;
  const pod = `var-namespace=\${__data.fields.namespace}&var-pod=\${__data.fields.pod}`;
  return {
    pod: [
      { title: 'Pod details and events', url: `/d/${LINKED_DASHBOARDS.pod}?${ds}&${pod}&${TIME}` },
      { title: 'Logs', url: `/d/${LINKED_DASHBOARDS.logs}?${ds}&${pod}&var-container=$__all&${TIME}` },
    ],
    node: [
      { title: 'Node details', url: `/d/${LINKED_DASHBOARDS.node}?${ds}&var-node=\${__data.fields.node}&${TIME}` },
    ],
  };
}

export function risksFrame(
  findings: readonly Finding[],
  refId: string,
  datasourceUid: string,
  notices: QueryResultMetaNotice[]
): DataFrame {
  const links = risksLinks(datasourceUid);
  const col = <T>(pick: (f: Finding) => T) => findings.map(pick);
  return {
    refId,
    name: 'risks',
    length: findings.length,
    meta: { preferredVisualisationType: 'table', notices: notices.length ? notices : undefined },
    fields: [
      { name: 'severity', type: FieldType.string, values: col((f) => f.severity), config: { displayName: 'Severity' } },
      { name: 'kind', type: FieldType.string, values: col((f) => f.kind), config: { displayName: 'Kind' } },
      {
        name: 'namespace',
        type: FieldType.string,
        values: col((f) => f.namespace || null),
        config: { displayName: 'Namespace' },
      },
      { name: 'object', type: FieldType.string, values: col((f) => f.object), config: { displayName: 'Object' } },
      {
        name: 'since',
        type: FieldType.time,
        values: col((f) => f.sinceMs ?? null),
        config: { displayName: 'Since' },
      },
      { name: 'reason', type: FieldType.string, values: col((f) => f.reason), config: { displayName: 'Reason' } },
      { name: 'check', type: FieldType.string, values: col((f) => f.check), config: { displayName: 'Check' } },
      {
        name: 'pod',
        type: FieldType.string,
        values: col((f) => f.pod ?? null),
        config: { displayName: 'Pod', links: links.pod },
      },
      {
        name: 'container',
        type: FieldType.string,
        values: col((f) => f.container ?? null),
        config: { displayName: 'Container' },
      },
      {
        name: 'node',
        type: FieldType.string,
        values: col((f) => f.node ?? null),
        config: { displayName: 'Node', links: links.node },
      },
    ],
  };
}
