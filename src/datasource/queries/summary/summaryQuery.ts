/**
 * The `summary` query: the kubelet Summary API (stats/summary) of one node, several or all, read through
 * the API server's node proxy. Nodes are asked at once with a bound; a node that fails is left out with a
 * notice naming it, and the query fails only when no node answered.
 */
import { DataQueryResponse, QueryResultMetaNotice } from '@grafana/data';
import { catchError, defer, map, Observable, of, switchMap, throwError } from 'rxjs';

import { DecodeError } from '../../decode/decodeError';
import { decodeSummary } from './summaryDecode';
import { SummarySnapshot } from './summaryTypes';
import { KubeClient } from '../../kube/client';
import { KubeError } from '../../kube/errors';
import { nodeProxyPath } from '../../kube/paths';
import { Snapshot } from '../../live/types';
import { SummaryQuery, SummaryScope } from '../../types';
import {
  allFailedErrors,
  failureNotices,
  kubeletAccessOffError,
  kubeletAccessOffResponse,
  resolveNodeTargets,
  splitOutcomes,
} from '../shared/nodeTargets';
import { asKubeError, toQueryError } from '../../kube/queryError';
import { summaryFrame, SummaryFilter } from './summaryFrame';
import { summarySamples } from './summarySamples';
import { QueryContext, QueryModule } from '../types';

const SCOPES: readonly SummaryScope[] = ['node', 'pod', 'container', 'volume'];

/** A summary query after variables were interpolated and every name validated. */
export interface ResolvedSummaryQuery extends SummaryFilter {
  refId: string;
  /** empty for every node */
  nodeNames: string[];
  scope: SummaryScope;
}

interface SummaryRead {
  snapshots: SummarySnapshot[];
  failures: Array<{ node: string; error: KubeError }>;
  notices: QueryResultMetaNotice[];
}

/** One node's Summary, decoded; a body that is not a Summary fails this node with a message naming it. */
export function fetchSummary(client: KubeClient, node: string): Observable<SummarySnapshot> {
  return defer(() => {
    const path = nodeProxyPath(node, 'stats/summary');
    return client.getText(path).pipe(
      map((text) => decodeSummary(text)),
      catchError((err) => throwError(() => summaryError(err, node, path)))
    );
  });
}

function summaryError(err: unknown, node: string, path: string): KubeError {
  if (err instanceof DecodeError) {
    return new KubeError({
      kind: 'malformed',
      path,
      node,
      message: `The kubelet on node ${node} sent a Summary that cannot be read: ${err.problem}`,
      remedy: `Check the kubelet on ${node} (its version and log); the other nodes are not affected.`,
    });
  }
  return asKubeError(err, path);
}

function readSummaries(ctx: QueryContext, q: ResolvedSummaryQuery): Observable<SummaryRead> {
  return resolveNodeTargets(ctx, q.nodeNames).pipe(
    switchMap(({ nodes, notices }) =>
      ctx.client
        .fanOut(nodes, (node) => fetchSummary(ctx.client, node), ctx.concurrency)
        .pipe(
          map((results): SummaryRead => {
            const { values, failures } = splitOutcomes(results);
            return { snapshots: values.map((v) => v.value), failures, notices };
          })
        )
    )
  );
}

function emptyNotice(q: ResolvedSummaryQuery, rows: number): QueryResultMetaNotice[] {
  if (rows > 0 || q.scope === 'node' || (!q.namespaces.length && !q.podNames.length)) {
    return [];
  }
  const parts = [
    q.namespaces.length ? `namespace ${q.namespaces.join(', ')}` : '',
    q.podNames.length ? `pod ${q.podNames.join(', ')}` : '',
  ].filter(Boolean);
  return [
    {
      severity: 'info',
      text: `No ${q.scope} matches ${parts.join(' and ')} on the nodes that answered. Check the names, or clear the filter.`,
    },
  ];
}

export function runSummaryQuery(ctx: QueryContext, q: ResolvedSummaryQuery): Observable<DataQueryResponse> {
  if (!ctx.kubeletAccess) {
    return of(kubeletAccessOffResponse(q.refId));
  }
  return readSummaries(ctx, q).pipe(
    map((read): DataQueryResponse => {
      if (!read.snapshots.length && read.failures.length) {
        return { data: [], errors: allFailedErrors(read.failures, q.refId), key: q.refId };
      }
      const notices = [...read.notices, ...failureNotices(read.failures)];
      const frame = summaryFrame(q.scope, read.snapshots, q, q.refId);
      const all = [...notices, ...emptyNotice(q, frame.length)];
      frame.meta = { ...frame.meta, notices: all.length ? all : undefined };
      return { data: [frame], key: q.refId };
    }),
    catchError((err) => of<DataQueryResponse>({ data: [], errors: [toQueryError(err, q.refId)], key: q.refId }))
  );
}

/** One poll for time series: the scope's values as samples, counters marked for rates. */
export function summarySnapshot(ctx: QueryContext, q: ResolvedSummaryQuery): Observable<Snapshot> {
  if (!ctx.kubeletAccess) {
    return of({ timeMs: ctx.nowMs, samples: [], errors: [kubeletAccessOffError(q.refId)] });
  }
  return readSummaries(ctx, q).pipe(
    map((read): Snapshot => {
      const allFailed = !read.snapshots.length && read.failures.length > 0;
      const notices = allFailed ? read.notices : [...read.notices, ...failureNotices(read.failures)];
      return {
        timeMs: ctx.nowMs,
        samples: summarySamples(q.scope, read.snapshots, q),
        notices: notices.length ? notices : undefined,
        errors: allFailed ? allFailedErrors(read.failures, q.refId) : undefined,
      };
    }),
    catchError((err) => of<Snapshot>({ timeMs: ctx.nowMs, samples: [], errors: [toQueryError(err, q.refId)] }))
  );
}

function resolveScope(scope: string | undefined): SummaryScope {
  if (scope === undefined || scope === '') {
    return 'node';
  }
  if (!(SCOPES as readonly string[]).includes(scope)) {
    throw new KubeError({
      kind: 'invalid',
      message: `Unknown summary scope ${JSON.stringify(scope)}`,
      remedy: `Choose one of ${SCOPES.join(', ')} in the query editor.`,
    });
  }
  return scope as SummaryScope;
}

export const summaryModule: QueryModule<SummaryQuery, ResolvedSummaryQuery> = {
  resolve: (query, vars) => ({
    refId: query.refId,
    nodeNames: vars.names(query.nodeName, 'node'),
    scope: resolveScope(query.scope),
    namespaces: vars.names(query.namespace, 'namespace'),
    podNames: vars.names(query.podName, 'pod'),
  }),
  run: (ctx, resolved) => runSummaryQuery(ctx, resolved),
  snapshot: (ctx, resolved) => summarySnapshot(ctx, resolved),
  sourceKey: (ctx, r) =>
    `${ctx.datasourceUid}/summary?nodes=${r.nodeNames.join(',')}&scope=${r.scope}` +
    `&ns=${r.namespaces.join(',')}&pods=${r.podNames.join(',')}`,
};
