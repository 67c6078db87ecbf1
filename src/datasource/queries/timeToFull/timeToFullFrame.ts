/**
 * The time-to-full table: one row per target with its use, fill rate and outlook, soonest to fill first.
 * Numbers carry Grafana units (bytes, Bps, s, percent) so panels format and threshold them.
 */
import { DataFrame, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { FillTargetKind } from '../../types';
import { Column, tableFrame } from '../summary/summaryFrame';
import { FillProjection, FillStatus, projectFill } from './fillProjection';
import { FillTarget } from './fillTargets';

export const KIND_LABELS: Record<FillTargetKind, string> = {
  nodeFs: 'Node filesystem',
  imageFs: 'Image filesystem',
  pvc: 'PVC',
  ephemeral: 'Ephemeral storage',
  memory: 'Memory',
};

export interface FillRow extends FillTarget, FillProjection {
  usedPercent?: number;
}

/** Each target with its projection, soonest first: full, then filling by time, then the rest, fullest first. */
export function fillRows(targets: readonly FillTarget[]): FillRow[] {
  return targets
    .map((t): FillRow => {
      const projection = projectFill(t.used, t.fullAt ?? NaN, t.usedNow, t.asOfMs);
      const usedPercent = t.capacity ? (100 * t.usedNow) / t.capacity : undefined;
      return { ...t, ...projection, usedPercent };
    })
    .sort(bySoonest);
}

const STATUS_ORDER: Record<FillStatus, number> = { full: 0, filling: 1, noTrend: 2, notFilling: 3, waiting: 4 };

function bySoonest(a: FillRow, b: FillRow): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    (a.secondsToFull ?? 0) - (b.secondsToFull ?? 0) ||
    (b.usedPercent ?? -1) - (a.usedPercent ?? -1) ||
    a.node.localeCompare(b.node) ||
    (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
    (a.pvc ?? a.pod ?? '').localeCompare(b.pvc ?? b.pod ?? '')
  );
}

const text = (name: string, displayName: string, get: (r: FillRow) => string | undefined): Column<FillRow> => ({
  name,
  displayName,
  type: FieldType.string,
  get,
});
const num = (
  name: string,
  displayName: string,
  unit: string,
  get: (r: FillRow) => number | undefined,
  decimals?: number
): Column<FillRow> => ({ name, displayName, type: FieldType.number, unit, decimals, get });

export const FILL_COLUMNS: ReadonlyArray<Column<FillRow>> = [
  text('kind', 'Kind', (r) => KIND_LABELS[r.kind]),
  text('node', 'Node', (r) => r.node),
  text('namespace', 'Namespace', (r) => r.namespace),
  text('pod', 'Pod', (r) => r.pod),
  text('pvc', 'PVC', (r) => r.pvc),
  text('volume', 'Volume', (r) => r.volume),
  num('used', 'Used', 'bytes', (r) => r.usedNow),
  num('capacity', 'Capacity', 'bytes', (r) => r.capacity),
  num('usedPercent', 'Used %', 'percent', (r) => r.usedPercent, 1),
  num('rate', 'Fill rate', 'Bps', (r) => r.ratePerSecond),
  num('timeToFull', 'Time to full', 's', (r) => r.secondsToFull),
  { name: 'fullAt', displayName: 'Full at', type: FieldType.time, get: (r) => r.fullAtMs },
  text('outlook', 'Outlook', (r) => r.outlook),
  text('confidence', 'Confidence', (r) => r.confidence),
];

export function timeToFullFrame(
  rows: readonly FillRow[],
  refId: string,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  return tableFrame(rows, FILL_COLUMNS, 'time to full', refId, notices);
}
