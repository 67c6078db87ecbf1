import { DataQueryError, DataQueryResponse, QueryResultMetaNotice } from '@grafana/data';
import { catchError, forkJoin, map, Observable, of } from 'rxjs';

import { NodeObject } from '../decode/apiTypes';
import { decodeNodeMetricsList, NodeUsage } from '../decode/nodeMetrics';
import { decodeNodeList, NodeInfo } from '../decode/nodeObjects';
import { KubeClient } from '../kube/client';
import { describeKubeError, KubeError } from '../kube/errors';
import { nodeMetricsPath, nodesPath } from '../kube/paths';
import { nodesFrame } from './nodesFrame';
import { asKubeError, toQueryError } from './queryError';

/** A nodes query after variables were interpolated and every name validated. */
export interface ResolvedNodesQuery {
  refId: string;
  /** empty for every node */
  nodeNames: string[];
  labelSelector?: string;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: KubeError };

function settle<T>(source: Observable<T>, path: string): Observable<Outcome<T>> {
  return source.pipe(
    map((value): Outcome<T> => ({ ok: true, value })),
    catchError((err) => of<Outcome<T>>({ ok: false, error: asKubeError(err, path) }))
  );
}

function problemsNotice(problems: string[]): QueryResultMetaNotice[] {
  return problems.length
    ? [
        {
          severity: 'warning',
          text: `Left out ${problems.length} malformed value(s): ${problems.slice(0, 3).join('; ')}`,
        },
      ]
    : [];
}

/**
 * `kubectl top nodes` joined with `kubectl get nodes`: the Node objects and metrics.k8s.io NodeMetrics are read
 * at once; if one of them fails the other still shows, with the failure as the panel's error.
 */
export function runNodesQuery(client: KubeClient, q: ResolvedNodesQuery, nowMs: number): Observable<DataQueryResponse> {
  // one node: let the server filter; several: fetch all matching the selector and filter here
  const fieldSelector = q.nodeNames.length === 1 ? `metadata.name=${q.nodeNames[0]}` : undefined;
  const params = { labelSelector: q.labelSelector || undefined, fieldSelector };
  const wanted = q.nodeNames.length > 1 ? new Set(q.nodeNames) : undefined;
  const keep = <T extends { name: string }>(items: T[]) => (wanted ? items.filter((i) => wanted.has(i.name)) : items);

  const nodes$ = settle(
    client.list<NodeObject>(nodesPath(), params).pipe(map((list) => decodeNodeList({ items: list.items }))),
    nodesPath()
  );
  const metrics$ = settle(
    client.getJson<unknown>(nodeMetricsPath(), params).pipe(map(decodeNodeMetricsList)),
    nodeMetricsPath()
  );

  return forkJoin([nodes$, metrics$]).pipe(
    map(([nodes, metrics]): DataQueryResponse => {
      const errors: DataQueryError[] = [];
      const notices: QueryResultMetaNotice[] = [];
      let nodeRows: NodeInfo[];
      let usage: NodeUsage[] | undefined;

      if (nodes.ok) {
        nodeRows = keep(nodes.value.items);
        notices.push(...problemsNotice(nodes.value.problems));
      } else {
        errors.push(toQueryError(nodes.error, q.refId));
        nodeRows = [];
      }
      if (metrics.ok) {
        usage = keep(metrics.value.items);
        notices.push(...problemsNotice(metrics.value.problems));
      } else {
        errors.push(toQueryError(metrics.error, q.refId));
        notices.push({ severity: 'warning', text: `Usage is missing: ${describeKubeError(metrics.error)}` });
      }
      if (!nodes.ok && usage) {
        // objects unreadable: still show the usage metrics-server has, by node name
        nodeRows = usage.map((u) => ({ name: u.name, roles: [], ready: 'Unknown', unschedulable: false }));
      }
      if (nodes.ok && !nodeRows.length && q.nodeNames.length) {
        errors.push({
          message: `No node named ${q.nodeNames.join(', ')}${q.labelSelector ? ` matching ${q.labelSelector}` : ''}. Check the node name (kubectl get nodes).`,
          refId: q.refId,
        });
      }
      if (!nodes.ok && !metrics.ok) {
        return { data: [], errors, key: q.refId };
      }
      const frame = nodesFrame(nodeRows, usage, q.refId, nowMs, notices);
      return { data: [frame], errors: errors.length ? errors : undefined, key: q.refId };
    })
  );
}
