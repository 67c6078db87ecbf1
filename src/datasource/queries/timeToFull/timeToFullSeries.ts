/**
 * The time-to-full query as time series (format 'timeseries'): each target's used bytes over the window, and
 * for one that fills, its projection as a second series from the fitted line at the latest reading to the
 * capacity at the moment of full, so a panel shows where the line is heading.
 */
import { DataFrame, DataFrameType, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { FillRow, KIND_LABELS } from './timeToFullFrame';

/** "PVC shop/data-web-0", "Node filesystem node-1", "Ephemeral storage shop/web-0" */
export function targetName(r: FillRow): string {
  const what = r.pvc ? `${r.namespace}/${r.pvc}` : r.pod ? `${r.namespace}/${r.pod}` : r.node;
  return `${KIND_LABELS[r.kind]} ${what}`;
}

function labelsOf(r: FillRow): Record<string, string> {
  const labels: Record<string, string> = { kind: r.kind, node: r.node };
  for (const k of ['namespace', 'pod', 'pvc'] as const) {
    const v = r[k];
    if (v) {
      labels[k] = v;
    }
  }
  return labels;
}

function frame(
  refId: string,
  name: string,
  times: number[],
  values: number[],
  labels: Record<string, string>
): DataFrame {
  return {
    refId,
    name,
    length: times.length,
    meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] },
    fields: [
      { name: 'Time', type: FieldType.time, values: times, config: {} },
      {
        name: 'used',
        type: FieldType.number,
        values,
        labels,
        config: { unit: 'bytes', displayNameFromDS: name },
      },
    ],
  };
}

/** Used bytes of every row, and the projection of every filling one; the rows' order is kept. */
export function timeToFullSeriesFrames(
  rows: readonly FillRow[],
  refId: string,
  notices: QueryResultMetaNotice[] = []
): DataFrame[] {
  const frames: DataFrame[] = [];
  for (const r of rows) {
    const name = targetName(r);
    const labels = labelsOf(r);
    frames.push(frame(refId, `${name} used`, Array.from(r.used.times), Array.from(r.used.values), labels));
    if (r.status === 'filling' && r.lineFrom && r.fullAtMs !== undefined && r.fullAt !== undefined) {
      frames.push(
        frame(refId, `${name} projected`, [r.lineFrom.timeMs, r.fullAtMs], [r.lineFrom.value, r.fullAt], {
          ...labels,
          projection: 'true',
        })
      );
    }
  }
  if (notices.length) {
    if (frames.length) {
      frames[0] = { ...frames[0], meta: { ...frames[0].meta, notices } };
    } else {
      frames.push({ refId, fields: [], length: 0, meta: { type: DataFrameType.TimeSeriesMulti, notices } });
    }
  }
  return frames;
}
