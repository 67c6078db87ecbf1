/**
 * The `kubelet` query: one metric from a kubelet Prometheus-text endpoint (metrics/resource, metrics/cadvisor,
 * metrics, metrics/probes) of one node, several or all, read through the API server's node proxy and narrowed
 * with PromQL-style label matchers. One series per label set, with a `node` label. A node that fails is left
 * out with a notice; a body with a bad line keeps the samples before it, with a notice naming the line.
 */
import { DataQueryError, DataQueryResponse, QueryResultMetaNotice } from '@grafana/data';
import { catchError, defer, map, Observable, of, switchMap, throwError } from 'rxjs';

import { formatMatchers, Matcher, MatcherSyntaxError, parseMatchers } from './matchers';
import { parsePrometheusText, PromFamily, PromParseError } from './promtext';
import { KubeClient } from '../../kube/client';
import { KubeError } from '../../kube/errors';
import { nodeProxyPath } from '../../kube/paths';
import { Snapshot } from '../../live/types';
import { KubeletEndpoint, KubeletQuery } from '../../types';
import {
  KubeletSeries,
  kubeletFrame,
  kubeletSamples,
  metricCatalogFrame,
  MetricInfo,
  metricInfos,
  partialParseNotice,
  selectSeries,
} from './kubeletFrame';
import {
  allFailedErrors,
  failureNotices,
  kubeletAccessOffError,
  kubeletAccessOffResponse,
  KUBELET_ACCESS_OFF,
  resolveNodeTargets,
  splitOutcomes,
} from '../shared/nodeTargets';
import { listNames } from '../shared/format';
import { asKubeError, toQueryError } from '../../kube/queryError';
import { QueryContext, QueryModule } from '../types';

export const KUBELET_ENDPOINTS: readonly KubeletEndpoint[] = [
  'metrics/resource',
  'metrics/cadvisor',
  'metrics',
  'metrics/probes',
];
export const DEFAULT_KUBELET_ENDPOINT: KubeletEndpoint = 'metrics/resource';

/** A kubelet query after variables were interpolated, every name validated and the matchers parsed. */
export interface ResolvedKubeletQuery {
  refId: string;
  /** empty for every node */
  nodeNames: string[];
  endpoint: KubeletEndpoint;
  /** undefined: list the metrics the endpoint serves */
  metric?: string;
  matchers: Matcher[];
}

interface NodeScrape {
  families: PromFamily[];
  /** the first bad line: `families` holds only what came before it */
  error?: PromParseError;
}

interface KubeletRead {
  scrapes: Array<{ node: string; value: NodeScrape }>;
  failures: Array<{ node: string; error: KubeError }>;
  notices: QueryResultMetaNotice[];
}

/**
 * One node's endpoint, parsed. A body refused before its first sample (an HTML page, JSON) fails the node; one
 * refused later keeps the families before the bad line, with the error for a notice.
 */
export function scrapeNode(client: KubeClient, node: string, endpoint: KubeletEndpoint): Observable<NodeScrape> {
  return defer(() => {
    const path = nodeProxyPath(node, endpoint);
    return client.getText(path).pipe(
      map((text): NodeScrape => {
        const parsed = parsePrometheusText(text);
        const first = parsed.error;
        if (!parsed.families.length && first !== undefined) {
          throw new KubeError({
            kind: 'malformed',
            path,
            node,
            message: `The kubelet on node ${node} did not answer ${endpoint} in Prometheus text format (line ${first.line}: ${first.message})`,
            remedy: `Check the kubelet on ${node} and that the data source URL is the API server itself.`,
          });
        }
        return { families: parsed.families, error: parsed.error };
      }),
      catchError((err) => throwError(() => scrapeError(err, node, endpoint, path)))
    );
  });
}

function scrapeError(err: unknown, node: string, endpoint: KubeletEndpoint, path: string): KubeError {
  const e = asKubeError(err, path);
  if (e.kind === 'notFound' && !e.resource) {
    // the kubelet's own plain 404: the node exists but its kubelet has no such endpoint
    return new KubeError({
      kind: 'notFound',
      status: e.status,
      path,
      node,
      message: `The kubelet on node ${node} does not serve /${endpoint} (404)`,
      remedy: 'Its version or configuration may not have this endpoint; choose another endpoint.',
    });
  }
  return e;
}

function readKubelet(ctx: QueryContext, q: ResolvedKubeletQuery): Observable<KubeletRead> {
  return resolveNodeTargets(ctx, q.nodeNames).pipe(
    switchMap(({ nodes, notices }) =>
      ctx.client
        .fanOut(nodes, (node) => scrapeNode(ctx.client, node, q.endpoint), ctx.concurrency)
        .pipe(
          map((results): KubeletRead => {
            const { values, failures } = splitOutcomes(results);
            return { scrapes: values, failures, notices };
          })
        )
    )
  );
}

function parseNotices(read: KubeletRead, endpoint: KubeletEndpoint): QueryResultMetaNotice[] {
  return partialParseNotice(
    endpoint,
    read.scrapes.map((s) => ({ node: s.node, error: s.value.error }))
  );
}

type Selected =
  { ok: true; series: KubeletSeries[]; notices: QueryResultMetaNotice[] } | { ok: false; errors: DataQueryError[] };

/** The chosen metric's series across the nodes that answered, or the errors when nothing could be shown. */
function select(read: KubeletRead, q: ResolvedKubeletQuery, metric: string): Selected {
  if (!read.scrapes.length && read.failures.length) {
    return { ok: false, errors: allFailedErrors(read.failures, q.refId) };
  }
  const notices = [...read.notices, ...failureNotices(read.failures), ...parseNotices(read, q.endpoint)];
  const series: KubeletSeries[] = [];
  let found = false;
  for (const { node, value } of read.scrapes) {
    const selection = selectSeries(value.families, metric, q.matchers, node);
    found ||= selection.found;
    series.push(...selection.series);
  }
  if (!found && read.scrapes.length) {
    const served = new Set(read.scrapes.flatMap((s) => s.value.families.map((f) => f.name))).size;
    return {
      ok: false,
      errors: [
        {
          message:
            `No metric named ${metric} on ${q.endpoint} of ${listNames(read.scrapes.map((s) => s.node))}. ` +
            `Pick one from the metric list (the endpoint serves ${served}), or another endpoint.`,
          refId: q.refId,
        },
      ],
    };
  }
  if (!series.length && q.matchers.length) {
    notices.push({
      severity: 'info',
      text: `No series of ${metric} matches ${formatMatchers(q.matchers)}. Check the label values, or loosen the matchers.`,
    });
  }
  return { ok: true, series, notices };
}

export function runKubeletQuery(ctx: QueryContext, q: ResolvedKubeletQuery): Observable<DataQueryResponse> {
  if (!ctx.kubeletAccess) {
    return of(kubeletAccessOffResponse(q.refId));
  }
  return readKubelet(ctx, q).pipe(
    map((read): DataQueryResponse => {
      const metric = q.metric;
      if (metric === undefined) {
        if (!read.scrapes.length && read.failures.length) {
          return { data: [], errors: allFailedErrors(read.failures, q.refId), key: q.refId };
        }
        const notices = [...read.notices, ...failureNotices(read.failures), ...parseNotices(read, q.endpoint)];
        const frame = metricCatalogFrame(
          read.scrapes.map((s) => s.value.families),
          q.refId,
          notices
        );
        return { data: [frame], key: q.refId };
      }
      const selected = select(read, q, metric);
      if (!selected.ok) {
        return { data: [], errors: selected.errors, key: q.refId };
      }
      return { data: [kubeletFrame(selected.series, metric, q.refId, ctx.nowMs, selected.notices)], key: q.refId };
    }),
    catchError((err) => of<DataQueryResponse>({ data: [], errors: [toQueryError(err, q.refId)], key: q.refId }))
  );
}

/** One poll for time series: each series a sample, counters marked so the sampler shows rates. */
export function kubeletSnapshot(ctx: QueryContext, q: ResolvedKubeletQuery): Observable<Snapshot> {
  if (!ctx.kubeletAccess) {
    return of({ timeMs: ctx.nowMs, samples: [], errors: [kubeletAccessOffError(q.refId)] });
  }
  const metric = q.metric;
  if (metric === undefined) {
    return of({
      timeMs: ctx.nowMs,
      samples: [],
      errors: [{ message: 'Choose a metric to show kubelet metrics as time series.', refId: q.refId }],
    });
  }
  return readKubelet(ctx, q).pipe(
    map((read): Snapshot => {
      const selected = select(read, q, metric);
      if (!selected.ok) {
        return { timeMs: ctx.nowMs, samples: [], errors: selected.errors };
      }
      return {
        timeMs: ctx.nowMs,
        samples: kubeletSamples(selected.series),
        notices: selected.notices.length ? selected.notices : undefined,
      };
    }),
    catchError((err) => of<Snapshot>({ timeMs: ctx.nowMs, samples: [], errors: [toQueryError(err, q.refId)] }))
  );
}

/** For the query editor's metric picker: the families one node's endpoint serves, sorted by name. */
export function kubeletMetricNames(
  client: KubeClient,
  node: string,
  endpoint: KubeletEndpoint = DEFAULT_KUBELET_ENDPOINT
): Observable<MetricInfo[]> {
  return scrapeNode(client, node, endpoint).pipe(map((scrape) => metricInfos(scrape.families)));
}

/**
 * For the data source's metric picker: the metrics of the first node asked (or the first node listed when
 * none is named). Fails with the kubelet-access message, without a request, when access is off.
 */
export function kubeletMetricNamesFor(
  ctx: QueryContext,
  nodeNames: string[],
  endpoint: KubeletEndpoint = DEFAULT_KUBELET_ENDPOINT
): Observable<MetricInfo[]> {
  if (!ctx.kubeletAccess) {
    return throwError(
      () =>
        new KubeError({
          kind: 'forbidden',
          message: KUBELET_ACCESS_OFF,
          remedy: 'Until then, type the metric name.',
        })
    );
  }
  return resolveNodeTargets(ctx, nodeNames.slice(0, 1)).pipe(
    switchMap(({ nodes }) => (nodes.length ? kubeletMetricNames(ctx.client, nodes[0], endpoint) : of([])))
  );
}

/** For the matcher editor: the values one label takes among a metric's samples on one node, sorted. */
export function kubeletLabelValues(
  client: KubeClient,
  node: string,
  endpoint: KubeletEndpoint,
  metric: string,
  label: string
): Observable<string[]> {
  return scrapeNode(client, node, endpoint).pipe(
    map((scrape) => {
      const values = new Set<string>();
      for (const s of selectSeries(scrape.families, metric, [], node).series) {
        const v = s.labels[label];
        if (v !== undefined && Object.prototype.hasOwnProperty.call(s.labels, label)) {
          values.add(v);
        }
      }
      return [...values].sort();
    })
  );
}

function resolveEndpoint(endpoint: string | undefined): KubeletEndpoint {
  if (endpoint === undefined || endpoint === '') {
    return DEFAULT_KUBELET_ENDPOINT;
  }
  if (!(KUBELET_ENDPOINTS as readonly string[]).includes(endpoint)) {
    throw new KubeError({
      kind: 'invalid',
      message: `Unknown kubelet endpoint ${JSON.stringify(endpoint)}`,
      remedy: `Choose one of ${KUBELET_ENDPOINTS.join(', ')} in the query editor.`,
    });
  }
  return endpoint as KubeletEndpoint;
}

function resolveMatchers(text: string | undefined): Matcher[] {
  if (text === undefined) {
    return [];
  }
  try {
    return parseMatchers(text);
  } catch (err) {
    if (err instanceof MatcherSyntaxError) {
      throw new KubeError({
        kind: 'invalid',
        message: err.message,
        remedy:
          'Write matchers as in PromQL, separated by commas: name="value", name!="value", name=~"regex", name!~"regex".',
      });
    }
    throw err;
  }
}

export const kubeletModule: QueryModule<KubeletQuery, ResolvedKubeletQuery> = {
  resolve: (query, vars) => ({
    refId: query.refId,
    nodeNames: vars.names(query.nodeName, 'node'),
    endpoint: resolveEndpoint(query.endpoint),
    metric: vars.text(query.metric),
    matchers: resolveMatchers(vars.text(query.matchers)),
  }),
  run: (ctx, resolved) => runKubeletQuery(ctx, resolved),
  snapshot: (ctx, resolved) => kubeletSnapshot(ctx, resolved),
  sourceKey: (ctx, r) =>
    `${ctx.datasourceUid}/kubelet/${r.endpoint}?nodes=${r.nodeNames.join(',')}` +
    `&metric=${r.metric ?? ''}&matchers=${formatMatchers(r.matchers)}`,
};
