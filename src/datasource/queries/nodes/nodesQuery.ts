import { DataQueryError, DataQueryResponse, QueryResultMetaNotice } from '@grafana/data';
import { catchError, forkJoin, map, Observable, of, switchMap, throwError } from 'rxjs';

import { NodeObject } from '../../decode/apiTypes';
import { Decoded } from '../../decode/decoded';
import { decodeNodeMetricsList, NodeUsage } from './nodeMetrics';
import { decodeNodeList, NodeInfo } from '../../decode/nodeObjects';
import { printNodeStatus } from '../../decode/nodePrinter';
import { KubeClient } from '../../kube/client';
import { describeKubeError, KubeError } from '../../kube/errors';
import { metricsGroupPath, nodeMetricsPath, nodesPath } from '../../kube/paths';
import { withMetricsVersion } from '../../kube/metricsDiscovery';
import { Sample, Snapshot } from '../../live/types';
import { NodesQuery } from '../../types';
import { nodesFrame } from './nodesFrame';
import { nodeSwapCapacities } from './nodeSwap';
import { CORES_UNIT } from '../shared/format';
import { pressureFailureText, readPressure } from '../shared/kubeletPressure';
import { QueryModule } from '../types';
import { asKubeError, toQueryError } from '../../kube/queryError';

/** A nodes query after variables were interpolated and every name validated. */
export interface ResolvedNodesQuery {
  refId: string;
  /** empty for every node */
  nodeNames: string[];
  labelSelector?: string;
  /** CPU and memory pressure from each node's kubelet */
  pressure?: boolean;
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

interface NodesRead {
  /** with each node's swap capacity, which the shared Node decoding leaves out */
  nodes: Outcome<Decoded<NodeInfo> & { swapCapacity: Map<string, number> }>;
  metrics: Outcome<Decoded<NodeUsage>>;
}

/** Node objects and NodeMetrics, read at once; each may fail on its own. */
function readNodes(client: KubeClient, q: ResolvedNodesQuery): Observable<NodesRead> {
  // one node: let the server filter; several: fetch all matching the selector and filter here
  const fieldSelector = q.nodeNames.length === 1 ? `metadata.name=${q.nodeNames[0]}` : undefined;
  const params = { labelSelector: q.labelSelector || undefined, fieldSelector };
  const wanted = q.nodeNames.length > 1 ? new Set(q.nodeNames) : undefined;
  const keep = <T extends { name: string }>(d: Decoded<T>): Decoded<T> =>
    wanted ? { items: d.items.filter((i) => wanted.has(i.name)), problems: d.problems } : d;

  const nodes$ = settle(
    client.list<NodeObject>(nodesPath(), params).pipe(
      map((list) => ({
        ...keep(decodeNodeList({ items: list.items })),
        swapCapacity: nodeSwapCapacities(list.items),
      }))
    ),
    nodesPath()
  );
  // the version comes from the metrics.k8s.io discovery (cached per data source): v1 where served, else v1beta1
  const metrics$ = settle(
    withMetricsVersion(client, (version) => {
      const path = nodeMetricsPath(undefined, version);
      return client.getJson<unknown>(path, params).pipe(catchError((err) => throwError(() => asKubeError(err, path))));
    }).pipe(map((body) => keep(decodeNodeMetricsList(body)))),
    metricsGroupPath()
  );
  return forkJoin({ nodes: nodes$, metrics: metrics$ });
}

/**
 * `kubectl top nodes` joined with `kubectl get nodes`: the Node objects and metrics.k8s.io NodeMetrics are read
 * at once; if one of them fails the other still shows, with the failure as the panel's error.
 */
export function runNodesQuery(client: KubeClient, q: ResolvedNodesQuery, nowMs: number): Observable<DataQueryResponse> {
  return readNodes(client, q).pipe(
    switchMap((read) => {
      if (!q.pressure || !read.nodes.ok) {
        return of({ ...read, pressure: undefined });
      }
      const names = read.nodes.value.items.map((n) => n.name);
      return readPressure(client, names, client.fanOutConcurrency).pipe(map((pressure) => ({ ...read, pressure })));
    }),
    map(({ nodes, metrics, pressure }): DataQueryResponse => {
      const errors: DataQueryError[] = [];
      const notices: QueryResultMetaNotice[] = [];
      let nodeRows: NodeInfo[] = [];
      let usage: NodeUsage[] | undefined;

      if (nodes.ok) {
        nodeRows = nodes.value.items;
        notices.push(...problemsNotice(nodes.value.problems));
      } else {
        errors.push(toQueryError(nodes.error, q.refId));
      }
      if (metrics.ok) {
        usage = metrics.value.items;
        notices.push(...problemsNotice(metrics.value.problems));
      } else {
        errors.push(toQueryError(metrics.error, q.refId));
        notices.push({ severity: 'warning', text: `Usage is missing: ${describeKubeError(metrics.error)}` });
      }
      if (!nodes.ok && usage) {
        // objects unreadable: still show the usage metrics-server has, by node name
        // no object, so no Ready condition: kubectl's Unknown
        nodeRows = usage.map((u) => ({ name: u.name, roles: [], status: printNodeStatus({}) }));
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
      const swapCapacity = nodes.ok ? nodes.value.swapCapacity : undefined;
      if (pressure?.failures.length) {
        notices.push({ severity: 'warning', text: pressureFailureText(pressure.failures, describeKubeError) });
      }
      const frame = nodesFrame(nodeRows, usage, q.refId, nowMs, notices, swapCapacity, pressure?.nodes);
      return { data: [frame], errors: errors.length ? errors : undefined, key: q.refId };
    })
  );
}

/** One poll for time series: CPU and memory per node, with allocatable alongside for "used vs allocatable". */
export function nodesSnapshot(client: KubeClient, q: ResolvedNodesQuery, nowMs: number): Observable<Snapshot> {
  return readNodes(client, q).pipe(
    map(({ nodes, metrics }): Snapshot => {
      const samples: Sample[] = [];
      const errors: DataQueryError[] = [];
      if (metrics.ok) {
        for (const u of metrics.value.items) {
          const labels = { node: u.name };
          if (u.cpu !== undefined) {
            samples.push({
              key: u.name,
              labels,
              metric: 'cpu',
              value: u.cpu,
              counter: false,
              unit: CORES_UNIT,
              timeMs: u.timestampMs,
            });
          }
          if (u.memory !== undefined) {
            samples.push({
              key: u.name,
              labels,
              metric: 'memory',
              value: u.memory,
              counter: false,
              unit: 'bytes',
              timeMs: u.timestampMs,
            });
          }
          if (u.swap !== undefined) {
            samples.push({
              key: u.name,
              labels,
              metric: 'swap',
              value: u.swap,
              counter: false,
              unit: 'bytes',
              timeMs: u.timestampMs,
            });
          }
        }
      } else {
        errors.push(toQueryError(metrics.error, q.refId));
      }
      if (nodes.ok) {
        for (const n of nodes.value.items) {
          const labels = { node: n.name };
          if (n.cpuAllocatable !== undefined) {
            samples.push({
              key: n.name,
              labels,
              metric: 'cpuAllocatable',
              value: n.cpuAllocatable,
              counter: false,
              unit: CORES_UNIT,
            });
          }
          if (n.memoryAllocatable !== undefined) {
            samples.push({
              key: n.name,
              labels,
              metric: 'memoryAllocatable',
              value: n.memoryAllocatable,
              counter: false,
              unit: 'bytes',
            });
          }
          const swapCapacity = nodes.value.swapCapacity.get(n.name);
          if (swapCapacity !== undefined) {
            samples.push({
              key: n.name,
              labels,
              metric: 'swapCapacity',
              value: swapCapacity,
              counter: false,
              unit: 'bytes',
            });
          }
        }
      } else {
        errors.push(toQueryError(nodes.error, q.refId));
      }
      return { timeMs: nowMs, samples, errors: errors.length ? errors : undefined };
    })
  );
}

export const nodesModule: QueryModule<NodesQuery, ResolvedNodesQuery> = {
  resolve: (query, vars) => ({
    refId: query.refId,
    nodeNames: vars.names(query.nodeName, 'node'),
    labelSelector: vars.text(query.labelSelector),
    pressure: query.pressure === true,
  }),
  run: (ctx, resolved) => runNodesQuery(ctx.client, resolved, ctx.nowMs),
  snapshot: (ctx, resolved) => nodesSnapshot(ctx.client, resolved, ctx.nowMs),
  sourceKey: (ctx, r) => `${ctx.datasourceUid}/nodes?${r.nodeNames.join(',')}&${r.labelSelector ?? ''}`,
};
