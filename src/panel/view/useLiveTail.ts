import { useEffect, useMemo, useRef } from 'react';
import type { DataFrame, PanelData, QueryResultMetaNotice } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

import { TailBoundary } from '../model/tailDedup';
import {
  absoluteRange,
  byDataSource,
  endsNow,
  type Requery,
  requery,
  SNAPSHOT_LOG_SOURCES,
  targetType,
} from './requery';

export interface LiveTailInput {
  data: PanelData;
  /** seconds between re-queries; 0 turns the live tail off */
  seconds: number;
  /** the reader follows the newest line (paused: no re-queries) */
  following: boolean;
  /** hands new lines to the store */
  onFrames: (kind: 'tail', frames: DataFrame[]) => void;
  /** sets or clears the live tail's notice (a failed re-query) */
  onNotice: (kind: 'tail', notice: QueryResultMetaNotice | undefined) => void;
}

/** The targets that return snapshots (Loki, Elasticsearch): the ones the panel tails itself. */
export function tailTargets(data: PanelData): DataQuery[] {
  return (data.request?.targets ?? []).filter((t) => !t.hide && SNAPSHOT_LOG_SOURCES.includes(targetType(t) ?? ''));
}

/**
 * Loki read oldest first: when more lines than the query's limit arrived since the last poll, Loki gives the
 * earliest ones and the next poll goes on from there (backward, the default, would give the latest and skip
 * the rest). Versions of Grafana whose Loki has no direction ignore the field.
 */
function forward(target: DataQuery): DataQuery {
  return targetType(target) === 'loki' ? ({ ...target, direction: 'forward' } as DataQuery) : target;
}

/** Why the live tail is not running, or undefined while it is. */
export function tailIdle(
  data: PanelData,
  seconds: number,
  following: boolean,
  targets: DataQuery[]
): string | undefined {
  if (!(seconds > 0)) {
    return 'off';
  }
  if (targets.length === 0) {
    return 'no Loki or Elasticsearch query';
  }
  if (!endsNow(data)) {
    return 'the time range does not end now';
  }
  return following ? undefined : 'paused';
}

/**
 * Live tail for data sources that do not stream into dashboards (Grafana offers none there: grafana#77551).
 * While the reader follows and the dashboard shows "now", re-runs the panel's Loki and Elasticsearch queries
 * every `seconds` from the newest line held to now and hands on only the lines not held yet (lines at the
 * boundary come again: see model/tailDedup.ts). A failed re-query becomes a notice and the next one starts from
 * the same line, so nothing is skipped. Stops on unmount, pause, a range not ending now, or a new query.
 * Returns why it is idle (undefined while tailing).
 */
export function useLiveTail({ data, seconds, following, onFrames, onNotice }: LiveTailInput): string | undefined {
  const requestId = data.request?.requestId;
  const targets = useMemo(() => tailTargets(data), [data]);
  const idle = tailIdle(data, seconds, following, targets);
  // the boundaries outlive pauses: resuming goes on from the newest line tailed, not the dashboard's result;
  // one per data source, so one that fails is asked again from its own newest line while the others go on
  const boundaries = useRef<{ requestId?: string; bySource: Map<string, TailBoundary> } | undefined>(undefined);
  // the poll reads the newest props without restarting its timer on every render
  const latest = useRef({ data, targets, onFrames, onNotice });
  useEffect(() => {
    latest.current = { data, targets, onFrames, onNotice };
  });

  useEffect(() => {
    if (idle !== undefined || !latest.current.data.request) {
      return;
    }
    if (!boundaries.current || boundaries.current.requestId !== requestId) {
      boundaries.current = { requestId, bySource: new Map() };
    }
    const bySource = boundaries.current.bySource;
    /**
     * Each data source's boundary, having seen the dashboard's lines of its targets: a re-query's copies of them
     * are not new (seen again before each poll: a result still loading when tailing began may have grown since).
     */
    const sources = () =>
      byDataSource(latest.current.targets).map((g) => {
        const key = g.ref.uid ?? g.ref.type ?? '';
        const newer = bySource.get(key) ?? new TailBoundary('newer');
        bySource.set(key, newer);
        const refIds = new Set(g.targets.map((t) => t.refId));
        newer.see(latest.current.data.series.filter((f) => refIds.has(f.refId ?? '')));
        return { ...g, newer };
      });
    sources();

    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: Requery[] = [];
    let stopped = false;
    let polls = 0;
    // before any line: from the end of the last range asked (the dashboard's at first)
    let lastTo = latest.current.data.timeRange.to.valueOf();

    const poll = async () => {
      const groups = sources();
      const request = latest.current.data.request!;
      const to = Date.now();
      polls += 1;
      running = groups.map(({ ref, targets: tailed, newer }) =>
        requery(
          request,
          ref,
          tailed.map(forward),
          absoluteRange(newer.time === newer.time ? newer.time : lastTo, to),
          `${requestId ?? 'panel'}-tail-${polls}`
        )
      );
      const results = await Promise.all(running.map((r) => r.done));
      running = [];
      if (stopped) {
        return;
      }
      const errors = results.flatMap((r) => r.errors);
      // a failed source keeps its boundary (its frames, if any, are not trusted to be complete)
      const fresh = results.flatMap((r, i) => (r.errors.length ? [] : groups[i].newer.take(r.frames)));
      if (fresh.length > 0) {
        latest.current.onFrames('tail', fresh);
      }
      if (errors.length === 0) {
        lastTo = to;
      }
      latest.current.onNotice(
        'tail',
        errors.length
          ? {
              severity: 'warning',
              text: `Live tail: ${errors.join('; ')}. Trying again in ${seconds} s from the newest line held.`,
            }
          : undefined
      );
      timer = setTimeout(poll, seconds * 1000);
    };
    timer = setTimeout(poll, seconds * 1000);
    return () => {
      stopped = true;
      clearTimeout(timer);
      running.forEach((r) => r.cancel());
    };
  }, [idle, seconds, requestId]);

  return idle;
}
