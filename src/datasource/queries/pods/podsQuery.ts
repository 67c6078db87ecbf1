/**
 * The `pods` query: `kubectl top pods` (metrics.k8s.io PodMetrics) joined with the Pod objects for node,
 * phase, restarts, workload, requests and limits. All namespaces is one list of each; named namespaces are
 * read one by one with a bound, and a namespace that fails is a notice while the others answer.
 */
import { DataQueryError, DataQueryResponse, QueryResultMetaNotice } from '@grafana/data';
import { catchError, defer, map, Observable, of, switchMap, throwError } from 'rxjs';

import { Decoded } from '../../decode/decoded';
import { decodePodMetricsList, PodUsage } from './podMetrics';
import { PodObject } from '../../decode/apiTypes';
import { decodePodList, PodInfo } from './podObjects';
import { describeKubeError, KubeError } from '../../kube/errors';
import { metricsGroupPath, podMetricsPath, podsPath } from '../../kube/paths';
import { withMetricsVersion } from '../../kube/metricsDiscovery';
import { Sample, Snapshot } from '../../live/types';
import { PodsGroupBy, PodsQuery, PodsSortBy } from '../../types';
import { CORES_UNIT, listNames } from '../shared/format';
import { pressureFailureText, readPressure } from '../shared/kubeletPressure';
import { ALL, OwnerIndex, ownerNotices, readOwnerIndex } from './owners';
import { podsFrame } from './podsFrame';
import { arrangeRows, PodsRow, rowsFor, workloadLabel } from './podsGroup';
import { joinPods, JoinedRows, withoutMetricsNotice } from './podsJoin';
import { asKubeError, toQueryError } from '../../kube/queryError';
import { QueryContext, QueryModule } from '../types';
import type { VariableResolver } from '../../variableTypes';

const GROUP_BYS: readonly PodsGroupBy[] = ['container', 'pod', 'workload', 'namespace', 'node'];
const SORT_BYS: readonly PodsSortBy[] = ['cpu', 'memory', 'name', 'restarts', 'cpuOfRequest', 'memoryOfLimit'];

/** A pods query after variables were interpolated and every name validated. */
export interface ResolvedPodsQuery {
  refId: string;
  /** empty for all namespaces */
  namespaces: string[];
  /** empty for every node */
  nodeNames: string[];
  labelSelector?: string;
  fieldSelector?: string;
  groupBy: PodsGroupBy;
  sortBy?: PodsSortBy;
  topN?: number;
  /** pod rows get CPU and memory pressure from their kubelets */
  pressure?: boolean;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: KubeError };

/** One namespace's (or, for ALL, the cluster's) reads; each may fail on its own. */
interface ScopeRead {
  scope: string;
  pods: Outcome<Decoded<PodInfo>>;
  usage: Outcome<Decoded<PodUsage>>;
}

interface PodsRead {
  scopes: ScopeRead[];
  index: OwnerIndex;
}

type Part = { pods: Decoded<PodInfo> } | { usage: Decoded<PodUsage> };

function invalid(message: string, remedy: string): KubeError {
  return new KubeError({ kind: 'invalid', message, remedy });
}

/** The Pod field selector sent to the API server: the query's, plus the node when exactly one is named. */
export function podFieldSelector(q: ResolvedPodsQuery): string | undefined {
  const parts = [q.fieldSelector, q.nodeNames.length === 1 ? `spec.nodeName=${q.nodeNames[0]}` : undefined];
  return parts.filter(Boolean).join(',') || undefined;
}

function readPart(ctx: QueryContext, q: ResolvedPodsQuery, scope: string, what: 'pods' | 'usage'): Observable<Part> {
  return defer(() => {
    const ns = scope === ALL ? undefined : scope;
    if (what === 'pods') {
      const path = podsPath(ns);
      const params = { labelSelector: q.labelSelector, fieldSelector: podFieldSelector(q) };
      return ctx.client.list<PodObject>(path, params).pipe(
        map((list): Part => ({ pods: decodePodList({ items: list.items }) })),
        catchError((err) => throwError(() => asKubeError(err, path)))
      );
    }
    // metrics.k8s.io filters fields by metadata.name/namespace only: node and field filters apply through the join
    // the version comes from the metrics.k8s.io discovery (cached per data source): v1 where served, else v1beta1
    return withMetricsVersion(ctx.client, (version) => {
      const path = podMetricsPath(ns, undefined, version);
      return ctx.client.getJson<unknown>(path, { labelSelector: q.labelSelector }).pipe(
        map((body): Part => ({ usage: decodePodMetricsList(body) })),
        catchError((err) => throwError(() => asKubeError(err, path)))
      );
    }).pipe(catchError((err) => throwError(() => asKubeError(err, metricsGroupPath()))));
  });
}

/** Pods and PodMetrics of every scope (bounded fan-out), then the owners the pods need. */
function readPods(ctx: QueryContext, q: ResolvedPodsQuery): Observable<PodsRead> {
  const scopes = q.namespaces.length ? q.namespaces : [ALL];
  const keys = scopes.flatMap((scope) => [
    { scope, what: 'pods' as const },
    { scope, what: 'usage' as const },
  ]);
  return ctx.client
    .fanOut(keys, (k) => readPart(ctx, q, k.scope, k.what), ctx.concurrency)
    .pipe(
      map((results): ScopeRead[] =>
        scopes.map((scope, i) => {
          const [p, u] = [results[2 * i], results[2 * i + 1]];
          const pods = p.value && 'pods' in p.value ? p.value.pods : undefined;
          const usage = u.value && 'usage' in u.value ? u.value.usage : undefined;
          return {
            scope,
            pods: pods ? { ok: true, value: pods } : { ok: false, error: p.error ?? emptyAnswer(scope) },
            usage: usage ? { ok: true, value: usage } : { ok: false, error: u.error ?? emptyAnswer(scope) },
          };
        })
      ),
      switchMap((reads) => {
        const pods = reads.flatMap((r) => (r.pods.ok ? r.pods.value.items : []));
        return readOwnerIndex(ctx.client, pods, q.namespaces, ctx.concurrency).pipe(
          map((index): PodsRead => ({ scopes: reads, index }))
        );
      })
    );
}

function emptyAnswer(scope: string): KubeError {
  return new KubeError({
    kind: 'unknown',
    message: `No answer for ${scopeName(scope)}`,
    remedy: 'Retry; if it persists, check the Grafana server log.',
  });
}

function scopeName(scope: string): string {
  return scope === ALL ? 'all namespaces' : `namespace ${scope}`;
}

interface FailureGroup {
  scopes: string[];
  text: string;
  status?: number;
}

/** Failures whose descriptions differ only by the namespace: one line naming the namespaces. */
function groupFailures(failures: Array<{ scope: string; error: KubeError }>): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const f of failures) {
    const text = describeKubeError(f.error);
    // the namespace appears quoted in RBAC messages and between slashes in paths
    const key =
      f.scope === ALL ? text : text.split(`"${f.scope}"`).join('"\u0000"').split(`/${f.scope}/`).join('/\u0000/');
    const g = groups.get(key);
    if (g) {
      g.scopes.push(f.scope);
    } else {
      groups.set(key, { scopes: [f.scope], text, status: f.error.status });
    }
  }
  return [...groups.values()];
}

function scopesText(scopes: string[]): string {
  if (scopes.includes(ALL)) {
    return 'all namespaces';
  }
  return scopes.length === 1 ? `namespace ${scopes[0]}` : `namespaces ${listNames(scopes)}`;
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

export interface PodsAnswer {
  rows: PodsRow[];
  notices: QueryResultMetaNotice[];
  errors: DataQueryError[];
  /** nothing could be read at all */
  empty: boolean;
}

/**
 * Reads to rows, notices and errors. A failure in every scope is the query's error; a failure in some is a
 * notice naming them. Without the Pod objects, rows come from usage by pod name (unless a node or field
 * filter asks for the objects); without metrics, objects show with usage absent.
 */
export function podsAnswer(q: ResolvedPodsQuery, read: PodsRead): PodsAnswer {
  const errors: DataQueryError[] = [];
  const notices: QueryResultMetaNotice[] = [];
  const containers = q.groupBy === 'container';
  const needsObjects = q.nodeNames.length > 0 || !!q.fieldSelector;
  const nodeSet = q.nodeNames.length > 1 ? new Set(q.nodeNames) : undefined;
  const joined: JoinedRows = {
    containerRows: [],
    podRows: [],
    runningWithoutMetrics: [],
    notRunningWithoutMetrics: [],
  };
  const podFailures: Array<{ scope: string; error: KubeError }> = [];
  const usageFailures: Array<{ scope: string; error: KubeError }> = [];
  const problems: string[] = [];
  const allPods: PodInfo[] = [];

  for (const s of read.scopes) {
    let pods: PodInfo[] | undefined;
    let usage: PodUsage[] | undefined;
    if (s.pods.ok) {
      pods = nodeSet ? s.pods.value.items.filter((p) => p.node && nodeSet.has(p.node)) : s.pods.value.items;
      problems.push(...s.pods.value.problems);
      allPods.push(...pods);
    } else {
      podFailures.push({ scope: s.scope, error: s.pods.error });
    }
    if (s.usage.ok) {
      usage = s.usage.value.items;
      problems.push(...s.usage.value.problems);
    } else {
      usageFailures.push({ scope: s.scope, error: s.usage.error });
    }
    if (pods || (usage && !needsObjects)) {
      joinPods(pods, usage, read.index, containers, joined);
    }
  }

  const allPodsFailed = podFailures.length === read.scopes.length;
  const allUsageFailed = usageFailures.length === read.scopes.length;
  const usageOnly = needsObjects
    ? ' Rows are left out: the node and field filters need the Pod objects.'
    : ' Rows show usage by pod name only (no node, workload, requests or limits).';
  for (const g of groupFailures(podFailures)) {
    const what = `Pods of ${scopesText(g.scopes)} could not be listed: ${g.text}`;
    const tail = allUsageFailed ? '' : usageOnly;
    if (allPodsFailed) {
      errors.push({ message: `${what}${tail}`, status: g.status, refId: q.refId });
    } else {
      notices.push({ severity: 'warning', text: `${what}${tail}` });
    }
  }
  for (const g of groupFailures(usageFailures)) {
    const what = `Usage is missing for ${scopesText(g.scopes)}: ${g.text}`;
    if (allUsageFailed) {
      errors.push({ message: what, status: g.status, refId: q.refId });
    }
    notices.push({ severity: 'warning', text: what });
  }
  notices.push(
    ...problemsNotice(problems),
    ...ownerNotices(allPods, read.index, describeKubeError),
    ...withoutMetricsNotice(joined)
  );

  const rows = arrangeRows(rowsFor(q.groupBy, joined.containerRows, joined.podRows), q.sortBy, q.topN);
  return { rows, notices, errors, empty: allPodsFailed && allUsageFailed };
}

/** Pod rows with their kubelets' pressure (PSI), when asked for; a node that cannot be read becomes a notice. */
function withPressure(ctx: QueryContext, q: ResolvedPodsQuery, a: PodsAnswer): Observable<PodsAnswer> {
  if (!q.pressure || q.groupBy !== 'pod' || a.empty || !a.rows.length) {
    return of(a);
  }
  const nodes = a.rows.map((r) => r.node).filter((n): n is string => !!n);
  return readPressure(ctx.client, nodes, ctx.concurrency).pipe(
    map((read) => {
      for (const row of a.rows) {
        const p = read.pods.get(`${row.namespace}/${row.pod}`);
        if (p) {
          row.pressure = p;
        }
      }
      const notices = read.failures.length
        ? [...a.notices, { severity: 'warning' as const, text: pressureFailureText(read.failures, describeKubeError) }]
        : a.notices;
      return { ...a, notices };
    })
  );
}

export function runPodsQuery(ctx: QueryContext, q: ResolvedPodsQuery): Observable<DataQueryResponse> {
  return readPods(ctx, q).pipe(
    switchMap((read) => withPressure(ctx, q, podsAnswer(q, read))),
    map((a): DataQueryResponse => {
      if (a.empty) {
        return { data: [], errors: a.errors, key: q.refId };
      }
      const frame = podsFrame(a.rows, q.groupBy, q.refId, ctx.nowMs, a.notices);
      return { data: [frame], errors: a.errors.length ? a.errors : undefined, key: q.refId };
    }),
    catchError((err) => of<DataQueryResponse>({ data: [], errors: [toQueryError(err, q.refId)], key: q.refId }))
  );
}

/** The labels of a row's series: what identifies it at this grouping. */
function sampleLabels(row: PodsRow, groupBy: PodsGroupBy): Record<string, string> {
  const labels: Record<string, string> = {};
  const put = (k: string, v: string | undefined) => {
    if (v) {
      labels[k] = v;
    }
  };
  if (groupBy !== 'node') {
    put('namespace', row.namespace);
  }
  if (groupBy === 'pod' || groupBy === 'container') {
    put('pod', row.pod);
    put('container', row.container);
  }
  if (groupBy !== 'namespace') {
    put('node', row.node);
  }
  if (groupBy !== 'namespace' && groupBy !== 'node') {
    put('workload', workloadLabel(row.workload));
  }
  return labels;
}

/** CPU, memory and (where reported) swap of every row as samples; rows without usage give none (absent, never 0). */
export function podsSamples(rows: readonly PodsRow[], groupBy: PodsGroupBy): Sample[] {
  const samples: Sample[] = [];
  for (const row of rows) {
    const labels = sampleLabels(row, groupBy);
    const at = row.timestampMs === undefined ? {} : { timeMs: row.timestampMs };
    if (row.cpu !== undefined) {
      samples.push({ key: row.key, labels, metric: 'cpu', value: row.cpu, counter: false, unit: CORES_UNIT, ...at });
    }
    if (row.memory !== undefined) {
      samples.push({ key: row.key, labels, metric: 'memory', value: row.memory, counter: false, unit: 'bytes', ...at });
    }
    if (row.swap !== undefined) {
      samples.push({ key: row.key, labels, metric: 'swap', value: row.swap, counter: false, unit: 'bytes', ...at });
    }
  }
  return samples;
}

/** One poll for time series: CPU, memory and swap per row, grouped, sorted and cut like the table. */
export function podsSnapshot(ctx: QueryContext, q: ResolvedPodsQuery): Observable<Snapshot> {
  return readPods(ctx, q).pipe(
    map((read): Snapshot => {
      const a = podsAnswer(q, read);
      return {
        timeMs: ctx.nowMs,
        samples: podsSamples(a.rows, q.groupBy),
        notices: a.notices.length ? a.notices : undefined,
        errors: a.errors.length ? a.errors : undefined,
      };
    }),
    catchError((err) => of<Snapshot>({ timeMs: ctx.nowMs, samples: [], errors: [toQueryError(err, q.refId)] }))
  );
}

function resolveChoice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  what: string
): T | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalid(
      `Unknown ${what} ${JSON.stringify(value)}`,
      `Choose one of ${allowed.join(', ')} in the query editor.`
    );
  }
  return value as T;
}

function resolveTopN(topN: unknown): number | undefined {
  if (topN === undefined || topN === null || topN === '' || topN === 0) {
    return undefined;
  }
  const n = Number(topN);
  if (!Number.isInteger(n) || n < 0) {
    throw invalid(`Top N must be a positive whole number, got ${JSON.stringify(topN)}`, 'Clear it to show every row.');
  }
  return n;
}

export function resolvePodsQuery(query: PodsQuery, vars: VariableResolver): ResolvedPodsQuery {
  return {
    refId: query.refId,
    namespaces: vars.names(query.namespace, 'namespace'),
    nodeNames: vars.names(query.nodeName, 'node'),
    labelSelector: vars.text(query.labelSelector),
    fieldSelector: vars.text(query.fieldSelector),
    groupBy: resolveChoice(query.groupBy, GROUP_BYS, 'group by') ?? 'pod',
    sortBy: resolveChoice(query.sortBy, SORT_BYS, 'sort by'),
    topN: resolveTopN(query.topN),
    pressure: query.pressure === true,
  };
}

export const podsModule: QueryModule<PodsQuery, ResolvedPodsQuery> = {
  resolve: resolvePodsQuery,
  run: (ctx, resolved) => runPodsQuery(ctx, resolved),
  snapshot: (ctx, resolved) => podsSnapshot(ctx, resolved),
  sourceKey: (ctx, r) =>
    `${ctx.datasourceUid}/pods?` +
    new URLSearchParams({
      ns: r.namespaces.join(','),
      node: r.nodeNames.join(','),
      labels: r.labelSelector ?? '',
      fields: r.fieldSelector ?? '',
      groupBy: r.groupBy,
      sortBy: r.sortBy ?? '',
      topN: String(r.topN ?? ''),
    }).toString(),
};
