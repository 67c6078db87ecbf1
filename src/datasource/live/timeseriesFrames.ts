import { DataFrame, DataFrameType, DataQueryError, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { SeriesHistory } from './history';
import { Series } from './series';

export interface TimeSeriesFrameOptions {
  /** more notices for the panel, beside the history's own */
  notices?: QueryResultMetaNotice[];
  /** errors to show as error notices in the frames (liveQuery reports them as response errors instead) */
  errors?: DataQueryError[];
}

/** How a series is called in legends: its key and metric, e.g. `node-1 cpu`. */
export function seriesDisplayName(series: Pick<Series, 'key' | 'metric'>): string {
  return `${series.key} ${series.metric}`;
}

/**
 * One frame per series held, with the points in `range` (all points when undefined): Time, then the value
 * (counters as per-second rates). A missed poll is a missing row, never a zero; the time field's interval
 * lets the panel break the line there.
 */
export function timeSeriesFrames(
  history: SeriesHistory,
  range: { from: number; to: number } | undefined,
  refId: string,
  opts: TimeSeriesFrameOptions = {}
): DataFrame[] {
  const from = range?.from ?? -Infinity;
  const to = range?.to ?? Infinity;
  const frames: DataFrame[] = [];
  let awaitingRate = 0;
  for (const series of history.series) {
    if (series.counter && series.points.size === 0) {
      awaitingRate++;
      continue;
    }
    const { times, values } = series.points.copyRange(from, to);
    if (times.length) {
      frames.push(seriesFrame(series, times, values, refId, history.intervalMs));
    }
  }

  const notices: QueryResultMetaNotice[] = [
    ...history.notices,
    ...(opts.notices ?? []),
    ...(opts.errors ?? []).map((e): QueryResultMetaNotice => ({ severity: 'error', text: e.message ?? 'Query error' })),
  ];
  if (awaitingRate > 0) {
    notices.push({
      severity: 'info',
      text: `${awaitingRate} counter series will show a per-second rate from the next poll on (a rate needs two readings).`,
    });
  }
  if (notices.length) {
    if (frames.length) {
      // on the first frame only: the panel lists every frame's notices
      frames[0] = { ...frames[0], meta: { ...frames[0].meta, notices } };
    } else {
      frames.push({ refId, fields: [], length: 0, meta: { type: DataFrameType.TimeSeriesMulti, notices } });
    }
  }
  return frames;
}

function seriesFrame(series: Series, times: number[], values: number[], refId: string, intervalMs: number): DataFrame {
  const displayName = seriesDisplayName(series);
  return {
    refId,
    name: displayName,
    length: times.length,
    meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] },
    fields: [
      { name: 'Time', type: FieldType.time, values: times, config: { interval: intervalMs } },
      {
        name: series.metric,
        type: FieldType.number,
        values,
        labels: { ...series.labels },
        config: { unit: series.unit, displayNameFromDS: displayName },
      },
    ],
  };
}
