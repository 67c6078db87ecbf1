import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DataFrame, PanelData, QueryResultMetaNotice } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

import type { LogStore } from '../model/logStore';
import { countRows, newestRows, TailBoundary } from '../model/tailDedup';
import {
  absoluteRange,
  byDataSource,
  KUBEGLANCE_DS_TYPE,
  type Requery,
  requery,
  SNAPSHOT_LOG_SOURCES,
  targetType,
} from './requery';

/** The shortest span asked for before the oldest line: a minute. */
const MIN_SPAN_MS = 60_000;

export type OlderState =
  /** nothing asked yet, or the last load added lines */
  | { kind: 'ready' }
  | { kind: 'loading' }
  /** the last load found nothing between `from` and `to` (the next one looks before `from`) */
  | { kind: 'end'; from: number; to: number; podLogs: boolean }
  /** the panel holds maxLines: older lines would push out newer ones */
  | { kind: 'full'; maxLines: number }
  | { kind: 'error'; message: string }
  /** no query the panel can run over an earlier range */
  | { kind: 'unsupported' };

export interface OlderLinesInput {
  data: PanelData;
  store: LogStore;
  maxLines: number;
  onFrames: (kind: 'older', frames: DataFrame[]) => void;
  onNotice: (kind: 'older', notice: QueryResultMetaNotice | undefined) => void;
}

/** Our logs queries, Loki's and Elasticsearch's: the ones that can be asked for an earlier range. */
export function olderTargets(data: PanelData): DataQuery[] {
  return (data.request?.targets ?? []).filter((t) => {
    if (t.hide) {
      return false;
    }
    const type = targetType(t);
    return type === KUBEGLANCE_DS_TYPE
      ? (t as DataQuery & { queryType?: string }).queryType === 'logs'
      : SNAPSHOT_LOG_SOURCES.includes(type ?? '');
  });
}

/**
 * The same targets asking for the range before the oldest line. Ours drop tailLines (which ignores the range)
 * and live; the pod log API has no "until", so our data source reads from `sinceTime` on and keeps the lines
 * up to the range's end, cut at limitBytes per container (its notice says so).
 */
function earlierTargets(targets: DataQuery[]): DataQuery[] {
  return targets.map((t) => {
    const type = targetType(t);
    if (type === KUBEGLANCE_DS_TYPE) {
      return { ...t, tailLines: undefined, live: false } as DataQuery;
    }
    // Loki newest first: the lines nearest those held, when the span holds more than the query's limit
    return type === 'loki' ? ({ ...t, direction: 'backward' } as DataQuery) : t;
  });
}

/**
 * "Load older lines": re-runs the panel's logs queries over the span before the oldest line held and hands on
 * the lines not held yet. Older lines never push out newer ones: a load adds at most as many as maxLines leaves
 * room for (the newest of them, next to what is held), and a full panel says so instead.
 */
export function useOlderLines({ data, store, maxLines, onFrames, onNotice }: OlderLinesInput) {
  const requestId = data.request?.requestId;
  const targets = useMemo(() => olderTargets(data), [data]);
  const [state, setState] = useState<{ requestId?: string; value: OlderState }>({
    requestId,
    value: { kind: 'ready' },
  });
  const boundary = useRef<{ requestId?: string; older: TailBoundary } | undefined>(undefined);
  const running = useRef<Requery[]>([]);
  /** after a load that found nothing: where the next one ends, further back */
  const emptyFrom = useRef<{ requestId?: string; at: number } | undefined>(undefined);
  useEffect(() => () => running.current.forEach((r) => r.cancel()), []);

  const supported = targets.length > 0 && data.request !== undefined;
  let value: OlderState = state.requestId === requestId ? state.value : { kind: 'ready' };
  if (!supported) {
    value = { kind: 'unsupported' };
  } else if (value.kind !== 'loading' && (store.length >= maxLines || store.dropped > 0)) {
    value = { kind: 'full', maxLines };
  }

  const load = useCallback(async () => {
    if (!data.request || store.length === 0 || store.length >= maxLines) {
      return;
    }
    if (!boundary.current || boundary.current.requestId !== requestId) {
      boundary.current = { requestId, older: new TailBoundary('older') };
      const refIds = new Set(targets.map((t) => t.refId));
      boundary.current.older.see(data.series.filter((f) => refIds.has(f.refId ?? '')));
    }
    const older = boundary.current.older;
    // lines without a usable time sort first: the oldest line is the first one with a time
    let first = 0;
    while (first < store.length && !Number.isFinite(store.times[first])) {
      first++;
    }
    if (first === store.length) {
      return;
    }
    const oldest = Math.min(store.times[first], older.time === older.time ? older.time : Infinity);
    const newest = store.times[store.length - 1];
    const empty = emptyFrom.current;
    const to = empty && empty.requestId === requestId ? Math.min(empty.at, oldest) : oldest;
    const range = data.timeRange.to.valueOf() - data.timeRange.from.valueOf();
    const set = (v: OlderState) => setState({ requestId, value: v });
    set({ kind: 'loading' });
    const ours = targets.filter((t) => targetType(t) === KUBEGLANCE_DS_TYPE);
    // ours read forward from sinceTime under a byte cap: ask for as much as is held, not the whole range
    const span = Math.max(MIN_SPAN_MS, ours.length > 0 ? newest - oldest : range);
    const from = to - span;
    // `to` is the oldest line's time itself: lines in that same millisecond not held yet come too
    running.current = byDataSource(earlierTargets(targets)).map((g) =>
      requery(data.request!, g.ref, g.targets, absoluteRange(from, to), `${requestId ?? 'panel'}-older`)
    );
    const results = await Promise.all(running.current.map((r) => r.done));
    running.current = [];
    const errors = results.flatMap((r) => r.errors);
    const frames = results.flatMap((r) => r.frames);
    const fresh = newestRows(older.filter(frames), maxLines - store.length);
    older.advance(fresh);
    if (fresh.length > 0) {
      onFrames('older', fresh);
    }
    // a byte cap or a pod gone: what the data source noted about the earlier span (and errors beside lines
    // loaded; an error with nothing loaded is said in the bar)
    const notes = [
      ...(fresh.length > 0 ? errors : []),
      ...frames.flatMap((f) => f.meta?.notices ?? []).map((n) => n.text),
    ];
    onNotice('older', notes.length ? { severity: 'warning', text: `Older lines: ${notes.join('; ')}` } : undefined);
    if (errors.length && countRows(fresh) === 0) {
      set({ kind: 'error', message: errors.join('; ') });
    } else if (countRows(fresh) === 0) {
      emptyFrom.current = { requestId, at: from };
      set({ kind: 'end', from, to, podLogs: ours.length > 0 });
    } else {
      emptyFrom.current = undefined;
      set({ kind: 'ready' });
    }
  }, [data, store, maxLines, targets, requestId, onFrames, onNotice]);

  return { state: value, load };
}
