import React, { useMemo } from 'react';
import { css, cx } from '@emotion/css';
import {
  type DataFrame,
  DataFrameType,
  type DataQueryError,
  dateTimeFormat,
  type Field,
  FieldType,
  type GrafanaTheme2,
  type PanelProps,
} from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../components/testIds';
import type { PodLogsOptions } from './options';

type Props = PanelProps<PodLogsOptions>;

export interface LogRow {
  /** epoch milliseconds; NaN when the frame held no usable time */
  time: number;
  body: string;
  /** unique within one render: frame index and row index */
  key: string;
}

const EMPTY_TEXT = 'No log lines. Choose a pod in the query, or widen the time range.';
const TIME_FORMAT = 'YYYY-MM-DD HH:mm:ss.SSS';

/**
 * The time and text fields of a logs frame: the named `timestamp`/`body` of a log-lines frame, otherwise
 * (Loki and older frames) the first time field and the first string field, as Grafana's own logs view does.
 */
function logFieldsOf(frame: DataFrame): { time: Field; body: Field } | undefined {
  if (frame.meta?.type === DataFrameType.LogLines) {
    const time = frame.fields.find((f) => f.name === 'timestamp' && f.type === FieldType.time);
    const body = frame.fields.find((f) => f.name === 'body');
    if (time && body) {
      return { time, body };
    }
  }
  const time = frame.fields.find((f) => f.type === FieldType.time);
  const body = frame.fields.find((f) => f.type === FieldType.string);
  return time && body ? { time, body } : undefined;
}

function toMillis(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

/** Every row of every logs frame, oldest first; frames without a time and a text field are skipped. */
export function logRowsFromFrames(frames: DataFrame[]): LogRow[] {
  const rows: LogRow[] = [];
  frames.forEach((frame, f) => {
    const fields = logFieldsOf(frame);
    if (!fields) {
      return;
    }
    for (let i = 0; i < frame.length; i++) {
      const body = fields.body.values[i];
      rows.push({ time: toMillis(fields.time.values[i]), body: body == null ? '' : String(body), key: `${f}:${i}` });
    }
  });
  // lines without a time go first; the sort is stable, so equal times keep the order the source gave them
  const order = (t: number) => (Number.isNaN(t) ? -Infinity : t);
  return rows.sort((a, b) => order(a.time) - order(b.time));
}

function errorText(error: DataQueryError): string {
  return error.message ?? error.data?.message ?? error.statusText ?? 'The query failed.';
}

/**
 * A first pod-logs reader: every line as plain text (React text nodes, so markup in logs stays inert),
 * oldest first, in a scrolling box of the panel's size.
 */
export function PodLogsPanel({ data, options, width, height, timeZone }: Props) {
  const styles = useStyles2(getStyles);
  const rows = useMemo(() => logRowsFromFrames(data.series), [data.series]);

  if (rows.length === 0) {
    return (
      <div className={styles.empty} style={{ width, height }} data-testid={TEST_IDS.podLogsPanel.empty}>
        <p>{EMPTY_TEXT}</p>
        {(data.errors ?? []).map((error, i) => (
          <p key={i} className={styles.error} data-testid={TEST_IDS.podLogsPanel.error}>
            {errorText(error)}
          </p>
        ))}
      </div>
    );
  }

  return (
    <div className={styles.root} style={{ width, height }} data-testid={TEST_IDS.podLogsPanel.root}>
      {rows.map((row) => (
        <div key={row.key} className={styles.row} data-testid={TEST_IDS.podLogsPanel.row}>
          {options.showTimestamps && (
            <span className={styles.time}>
              {Number.isNaN(row.time) ? '' : dateTimeFormat(row.time, { timeZone, format: TIME_FORMAT })}
            </span>
          )}
          <span className={cx(styles.body, options.wrapLines ? styles.wrap : styles.noWrap)}>{row.body}</span>
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    overflow: 'auto',
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: theme.typography.bodySmall.lineHeight,
  }),
  row: css({
    display: 'flex',
    gap: theme.spacing(2),
    padding: theme.spacing(0, 0.5),
    '&:hover': { background: theme.colors.emphasize(theme.colors.background.primary, 0.03) },
  }),
  time: css({
    flex: 'none',
    color: theme.colors.text.secondary,
  }),
  body: css({
    color: theme.colors.text.primary,
  }),
  wrap: css({
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    minWidth: 0,
  }),
  noWrap: css({
    whiteSpace: 'pre',
  }),
  empty: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: theme.spacing(1),
    overflow: 'auto',
    padding: theme.spacing(2),
    color: theme.colors.text.secondary,
    textAlign: 'center',
    p: { margin: 0 },
  }),
  error: css({
    color: theme.colors.error.text,
  }),
});
