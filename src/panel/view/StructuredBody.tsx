import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { matchRanges, splitRuns } from '../model/highlight';
import type { Structured } from '../model/structured';
import { PODLOGS_TEST_IDS } from '../testIds';
import { InertText } from './InertText';

function Marked({ text, highlight }: { text: string; highlight?: RegExp }) {
  const styles = useStyles2(getStyles);
  const segments = useMemo(
    () => splitRuns([{ text, data: undefined }], matchRanges(text, highlight)),
    [text, highlight]
  );
  return (
    <>
      {segments.map((seg, i) =>
        seg.highlighted ? (
          <mark key={i} className={styles.match}>
            <InertText text={seg.text} escapeClassName={styles.escape} />
          </mark>
        ) : (
          <InertText key={i} text={seg.text} escapeClassName={styles.escape} />
        )
      )}
    </>
  );
}

/** A JSON line indented, or a logfmt line as a key/value table; search matches stay marked. */
export function StructuredBody({ value, highlight }: { value: Structured; highlight?: RegExp }) {
  const styles = useStyles2(getStyles);
  if (value.kind === 'json') {
    return (
      <pre className={styles.pre} data-testid={PODLOGS_TEST_IDS.structured}>
        <Marked text={value.pretty} highlight={highlight} />
      </pre>
    );
  }
  return (
    <dl className={styles.fields} data-testid={PODLOGS_TEST_IDS.structured}>
      {value.fields.map(([key, val], i) => (
        <React.Fragment key={i}>
          <dt className={styles.key}>
            <Marked text={key} highlight={highlight} />
          </dt>
          <dd className={styles.value}>
            <Marked text={val} highlight={highlight} />
          </dd>
        </React.Fragment>
      ))}
    </dl>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  pre: css({
    margin: 0,
    padding: 0,
    background: 'none',
    border: 'none',
    font: 'inherit',
    color: 'inherit',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  }),
  fields: css({
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    margin: 0,
  }),
  key: css({
    color: theme.colors.text.secondary,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  value: css({
    margin: 0,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  }),
  match: css({
    background: theme.colors.warning.transparent,
    color: 'inherit',
    outline: `1px solid ${theme.colors.warning.border}`,
  }),
  escape: css({
    color: theme.colors.error.text,
    background: theme.colors.error.transparent,
  }),
});
