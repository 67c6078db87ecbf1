/**
 * The `rightsizing` query: each container's usage over the sampler's history (p50, p95, max) against the
 * requests and limits in effect, with suggested values and a resize command; or per namespace, what the
 * suggestions would free or add. Usage comes from the pods query's container-level history, shared with pods
 * time-series panels of the same scope; the Pod objects are read again with every update. Streams.
 */
import { DataQueryResponse, LoadingState, QueryResultMetaNotice } from '@grafana/data';
import { Observable } from 'rxjs';

import { describeKubeError } from '../../kube/errors';
import { KubeError } from '../../kube/kubeError';
import { RightSizingQuery } from '../../types';
import type { VariableResolver } from '../../variableTypes';
import { ownerNotices } from '../pods/owners';
import { durationText, UsageWindow, windowText } from '../shared/containerUsage';
import { allFailed, failureErrors, failureNotice } from '../shared/namespacedList';
import { PodObjectsRead, watchUsageAnswer } from '../pods/podsUsage';
import { QueryContext, QueryModule } from '../types';
import { containerSizingFrame, namespaceSizingFrame } from './rightsizingFrame';
import { LIMIT_HEADROOM, MIN_SAMPLES, REQUEST_HEADROOM } from './sizing';
import { namespaceSizing, sizingRows } from './sizingRows';

const GROUP_BYS = ['container', 'namespace'] as const;

export interface ResolvedRightSizingQuery {
  refId: string;
  namespaces: string[];
  labelSelector?: string;
  groupBy: 'container' | 'namespace';
}

export function resolveRightSizingQuery(query: RightSizingQuery, vars: VariableResolver): ResolvedRightSizingQuery {
  const groupBy = query.groupBy || 'container';
  if (!GROUP_BYS.includes(groupBy)) {
    throw new KubeError({
      kind: 'invalid',
      message: `Unknown group by ${JSON.stringify(groupBy)}`,
      remedy: `Choose one of ${GROUP_BYS.join(', ')} in the query editor.`,
    });
  }
  return {
    refId: query.refId,
    namespaces: vars.names(query.namespace, 'namespace'),
    labelSelector: vars.text(query.labelSelector),
    groupBy,
  };
}

const pct = (f: number) => `${Math.round((f - 1) * 100)} %`;

/** What the suggestions rest on, and (too little history) that they wait for more. */
function historyNotices(window: UsageWindow): QueryResultMetaNotice[] {
  const rule =
    `Requests are suggested at p95 + ${pct(REQUEST_HEADROOM)}, memory limits (and CPU limits, where one is set) ` +
    `at max + ${pct(LIMIT_HEADROOM)}, rounded up.`;
  if (window.samples >= MIN_SAMPLES) {
    return [{ severity: 'info', text: `Usage over ${windowText(window)}. ${rule}` }];
  }
  const wait = window.intervalMs
    ? ` (about ${durationText((MIN_SAMPLES - window.samples) * window.intervalMs)} more)`
    : '';
  return [
    {
      severity: 'warning',
      text:
        `Only ${windowText(window)} so far: suggestions need ${MIN_SAMPLES} samples${wait}. ` +
        `Usage is shown; suggestions stay empty until then. ${rule}`,
    },
  ];
}

/** Usage and Pod objects to the answer. Pure. */
export function rightSizingResponse(
  q: ResolvedRightSizingQuery,
  window: UsageWindow,
  read: PodObjectsRead,
  state: LoadingState
): DataQueryResponse {
  if (allFailed(read.failures, q.namespaces)) {
    return { data: [], errors: failureErrors(read.failures, q.refId), key: q.refId, state };
  }
  if (window.failure) {
    return { data: [], errors: [{ message: window.failure, refId: q.refId }], key: q.refId, state };
  }
  const notices: QueryResultMetaNotice[] = [
    ...historyNotices(window),
    ...window.notices,
    ...failureNotice(read.failures),
    ...ownerNotices(read.pods, read.index, describeKubeError),
  ];
  const rows = sizingRows(read.pods, read.index, window);
  if (!rows.length) {
    notices.push({
      severity: 'info',
      text: 'No running container here has usage yet. Check the namespace and selector, and that metrics-server runs.',
    });
  }
  const frame =
    q.groupBy === 'namespace'
      ? namespaceSizingFrame(namespaceSizing(rows), q.refId, notices)
      : containerSizingFrame(rows, q.refId, notices);
  return { data: [frame], key: q.refId, state };
}

export function runRightSizingQuery(ctx: QueryContext, q: ResolvedRightSizingQuery): Observable<DataQueryResponse> {
  return watchUsageAnswer(ctx, q, (window, read, state) => rightSizingResponse(q, window, read, state));
}

export const rightSizingModule: QueryModule<RightSizingQuery, ResolvedRightSizingQuery> = {
  resolve: resolveRightSizingQuery,
  run: (ctx, resolved) => runRightSizingQuery(ctx, resolved),
};
