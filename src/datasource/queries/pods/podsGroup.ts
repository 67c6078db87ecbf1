/**
 * Rows of the pods query and what is done to them after the join: grouping pods by workload, namespace or
 * node, sorting like `kubectl top pods --sort-by`, and keeping the top N. Pure.
 */
import { Resources, toNano } from './podObjects';
import { PodsGroupBy, PodsSortBy } from '../../types';
import { Workload } from './owners';
import type { Pressure } from '../shared/pressure';

/** One row: a container, a pod, or a group of pods. Absent values are undefined, never 0. */
export interface PodsRow {
  /** the row's identity: its name for sorting and its series key */
  key: string;
  namespace?: string;
  pod?: string;
  container?: string;
  node?: string;
  workload?: Workload;
  /** a container row: `sidecar` (a restartable init container) or `app` */
  containerType?: 'sidecar' | 'app';
  /** a container's state or a pod's kubectl STATUS */
  status?: string;
  /** a container: whether it is ready; a pod: "ready/total" */
  ready?: boolean | string;
  restarts?: number;
  /** how many pods the row covers */
  pods: number;
  /** cores */
  cpu?: number;
  /** working-set bytes */
  memory?: number;
  /** swap bytes, from a metrics.k8s.io server that reports `usage.swap` (metrics-server does not yet) */
  swap?: number;
  /** CPU and memory pressure (PSI) from the pod's kubelet, on pod rows when asked for */
  pressure?: Pressure;
  /** requests and limits in effect (after an in-place resize is applied, not before) */
  cpuRequest?: number;
  memoryRequest?: number;
  cpuLimit?: number;
  memoryLimit?: number;
  /** the spec's requests and limits where they differ from those in effect (container and pod rows) */
  desired?: Resources;
  /** an in-place resize pending or in progress (container and pod rows) */
  resize?: string;
  creationMs?: number;
  /** when metrics-server sampled the usage */
  timestampMs?: number;
}

/** used / total; undefined when either is absent or the total is zero. */
export function share(used: number | undefined, total: number | undefined): number | undefined {
  return used === undefined || !total ? undefined : used / total;
}

/** Adds what is present; undefined when nothing is. A request left out counts as zero, like the scheduler does. */
function addPresent(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : toNano(a + b);
}

/** A limit is a bound only if every member has one: one unbounded pod makes the group unbounded. */
function addBound(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : toNano(a + b);
}

export function workloadLabel(w: Workload | undefined): string | undefined {
  return w ? `${w.kind}/${w.name}` : undefined;
}

function groupKey(row: PodsRow, by: 'workload' | 'namespace' | 'node'): string {
  switch (by) {
    case 'namespace':
      return row.namespace ?? '';
    case 'node':
      return row.node ?? '';
    case 'workload':
      return `${row.namespace ?? ''}/${workloadLabel(row.workload) ?? ''}`;
  }
}

function startGroup(row: PodsRow, by: 'workload' | 'namespace' | 'node', key: string): PodsRow {
  return {
    key,
    namespace: by === 'node' ? undefined : row.namespace,
    node: by === 'node' ? row.node : undefined,
    workload: by === 'workload' ? row.workload : undefined,
    pods: row.pods,
    restarts: row.restarts,
    cpu: row.cpu,
    memory: row.memory,
    swap: row.swap,
    cpuRequest: row.cpuRequest,
    memoryRequest: row.memoryRequest,
    cpuLimit: row.cpuLimit,
    memoryLimit: row.memoryLimit,
  };
}

/**
 * Pod rows summed per workload, namespace or node: usage, requests and restarts add up over the pods that
 * have them; limits add up only when every pod has one. Pods without a node (Pending) share the empty node.
 */
export function groupRows(podRows: readonly PodsRow[], by: 'workload' | 'namespace' | 'node'): PodsRow[] {
  const groups = new Map<string, PodsRow>();
  for (const row of podRows) {
    const key = groupKey(row, by);
    const g = groups.get(key);
    if (!g) {
      groups.set(key, startGroup(row, by, key));
      continue;
    }
    g.pods += row.pods;
    g.restarts = addPresent(g.restarts, row.restarts);
    g.cpu = addPresent(g.cpu, row.cpu);
    g.memory = addPresent(g.memory, row.memory);
    g.swap = addPresent(g.swap, row.swap);
    g.cpuRequest = addPresent(g.cpuRequest, row.cpuRequest);
    g.memoryRequest = addPresent(g.memoryRequest, row.memoryRequest);
    g.cpuLimit = addBound(g.cpuLimit, row.cpuLimit);
    g.memoryLimit = addBound(g.memoryLimit, row.memoryLimit);
  }
  return [...groups.values()];
}

function sortValue(row: PodsRow, by: Exclude<PodsSortBy, 'name'>): number | undefined {
  switch (by) {
    case 'cpu':
      return row.cpu;
    case 'memory':
      return row.memory;
    case 'restarts':
      return row.restarts;
    case 'cpuOfRequest':
      return share(row.cpu, row.cpuRequest);
    case 'memoryOfLimit':
      return share(row.memory, row.memoryLimit);
  }
}

function byKey(a: PodsRow, b: PodsRow): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Names ascending; values descending with absent values last; ties by name so the order is stable. */
export function sortRows(rows: readonly PodsRow[], by: PodsSortBy): PodsRow[] {
  if (by === 'name') {
    return [...rows].sort(byKey);
  }
  const keyed = rows.map((row) => ({ row, v: sortValue(row, by) }));
  keyed.sort((a, b) => {
    if (a.v === b.v) {
      return byKey(a.row, b.row);
    }
    if (a.v === undefined) {
      return 1;
    }
    if (b.v === undefined) {
      return -1;
    }
    return b.v - a.v || byKey(a.row, b.row);
  });
  return keyed.map((k) => k.row);
}

/** Sorted, then cut to the first topN. Without a sort, top N ranks by CPU like `kubectl top`; else by name. */
export function arrangeRows(rows: readonly PodsRow[], sortBy?: PodsSortBy, topN?: number): PodsRow[] {
  const sorted = sortRows(rows, sortBy ?? (topN ? 'cpu' : 'name'));
  return topN && topN > 0 ? sorted.slice(0, topN) : sorted;
}

/** The rows a query shows: container rows as they are, pod rows as they are, or pod rows grouped. */
export function rowsFor(groupBy: PodsGroupBy, containerRows: readonly PodsRow[], podRows: readonly PodsRow[]) {
  switch (groupBy) {
    case 'container':
      return [...containerRows];
    case 'pod':
      return [...podRows];
    default:
      return groupRows(podRows, groupBy);
  }
}
