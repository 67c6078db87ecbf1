import React from 'react';
import { css } from '@emotion/css';
import type { DataQueryError, GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';

import { PODLOGS_TEST_IDS } from '../testIds';
import { FrameNotices, type Notice } from './FrameNotices';

export const NO_LINES_TEXT = 'No log lines. Choose a pod or a label selector in the query, or widen the time range.';

export function errorText(error: DataQueryError): string {
  return error.message ?? error.data?.message ?? error.statusText ?? 'The query failed.';
}

/** The query's errors, one paragraph each. */
export function QueryErrors({ errors }: { errors: readonly DataQueryError[] }) {
  const styles = useStyles2(getStyles);
  return (
    <>
      {errors.map((error, i) => (
        <p key={i} className={styles.error} data-testid={PODLOGS_TEST_IDS.error}>
          <Icon name="exclamation-triangle" /> {errorText(error)}
        </p>
      ))}
    </>
  );
}

interface Props {
  width: number;
  height: number;
  loading: boolean;
  errors: readonly DataQueryError[];
  notices?: readonly Notice[];
}

/** A panel with no lines says why and what to do: the query failed (with its message), or it found nothing. */
export function EmptyState({ width, height, loading, errors, notices = [] }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.empty} style={{ width, height }} data-testid={PODLOGS_TEST_IDS.empty}>
      {errors.length > 0 ? (
        <>
          <p>The query failed:</p>
          <QueryErrors errors={errors} />
        </>
      ) : (
        <p>{loading ? 'Loading log lines…' : NO_LINES_TEXT}</p>
      )}
      <FrameNotices notices={notices} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
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
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  }),
});
