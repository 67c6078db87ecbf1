import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { splitRuns } from '../model/highlight';
import type { Range } from '../model/search';
import type { JsonTokenKind, Structured } from '../model/structured';
import { PODLOGS_TEST_IDS } from '../testIds';
import { InertText } from './InertText';
import { readingColors } from './palette';

type Mark = (text: string) => Range[];

function Marked({ text, mark, className }: { text: string; mark: Mark; className?: string }) {
  const styles = useStyles2(getStyles);
  const segments = useMemo(() => splitRuns([{ text, data: undefined }], mark(text)), [text, mark]);
  return (
    <span className={className}>
      {segments.map((seg, i) =>
        seg.highlighted ? (
          <mark key={i} className={styles.match}>
            <InertText text={seg.text} escapeClassName={styles.escape} />
          </mark>
        ) : (
          <InertText key={i} text={seg.text} escapeClassName={styles.escape} />
        )
      )}
    </span>
  );
}

/**
 * A JSON line indented with syntax colours, or a logfmt line as a key/value table; plain-text search matches
 * stay marked.
 */
export function StructuredBody({ value, mark }: { value: Structured; mark: Mark }) {
  const styles = useStyles2(getStyles);
  if (value.kind === 'json') {
    return (
      <pre className={styles.pre} data-testid={PODLOGS_TEST_IDS.structured}>
        {value.tokens.map(([kind, text], i) => (
          <Marked key={i} text={text} mark={mark} className={styles[TOKEN_CLASS[kind]]} />
        ))}
      </pre>
    );
  }
  return (
    <dl className={styles.fields} data-testid={PODLOGS_TEST_IDS.structured}>
      {value.fields.map(([key, val], i) => (
        <React.Fragment key={i}>
          <dt className={styles.key}>
            <Marked text={key} mark={mark} />
          </dt>
          <dd className={styles.value}>
            <Marked text={val} mark={mark} />
          </dd>
        </React.Fragment>
      ))}
    </dl>
  );
}

const TOKEN_CLASS: Record<JsonTokenKind, 'jsonKey' | 'jsonString' | 'jsonNumber' | 'jsonLiteral' | 'jsonPunctuation'> =
  {
    key: 'jsonKey',
    string: 'jsonString',
    number: 'jsonNumber',
    literal: 'jsonLiteral',
    punctuation: 'jsonPunctuation',
  };

const getStyles = (theme: GrafanaTheme2) => ({
  // syntax colours from the reading palette: each meets 4.5:1 on the panel background in both themes
  jsonKey: css({ color: readingColors(theme).jsonKey }),
  jsonString: css({ color: readingColors(theme).jsonString }),
  jsonNumber: css({ color: readingColors(theme).jsonNumber }),
  jsonLiteral: css({ color: readingColors(theme).jsonLiteral }),
  jsonPunctuation: css({ color: theme.colors.text.secondary }),
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
