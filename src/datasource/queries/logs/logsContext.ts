/**
 * Log context (DataSourceWithLogsContextSupport): the lines before or after one line, read again from the same
 * pod and container. The log API cannot read "up to a time", so the lines before are read from a window
 * that ends at the line and grows until it holds enough of them; the lines after are read from the line's second.
 */
import {
  DataQueryResponse,
  LoadingState,
  LogRowContextOptions,
  LogRowContextQueryDirection,
  LogRowModel,
} from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { LogRows, LogStreamLabels } from './logLines';
import { validateName } from '../../kube/names';
import { DEFAULT_LOG_LIMIT_BYTES, LogsQuery } from '../../types';
import { logReadError } from './logsErrors';
import { logsFrame } from './logsFrame';
import { readContainerLog } from './logsRead';
import { emptyRows, keepRows } from './logsRows';
import { LogTarget } from './logsTargets';
import { asKubeError, toQueryError } from '../../kube/queryError';
import { QueryContext } from '../types';

/** Lines on each side when Grafana does not say. */
export const DEFAULT_CONTEXT_LINES = 50;
/** Windows tried, smallest first, for the lines before a line. */
export const BACKWARD_WINDOWS_MS = [10_000, 60_000, 600_000, 3_600_000, 6 * 3_600_000, 24 * 3_600_000];

function label(labels: Record<string, unknown>, key: string): string | undefined {
  const v = labels[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The stream a row came from, from its labels; names validated as any name from outside is. */
export function rowSource(row: LogRowModel): LogStreamLabels {
  const labels = (row.labels ?? {}) as Record<string, unknown>;
  const namespace = label(labels, 'namespace');
  const pod = label(labels, 'pod');
  const container = label(labels, 'container');
  if (!namespace || !pod || !container) {
    throw new Error('This line has no namespace, pod and container labels, so its context cannot be read.');
  }
  return {
    namespace: validateName('namespace', namespace),
    pod: validateName('pod', pod),
    container: validateName('container', container),
    node: label(labels, 'node'),
  };
}

/** The row's id as the logs frame wrote it. */
function rowId(row: LogRowModel): string | undefined {
  if (row.rowId) {
    return row.rowId;
  }
  const field = row.dataFrame?.fields.find((f) => f.name === 'id');
  const v: unknown = field?.values[row.rowIndex];
  return typeof v === 'string' ? v : undefined;
}

/** Epoch ms and the nanoseconds below it, from Grafana's `timeEpochNs` (falls back to `timeEpochMs`). */
function rowInstant(row: LogRowModel): { ms: number; sub: number } {
  const ns = row.timeEpochNs;
  if (typeof ns === 'string' && /^\d{7,}$/.test(ns)) {
    return { ms: Number(ns.slice(0, -6)), sub: Number(ns.slice(-6)) };
  }
  return { ms: row.timeEpochMs, sub: 0 };
}

interface Anchor {
  id?: string;
  ms: number;
  sub: number;
}

/** Index of the anchor row in `rows` by id, else -1. */
function anchorIndex(rows: LogRows, src: LogStreamLabels, anchor: Anchor): number {
  if (!anchor.id) {
    return -1;
  }
  const prefix = `${src.namespace}/${src.pod}/${src.container}/`;
  for (let i = 0; i < rows.count; i++) {
    if (`${prefix}${rows.tsNanos[i]}/${rows.seq[i]}` === anchor.id) {
      return i;
    }
  }
  return -1;
}

function compare(rows: LogRows, i: number, anchor: Anchor): number {
  return rows.timeMs[i] !== anchor.ms ? rows.timeMs[i] - anchor.ms : rows.nanos[i] - anchor.sub;
}

/** The rows before (or after) the anchor: by position when its id is found, else by time. */
export function splitAt(rows: LogRows, src: LogStreamLabels, anchor: Anchor, side: 'before' | 'after'): LogRows {
  const at = anchorIndex(rows, src, anchor);
  if (at >= 0) {
    return keepRows(rows, (i) => (side === 'before' ? i < at : i > at));
  }
  return keepRows(rows, (i) => (side === 'before' ? compare(rows, i, anchor) < 0 : compare(rows, i, anchor) > 0));
}

function lastN(rows: LogRows, n: number): LogRows {
  return rows.count <= n ? rows : keepRows(rows, (i) => i >= rows.count - n);
}

function firstN(rows: LogRows, n: number): LogRows {
  return rows.count <= n ? rows : keepRows(rows, (i) => i < n);
}

/**
 * Grafana's getLogRowContext for the logs query type: `limit` lines before (Backward, the default) or after
 * (Forward) `row`, from the same container instance (`previous` from the query), as one logs frame in time order.
 */
export async function getLogRowContext(
  ctx: QueryContext,
  row: LogRowModel,
  options?: LogRowContextOptions,
  query?: LogsQuery
): Promise<DataQueryResponse> {
  const refId = query?.refId ?? ctx.refId;
  const limit = options?.limit && options.limit > 0 ? options.limit : DEFAULT_CONTEXT_LINES;
  const forward = options?.direction === LogRowContextQueryDirection.Forward;
  let src: LogStreamLabels;
  try {
    src = rowSource(row);
  } catch (err) {
    return { data: [], errors: [toQueryError(err, refId)], state: LoadingState.Error };
  }
  const target: LogTarget = {
    key: `${src.namespace}/${src.pod}/${src.container}`,
    namespace: src.namespace,
    pod: src.pod,
    container: src.container,
    node: src.node,
    init: false,
    labels: src,
  };
  const anchor: Anchor = { id: rowId(row), ...rowInstant(row) };
  const read = (sinceMs: number) =>
    lastValueFrom(
      readContainerLog(ctx.client, target, {
        sinceMs,
        limitBytes: query?.limitBytes ?? DEFAULT_LOG_LIMIT_BYTES,
        previous: query?.previous === true,
      })
    );
  try {
    let rows: LogRows;
    if (forward) {
      rows = firstN(splitAt(await read(anchor.ms), src, anchor, 'after'), limit);
    } else {
      rows = await readBefore(read, src, anchor, limit, options?.timeWindowMs);
    }
    return { data: [logsFrame(rows, refId)], state: LoadingState.Done };
  } catch (err) {
    const e = logReadError(asKubeError(err), src);
    return { data: [], errors: [toQueryError(e, refId)], state: LoadingState.Error };
  }
}

/** Widens the window before the anchor until it holds `limit` lines, stopping before a window the byte cap cuts short. */
async function readBefore(
  read: (sinceMs: number) => Promise<LogRows>,
  src: LogStreamLabels,
  anchor: Anchor,
  limit: number,
  firstWindowMs?: number
): Promise<LogRows> {
  const windows = firstWindowMs
    ? [firstWindowMs, ...BACKWARD_WINDOWS_MS.filter((w) => w > firstWindowMs)]
    : BACKWARD_WINDOWS_MS;
  let best: LogRows | undefined;
  for (const w of windows) {
    const rows = await read(anchor.ms - w);
    const before = splitAt(rows, src, anchor, 'before');
    // a capped body that ends before the line holds lines that are not next to it
    const reached = !rows.capped || (rows.count > 0 && compare(rows, rows.count - 1, anchor) >= 0);
    if (!reached) {
      break;
    }
    best = before;
    if (before.count >= limit) {
      break;
    }
  }
  return best ? lastN(best, limit) : emptyRows();
}

/** Grafana's getLogRowContextQuery: the query that shows the row's container (for "open in split view"). */
export function getLogRowContextQuery(row: LogRowModel, query?: LogsQuery): LogsQuery | null {
  try {
    const src = rowSource(row);
    return {
      refId: query?.refId ?? 'context',
      queryType: 'logs',
      namespace: src.namespace,
      podName: src.pod,
      container: src.container,
      previous: query?.previous,
      limitBytes: query?.limitBytes,
    };
  } catch {
    return null;
  }
}
