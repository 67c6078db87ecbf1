/**
 * The `logs` query type: container logs of one pod, or of every pod a label selector matches (a workload's
 * pods, merged in time order like stern), as one Grafana logs frame. With `live` (or Explore's live tail) it
 * keeps polling and streams new lines (logsTail.ts).
 */
import { DataQueryError, DataQueryResponse, LoadingState, QueryResultMetaNotice } from '@grafana/data';
import { forkJoin, map, Observable, of, switchMap } from 'rxjs';

import { describeKubeError, KubeError } from '../../kube/errors';
import { toQueryError } from '../../kube/queryError';
import { LogsQuery } from '../../types';
import { QueryContext, QueryModule } from '../types';
import { LogRows, mergeByTime } from './logLines';
import { logReadError, podGoneError } from './logsErrors';
import { logsFrame } from './logsFrame';
import { cappedNotice, noticeList } from './logsNotices';
import { readContainerLog } from './logsRead';
import { ResolvedLogsQuery, resolveLogsQuery } from './logsResolve';
import { emptyRows, rowsInRange } from './logsRows';
import { eventRows, eventsFailure, readPodEvents, streamMarkers } from './logsEvents';
import { restartMarkers } from './logsMarkers';
import { tailLogs } from './logsTail';
import { LogTarget, readTargets, TargetsRead } from './logsTargets';

/** Without a time range (and without tailLines) a query reads this many last lines per container. */
export const DEFAULT_TAIL_LINES = 1000;
/** The live tail polls this often unless the context says otherwise. */
export const DEFAULT_LOG_POLL_MS = 2000;
/** Where a snapshot reads from: the time range (sinceTime, then exact bounds here), or the last N lines. */
export interface LogWindow {
  sinceMs?: number;
  fromMs?: number;
  toMs?: number;
  tailLines?: number;
}

export function logWindow(ctx: QueryContext, q: ResolvedLogsQuery): LogWindow {
  if (q.tailLines !== undefined || !ctx.range) {
    return { tailLines: q.tailLines ?? DEFAULT_TAIL_LINES };
  }
  const fromMs = ctx.range.from.valueOf();
  const toMs = ctx.range.to.valueOf();
  return { sinceMs: fromMs, fromMs, toMs };
}

interface StreamResult {
  target: LogTarget;
  rows?: LogRows;
  error?: KubeError;
}

function pickErrors(read: TargetsRead, failed: StreamResult[]): KubeError[] {
  return [...read.gone.map((ref) => podGoneError(ref)), ...read.errors, ...failed.map((r) => r.error!)];
}

/** One response from the pods read and every stream's result. */
export function logsResponse(
  q: ResolvedLogsQuery,
  read: TargetsRead,
  results: StreamResult[],
  state: LoadingState = LoadingState.Done,
  extra: { markers?: LogRows; warnings?: string[] } = {}
): DataQueryResponse {
  const { markers } = extra;
  const ok = results.filter((r) => r.rows);
  const failed = results.filter((r) => r.error);
  const errors = pickErrors(read, failed);
  if (!ok.length && errors.length) {
    const unique = new Map<string, DataQueryError>();
    for (const e of errors) {
      const qe = toQueryError(e, q.refId);
      unique.set(qe.message ?? '', qe);
    }
    const all = [...unique.values()];
    return { data: [], errors: all, key: q.refId, state: LoadingState.Error };
  }
  const notices: QueryResultMetaNotice[] = [];
  for (const e of errors) {
    notices.push({ severity: 'warning', text: describeKubeError(e) });
  }
  for (const text of extra.warnings ?? []) {
    notices.push({ severity: 'warning', text });
  }
  for (const text of read.notices) {
    notices.push({ severity: 'info', text });
  }
  const capped = ok.filter((r) => r.rows!.capped).map((r) => r.target.key);
  if (capped.length) {
    notices.push(cappedNotice(capped, q.limitBytes));
  }
  if (!results.length && !errors.length) {
    const where = q.namespaces.length ? ` in namespace ${q.namespaces.join(', ')}` : '';
    const what = q.labelSelector !== undefined ? `No pod matches ${q.labelSelector}${where}` : 'No pod to read';
    notices.unshift({ severity: 'info', text: `${what}.` });
  }
  const parts = ok.map((r) => r.rows!);
  if (markers?.count) {
    parts.push(markers);
  }
  const frame = logsFrame(mergeByTime(parts), q.refId, { notices: noticeList(notices) });
  return { data: [frame], key: q.refId, state };
}

/** The time of the oldest row read; undefined when nothing was read. */
function earliest(parts: Array<LogRows | undefined>): number | undefined {
  let min: number | undefined;
  for (const rows of parts) {
    if (rows?.count && (min === undefined || rows.timeMs[0] < min)) {
      min = rows.timeMs[0];
    }
  }
  return min;
}

/** The snapshot answer: every stream read once over the window, merged in time order. */
export function runLogsSnapshot(ctx: QueryContext, q: ResolvedLogsQuery): Observable<DataQueryResponse> {
  const win = logWindow(ctx, q);
  return readTargets(ctx.client, q, ctx.concurrency).pipe(
    switchMap((read) => {
      if (!read.targets.length) {
        return of(logsResponse(q, read, []));
      }
      const readOne = (t: LogTarget) =>
        readContainerLog(ctx.client, t, {
          sinceMs: win.sinceMs,
          tailLines: win.tailLines,
          limitBytes: q.limitBytes,
          previous: q.previous,
        }).pipe(map((rows) => rowsInRange(rows, win.fromMs, win.toMs)));
      const events$ = q.events ? readPodEvents(ctx.client, q, ctx.concurrency) : of(undefined);
      return forkJoin([ctx.client.fanOut(read.targets, readOne, ctx.concurrency), events$]).pipe(
        map(([results, podEvents]) => {
          const streams = results.map((r) => ({
            target: r.key,
            rows: r.error ? undefined : (r.value ?? emptyRows()),
            error: r.error ? logReadError(r.error, r.key) : undefined,
          }));
          // "last N lines" has no start: a restart or an event shows when it falls within the lines read
          const fromMs = win.fromMs ?? earliest(streams.map((s) => s.rows));
          const markers = streamMarkers([
            restartMarkers(read.targets, fromMs, win.toMs),
            eventRows(podEvents?.events ?? [], read.targets, fromMs, win.toMs),
          ]);
          const warnings = (podEvents?.failures ?? []).map(eventsFailure);
          return logsResponse(q, read, streams, LoadingState.Done, { markers, warnings });
        })
      );
    })
  );
}

export const logsModule: QueryModule<LogsQuery, ResolvedLogsQuery> = {
  resolve: (query, vars) => resolveLogsQuery(query, vars),
  run: (ctx, resolved) =>
    resolved.live
      ? tailLogs(ctx, resolved, { pollIntervalMs: ctx.pollIntervalMs ?? DEFAULT_LOG_POLL_MS })
      : runLogsSnapshot(ctx, resolved),
};
