/**
 * Where outliers and right-sizing read from: the pods query polled at container level through the sampler (so
 * the poller and its history are shared with pods time-series panels of the same namespaces and selector), and
 * the Pod objects with their workloads resolved (restarts, requests and limits in effect, owners), read again
 * with each update. One list per namespace, bounded fan-out; a namespace that fails is kept as a failure.
 */
import { DataQueryResponse, LoadingState } from '@grafana/data';
import { catchError, map, Observable, of, switchMap } from 'rxjs';

import { KubeClient } from '../../kube/client';
import { podsPath } from '../../kube/paths';
import { toQueryError } from '../../kube/queryError';
import { OwnerIndex, readOwnerIndex } from './owners';
import { decodePodList, PodInfo } from './podObjects';
import { podsModule, ResolvedPodsQuery } from './podsQuery';
import { UsageWindow, usageFromHistory, usageFromSnapshot } from '../shared/containerUsage';
import { ListFailure, listInNamespaces } from '../shared/namespacedList';
import { QueryContext } from '../types';

/** The container-level pods query whose history is read. */
export function usagePodsQuery(refId: string, namespaces: string[], labelSelector?: string): ResolvedPodsQuery {
  return { refId, namespaces, nodeNames: [], labelSelector, groupBy: 'container' };
}

/**
 * The usage of the pods matching the query, right away from one poll and again after each poll while
 * subscribed. Without a sampler (a context that has none) it is one poll.
 */
export function watchContainerUsage(ctx: QueryContext, q: ResolvedPodsQuery): Observable<UsageWindow> {
  const poll = (pollCtx: QueryContext) => podsModule.snapshot!(pollCtx, q);
  if (!ctx.watchHistory) {
    return poll(ctx).pipe(map(usageFromSnapshot));
  }
  return ctx.watchHistory(podsModule.sourceKey!(ctx, q), poll).pipe(map(usageFromHistory));
}

export interface PodObjectsRead {
  pods: PodInfo[];
  index: OwnerIndex;
  failures: ListFailure[];
  /** malformed values left out */
  problems: string[];
}

export function readPodObjects(
  client: KubeClient,
  namespaces: readonly string[],
  labelSelector: string | undefined,
  concurrency: number
): Observable<PodObjectsRead> {
  return listInNamespaces<unknown>(client, podsPath, namespaces, { labelSelector }, concurrency).pipe(
    switchMap((list) => {
      const decoded = decodePodList({ items: list.items });
      return readOwnerIndex(client, decoded.items, namespaces, concurrency).pipe(
        map((index): PodObjectsRead => ({
          pods: decoded.items,
          index,
          failures: list.failures,
          problems: decoded.problems,
        }))
      );
    })
  );
}

/**
 * An answer built from the pods' usage history and their Pod objects: after every poll the pods are read again
 * (restarts move, pods come and go) and `respond` frames both. Streaming while the sampler polls; one answer without
 * a sampler. A failure is this query's error.
 */
export function watchUsageAnswer(
  ctx: QueryContext,
  q: { refId: string; namespaces: string[]; labelSelector?: string },
  respond: (window: UsageWindow, read: PodObjectsRead, state: LoadingState) => DataQueryResponse
): Observable<DataQueryResponse> {
  const state = ctx.watchHistory ? LoadingState.Streaming : LoadingState.Done;
  return watchContainerUsage(ctx, usagePodsQuery(q.refId, q.namespaces, q.labelSelector)).pipe(
    switchMap((window) =>
      readPodObjects(ctx.client, q.namespaces, q.labelSelector, ctx.concurrency).pipe(
        map((read) => respond(window, read, state))
      )
    ),
    catchError((err) => of<DataQueryResponse>({ data: [], errors: [toQueryError(err, q.refId)], key: q.refId }))
  );
}
