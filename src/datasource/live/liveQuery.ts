import { DataQueryError, DataQueryResponse, LoadingState } from '@grafana/data';
import { map, Observable, take } from 'rxjs';

import { toQueryError } from '../kube/queryError';
import { SeriesHistory } from './history';
import { Sampler } from './sampler';
import { timeSeriesFrames } from './timeseriesFrames';
import { LiveSource } from './types';

export interface LiveQueryOptions {
  refId: string;
  /** the panel's time range (ms); undefined for everything held */
  range?: { from: number; to: number };
  /** keep streaming every poll until unsubscribed */
  live: boolean;
}

/**
 * A time-series query answered from the sampler. Not live: what is held for the range at once (after the
 * first poll when nothing is held yet), then complete. Live: a Streaming response on every poll, with the
 * range sliding to the newest poll, until unsubscribed. Failed polls become response errors beside the
 * history already held.
 */
export function liveQuery(sampler: Sampler, source: LiveSource, opts: LiveQueryOptions): Observable<DataQueryResponse> {
  const history$ = sampler.watch(source);
  if (!opts.live) {
    return history$.pipe(
      take(1),
      map((h) => historyResponse(h, opts.range, opts.refId, LoadingState.Done))
    );
  }
  return history$.pipe(map((h) => historyResponse(h, slidingRange(opts.range, h), opts.refId, LoadingState.Streaming)));
}

/** A history as one query's response. */
export function historyResponse(
  history: SeriesHistory,
  range: { from: number; to: number } | undefined,
  refId: string,
  state: LoadingState
): DataQueryResponse {
  const errors: DataQueryError[] = history.errors.map((e) => ({ ...e, refId }));
  if (history.pollError !== undefined) {
    errors.push(toQueryError(history.pollError, refId));
  }
  return {
    data: timeSeriesFrames(history, range, refId),
    errors: errors.length ? errors : undefined,
    key: refId,
    state,
  };
}

/** The same width, ending at the newest poll once time has moved past the range's end. */
function slidingRange(
  range: { from: number; to: number } | undefined,
  history: SeriesHistory
): { from: number; to: number } | undefined {
  if (!range || history.lastPollMs === undefined || history.lastPollMs <= range.to) {
    return range;
  }
  const shift = history.lastPollMs - range.to;
  return { from: range.from + shift, to: range.to + shift };
}
