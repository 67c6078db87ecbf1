/**
 * The `timeToFull` query: how fast node and image filesystems, PVCs, pods' ephemeral storage and node memory
 * fill, and when they will be full. It reads the sampler's history of the kubelet Summary through the summary
 * module's own pollers (same keys), so a dashboard's summary panels and this query poll each node once, and
 * answers again after every poll (streaming) as the history grows.
 */
import { DataQueryError, DataQueryResponse, LoadingState, QueryResultMetaNotice } from '@grafana/data';
import { combineLatest, map, Observable, of } from 'rxjs';

import { KubeError } from '../../kube/errors';
import { SeriesHistory } from '../../live/history';
import { FillTargetKind, SummaryScope, TimeToFullQuery } from '../../types';
import { kubeletAccessOffResponse } from '../shared/nodeTargets';
import { listNames } from '../shared/format';
import { ResolvedSummaryQuery, summaryModule } from '../summary/summaryQuery';
import { QueryContext, QueryModule } from '../types';
import { FillSources, fillTargets } from './fillTargets';
import { fillRows, KIND_LABELS, timeToFullFrame } from './timeToFullFrame';
import { timeToFullSeriesFrames } from './timeToFullSeries';

export const FILL_KINDS: readonly FillTargetKind[] = ['nodeFs', 'imageFs', 'pvc', 'ephemeral', 'memory'];

/** A time-to-full query after variables were interpolated and every name validated. */
export interface ResolvedTimeToFullQuery {
  refId: string;
  /** empty for every node */
  nodeNames: string[];
  /** narrows PVCs and pods' ephemeral storage; nodes belong to no namespace */
  namespaces: string[];
  kinds: FillTargetKind[];
  /** the fit's window; undefined for all history held */
  windowMs?: number;
  /** table (default), or used bytes and projections as time series */
  format: 'table' | 'timeseries';
}

/** Which Summary scope each kind is read from; ephemeral storage also needs its node's filesystem. */
const SCOPES_OF: Record<FillTargetKind, SummaryScope[]> = {
  nodeFs: ['node'],
  imageFs: ['node'],
  memory: ['node'],
  ephemeral: ['pod', 'node'],
  pvc: ['volume'],
};

/** The summary query whose poller holds a scope's history: the same key a summary panel of it would have. */
export function summarySourceFor(q: ResolvedTimeToFullQuery, scope: SummaryScope): ResolvedSummaryQuery {
  return {
    refId: q.refId,
    nodeNames: q.nodeNames,
    scope,
    namespaces: scope === 'node' ? [] : q.namespaces,
    podNames: [],
  };
}

function watch(ctx: QueryContext, q: ResolvedTimeToFullQuery, scope: SummaryScope): Observable<SeriesHistory> {
  const source = summarySourceFor(q, scope);
  return ctx.watchHistory!(summaryModule.sourceKey!(ctx, source), (pollCtx) =>
    summaryModule.snapshot!(pollCtx, source)
  );
}

export function runTimeToFullQuery(ctx: QueryContext, q: ResolvedTimeToFullQuery): Observable<DataQueryResponse> {
  if (!ctx.kubeletAccess) {
    return of(kubeletAccessOffResponse(q.refId));
  }
  if (!ctx.watchHistory) {
    const message = 'Time to full needs the history the data source samples; this context has no sampler.';
    return of({ data: [], errors: [{ message, refId: q.refId }], key: q.refId });
  }
  const scopes = new Set(q.kinds.flatMap((k) => SCOPES_OF[k]));
  const watched: Partial<Record<'node' | 'pod' | 'volume', Observable<SeriesHistory>>> = {};
  for (const scope of scopes) {
    if (scope === 'node' || scope === 'pod' || scope === 'volume') {
      watched[scope] = watch(ctx, q, scope);
    }
  }
  return combineLatest(watched).pipe(map((sources) => answer(q, sources)));
}

function answer(q: ResolvedTimeToFullQuery, sources: FillSources): DataQueryResponse {
  const histories = [sources.node, sources.pod, sources.volume].filter((h): h is SeriesHistory => Boolean(h));
  const rows = fillRows(fillTargets(sources, new Set(q.kinds), q.windowMs));
  const errors = uniqueBy(
    histories.flatMap((h) => h.errors),
    (e) => e.message ?? ''
  ).map((e): DataQueryError => ({ ...e, refId: q.refId }));
  if (!rows.length && errors.length) {
    return { data: [], errors, key: q.refId, state: LoadingState.Streaming };
  }
  const notices: QueryResultMetaNotice[] = uniqueBy(
    histories.flatMap((h) => h.notices),
    (n) => n.text
  );
  // a poll that failed as a whole after good ones: the rows are from the history held, say so
  for (const e of errors) {
    notices.push({ severity: 'warning', text: e.message ?? 'A poll failed.' });
  }
  const retentionMs = Math.min(...histories.map((h) => h.retentionMs));
  if (q.windowMs && q.windowMs > retentionMs) {
    notices.push({
      severity: 'info',
      text: `The window (${q.windowMs / 60_000} min) is longer than the history the data source keeps (${retentionMs / 60_000} min): the fit uses all history held. Raise the history length in the data source settings for a longer window.`,
    });
  }
  if (!rows.length) {
    notices.push({
      severity: 'info',
      text: `Nothing to project yet for ${listNames(q.kinds.map((k) => KIND_LABELS[k]))}${scopeText(q)}. Check the node and namespace, or wait for the next poll.`,
    });
  }
  const data =
    q.format === 'timeseries'
      ? timeToFullSeriesFrames(rows, q.refId, notices)
      : [timeToFullFrame(rows, q.refId, notices)];
  return { data, key: q.refId, state: LoadingState.Streaming };
}

function scopeText(q: ResolvedTimeToFullQuery): string {
  const parts = [
    q.nodeNames.length ? `node ${q.nodeNames.join(', ')}` : '',
    q.namespaces.length ? `namespace ${q.namespaces.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? ` on ${parts.join(' in ')}` : '';
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

function resolveKinds(kinds: unknown): FillTargetKind[] {
  if (kinds === undefined || (Array.isArray(kinds) && kinds.length === 0)) {
    return [...FILL_KINDS];
  }
  const list = Array.isArray(kinds) ? kinds : [kinds];
  const unknown = list.filter((k) => !(FILL_KINDS as readonly unknown[]).includes(k));
  if (unknown.length) {
    throw new KubeError({
      kind: 'invalid',
      message: `Unknown time-to-full kind ${unknown.map((k) => JSON.stringify(k)).join(', ')}`,
      remedy: `Choose from ${FILL_KINDS.join(', ')} in the query editor.`,
    });
  }
  return FILL_KINDS.filter((k) => list.includes(k));
}

function resolveWindow(seconds: unknown): number | undefined {
  if (seconds === undefined || seconds === null || seconds === '' || seconds === 0) {
    return undefined;
  }
  const n = Number(seconds);
  if (!Number.isFinite(n) || n < 60) {
    throw new KubeError({
      kind: 'invalid',
      message: `The time-to-full window must be at least 60 seconds, got ${JSON.stringify(seconds)}`,
      remedy: 'Set a window of a minute or more, or clear it to fit all the history held.',
    });
  }
  return n * 1000;
}

export const timeToFullModule: QueryModule<TimeToFullQuery, ResolvedTimeToFullQuery> = {
  resolve: (query, vars) => ({
    refId: query.refId,
    nodeNames: vars.names(query.nodeName, 'node'),
    namespaces: vars.names(query.namespace, 'namespace'),
    kinds: resolveKinds(query.kinds),
    windowMs: resolveWindow(query.windowSeconds),
    format: query.format === 'timeseries' ? 'timeseries' : 'table',
  }),
  run: (ctx, resolved) => runTimeToFullQuery(ctx, resolved),
};
