import { DataFrame, DataFrameType, Field, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { LogLevel } from '../../../common/logLevel';
import { LogRows, LogStreamLabels } from './logLines';

export interface LogsFrameOptions {
  /** Keep only the newest `limit` rows; Grafana shows "N of limit" from meta.limit. */
  limit?: number;
  /** Words Grafana highlights in the lines. */
  searchWords?: string[];
  notices?: QueryResultMetaNotice[];
}

/** What meta.custom carries, for the panel and for tests. */
export interface LogsFrameCustomMeta {
  limit?: number;
  /** The kubelet cut the body at limitBytes. */
  capped: boolean;
  /** The last line may be incomplete. */
  partialLast: boolean;
  searchWords?: string[];
}

/** `/0`, `/1`, ...: one concatenation per id instead of a template with a number conversion. */
const SEQ_SUFFIX = Array.from({ length: 64 }, (_, i) => `/${i}`);

function tail<T>(values: T[], from: number): T[] {
  return from === 0 ? values : values.slice(from);
}

/**
 * `${ns}/${pod}/${container}/${epochNanos}/${n}`: the same line gets the same id in every poll, which lets Grafana
 * link to it and lets the caller drop lines it already has. The prefix is built once per stream, not per line.
 */
function lineIds(rows: LogRows, from: number): string[] {
  const ids = new Array<string>(rows.count - from);
  const prefixes = new Map<LogStreamLabels, string>();
  let lastLabels: LogStreamLabels | undefined;
  let prefix = '';
  for (let i = from; i < rows.count; i++) {
    const labels = rows.labels[i];
    if (labels !== lastLabels) {
      lastLabels = labels;
      let p = prefixes.get(labels);
      if (p === undefined) {
        p = `${labels.namespace}/${labels.pod}/${labels.container}/`;
        prefixes.set(labels, p);
      }
      prefix = p;
    }
    const seq = rows.seq[i];
    ids[i - from] = prefix + rows.tsNanos[i] + (seq < SEQ_SUFFIX.length ? SEQ_SUFFIX[seq] : `/${seq}`);
  }
  return ids;
}

/**
 * Log rows to a Grafana logs frame (DataFrameType.LogLines): the exact field names `timestamp`, `body`,
 * `severity`, `id` and `labels` that Explore and the logs panel look for. The frame takes the rows' arrays
 * as they are when no limit applies, so the rows must not be changed afterwards.
 */
export function logsFrame(rows: LogRows, refId: string, opts: LogsFrameOptions = {}): DataFrame {
  const from = opts.limit !== undefined && opts.limit >= 0 && rows.count > opts.limit ? rows.count - opts.limit : 0;
  const length = rows.count - from;

  const timestamp: Field<number> = {
    name: 'timestamp',
    type: FieldType.time,
    config: {},
    values: tail(rows.timeMs, from),
    nanos: tail(rows.nanos, from),
  };
  const body: Field<string> = { name: 'body', type: FieldType.string, config: {}, values: tail(rows.body, from) };
  const severity: Field<LogLevel> = {
    name: 'severity',
    type: FieldType.string,
    config: {},
    values: tail(rows.level, from),
  };
  const id: Field<string> = { name: 'id', type: FieldType.string, config: {}, values: lineIds(rows, from) };
  const labels: Field<LogStreamLabels> = {
    name: 'labels',
    type: FieldType.other,
    config: {},
    values: tail(rows.labels, from),
  };

  const custom: LogsFrameCustomMeta = { capped: rows.capped, partialLast: rows.partialLast };
  if (opts.limit !== undefined) {
    custom.limit = opts.limit;
  }
  if (opts.searchWords?.length) {
    custom.searchWords = opts.searchWords;
  }

  return {
    refId,
    length,
    fields: [timestamp, body, severity, id, labels],
    meta: {
      type: DataFrameType.LogLines,
      preferredVisualisationType: 'logs',
      // QueryResultMeta types limit and searchWords at the top level, the logs data-source tutorial puts them in custom.
      limit: opts.limit,
      searchWords: opts.searchWords,
      custom,
      notices: opts.notices?.length ? opts.notices : undefined,
    },
  };
}
