/**
 * The `outliers` query: pods that behave unlike their workload's siblings. Usage comes from the sampler's
 * history of the pods query at container level (shared with pods time-series panels of the same scope);
 * restarts and owners from the Pod objects, read again with every update. The answer streams: right away from
 * one poll, then after every poll.
 */
import { DataQueryResponse, LoadingState, QueryResultMetaNotice } from '@grafana/data';
import { Observable } from 'rxjs';

import { describeKubeError } from '../../kube/errors';
import { KubeError } from '../../kube/kubeError';
import { OutlierSignal, OutliersQuery } from '../../types';
import type { VariableResolver } from '../../variableTypes';
import { ownerNotices } from '../pods/owners';
import { UsageWindow, windowText } from '../shared/containerUsage';
import { allFailed, failureErrors, failureNotice } from '../shared/namespacedList';
import { PodObjectsRead, watchUsageAnswer } from '../pods/podsUsage';
import { QueryContext, QueryModule } from '../types';
import { workloadsOf } from './outlierInputs';
import { MIN_PODS, scoreWorkloads, TOLERANCE } from './outlierScoring';
import { outliersFrame } from './outliersFrame';

const SIGNALS: readonly OutlierSignal[] = ['cpu', 'memory', 'restarts', 'errors'];
const DEFAULT_SIGNALS: readonly OutlierSignal[] = ['cpu', 'memory', 'restarts'];

export interface ResolvedOutliersQuery {
  refId: string;
  /** empty for all namespaces */
  namespaces: string[];
  labelSelector?: string;
  signals: OutlierSignal[];
  showAll: boolean;
}

export function resolveOutliersQuery(query: OutliersQuery, vars: VariableResolver): ResolvedOutliersQuery {
  const signals = query.signals?.length ? query.signals : DEFAULT_SIGNALS;
  const unknown = signals.filter((s) => !SIGNALS.includes(s));
  if (unknown.length) {
    throw new KubeError({
      kind: 'invalid',
      message: `Unknown signal ${unknown.map((s) => JSON.stringify(s)).join(', ')}`,
      remedy: `Choose among ${SIGNALS.join(', ')} in the query editor.`,
    });
  }
  return {
    refId: query.refId,
    namespaces: vars.names(query.namespace, 'namespace'),
    labelSelector: vars.text(query.labelSelector),
    signals: [...new Set(signals)],
    showAll: query.showAll === true,
  };
}

const SIGNAL_WORDS: Record<OutlierSignal, string> = {
  cpu: 'CPU',
  memory: 'memory',
  restarts: 'restarts',
  errors: 'log error rate',
};

/** Usage and Pod objects to the answer: one table, and notices saying what it rests on. Pure. */
export function outliersResponse(
  q: ResolvedOutliersQuery,
  window: UsageWindow,
  read: PodObjectsRead,
  state: LoadingState
): DataQueryResponse {
  if (allFailed(read.failures, q.namespaces)) {
    return { data: [], errors: failureErrors(read.failures, q.refId), key: q.refId, state };
  }
  const signals = q.signals.filter((s) => s !== 'errors');
  const notices: QueryResultMetaNotice[] = [];
  const usageSignals = signals.filter((s) => s === 'cpu' || s === 'memory');
  if (usageSignals.length) {
    notices.push({
      severity: 'info',
      text:
        `CPU and memory are each pod's mean over ${windowText(window)}; restarts are the pods' counts now. ` +
        `A pod is an outlier above a score of ${TOLERANCE} (distance from its workload's median in scaled MADs).`,
    });
  }
  if (window.failure && usageSignals.length) {
    const left = signals.includes('restarts') ? 'Only restarts are compared.' : 'Nothing can be compared until it is.';
    notices.push({ severity: 'warning', text: `${window.failure}. ${left}` });
  }
  if (q.signals.includes('errors')) {
    notices.push({
      severity: 'info',
      text:
        'The log error rate is not compared: it would read every pod\u2019s logs at every poll. ' +
        'Use the logs query of a workload to see its errors.',
    });
  }
  notices.push(
    ...window.notices,
    ...failureNotice(read.failures),
    ...ownerNotices(read.pods, read.index, describeKubeError)
  );
  const workloads = workloadsOf(read.pods, read.index, window, signals);
  const compared = workloads.filter((w) => w.pods.length >= MIN_PODS);
  const scores = scoreWorkloads(compared, signals, q.showAll);
  if (!compared.length) {
    notices.push({
      severity: 'info',
      text: `No Deployment, StatefulSet, DaemonSet or Job here has ${MIN_PODS} or more pods to compare. Widen the namespace or selector.`,
    });
  } else if (signals.length && !scores.some((s) => s.outlier)) {
    notices.push({
      severity: 'info',
      text: `No outliers: every pod of ${compared.length} workload(s) is within ${TOLERANCE} of its siblings on ${signals.map((s) => SIGNAL_WORDS[s]).join(', ')}.`,
    });
  }
  return { data: [outliersFrame(scores, q.refId, notices)], key: q.refId, state };
}

export function runOutliersQuery(ctx: QueryContext, q: ResolvedOutliersQuery): Observable<DataQueryResponse> {
  return watchUsageAnswer(ctx, q, (window, read, state) => outliersResponse(q, window, read, state));
}

export const outliersModule: QueryModule<OutliersQuery, ResolvedOutliersQuery> = {
  resolve: resolveOutliersQuery,
  run: (ctx, resolved) => runOutliersQuery(ctx, resolved),
};
