import React, { useEffect, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, IconButton, Stack, useStyles2 } from '@grafana/ui';

import { inertString } from '../model/inertText';
import { markerOf, rowLabels } from '../model/labelFilters';
import { lineFields, MAX_FIELD_LINE } from '../model/lineFields';
import type { LogStore } from '../model/logStore';
import { PODLOGS_TEST_IDS } from '../testIds';
import { copyText } from './clipboard';
import { InertText } from './InertText';
import type { DetailsTarget } from './useLogDetails';

interface Props {
  store: LogStore;
  row: number;
  formatTime: (ms: number) => string;
  displayedFields: readonly string[];
  onFilter: (target: DetailsTarget, negate: boolean) => void;
  onToggleField: (key: string) => void;
  onShowContext: (row: number) => void;
  onClose: () => void;
}

/** How long "Copied …" is announced. */
const COPIED_MS = 1500;

const MARKER_NOTES = {
  restart: 'Added by the data source: the container restarted here (its previous instance ended).',
  event: 'Added by the data source: a Kubernetes event about this pod.',
} as const;

/** Where a filter on a label goes, for the buttons' tooltips. */
function filterNote(target: DetailsTarget): string {
  switch (target.kind) {
    case 'level':
      return ' (sets the level chips)';
    case 'source':
      return ' (sets the pod/container chips)';
    default:
      return '';
  }
}

/**
 * One line's details: its JSON/logfmt fields and its labels, each with filter for / filter out, show as a field
 * instead of the line, and copy; the line itself can be copied and shown in its context. Values are text.
 */
export function LogDetails({
  store,
  row,
  formatTime,
  displayedFields,
  onFilter,
  onToggleField,
  onShowContext,
  onClose,
}: Props) {
  const styles = useStyles2(getStyles);
  const [copied, setCopied] = useState('');
  const text = store.texts[row];
  const fields = useMemo(() => lineFields(text), [text]);
  const labels = rowLabels(store, row);
  const marker = markerOf(store, row);
  const source = store.sourceTable.list[store.sources[row]];

  useEffect(() => {
    if (!copied) {
      return;
    }
    const timer = setTimeout(() => setCopied(''), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = (value: string, what: string) =>
    void copyText(value).then((ok) => setCopied(ok ? `Copied ${what}` : 'The browser refused the copy'));

  const item = (target: DetailsTarget) => {
    const { key, value } = target;
    const shown = displayedFields.includes(key);
    return (
      <tr
        key={`${target.kind}:${key}`}
        data-testid={target.kind === 'field' ? PODLOGS_TEST_IDS.detailsField : PODLOGS_TEST_IDS.detailsLabel}
        data-key={key}
      >
        <th scope="row" className={styles.key}>
          {key}
        </th>
        <td className={styles.value}>
          <InertText text={value} escapeClassName={styles.escape} />
        </td>
        <td className={styles.actions}>
          <IconButton
            name="search-plus"
            size="sm"
            aria-label={`Filter for ${key} = ${value}`}
            title={`Show only lines with ${key} = ${value}${filterNote(target)}`}
            onClick={() => onFilter(target, false)}
          />
          <IconButton
            name="search-minus"
            size="sm"
            aria-label={`Filter out ${key} = ${value}`}
            title={`Hide lines with ${key} = ${value}${filterNote(target)}`}
            onClick={() => onFilter(target, true)}
          />
          <IconButton
            name={shown ? 'eye-slash' : 'eye'}
            size="sm"
            aria-label={shown ? `Stop showing ${key} instead of the line` : `Show ${key} instead of the line`}
            aria-pressed={shown}
            onClick={() => onToggleField(key)}
          />
          <IconButton
            name="copy"
            size="sm"
            aria-label={`Copy the value of ${key}`}
            onClick={() => copy(value, `the value of ${key}`)}
          />
        </td>
      </tr>
    );
  };

  return (
    <section
      className={styles.pane}
      aria-label="Log details"
      data-testid={PODLOGS_TEST_IDS.details}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className={styles.header}>
        <span className={styles.title}>
          {[formatTime(store.times[row]), source?.label].filter(Boolean).join(' · ') || 'Log details'}
        </span>
        <Stack direction="row" gap={0.5} alignItems="center">
          <Button size="sm" variant="secondary" icon="copy" onClick={() => copy(inertString(text), 'the line')}>
            Copy line
          </Button>
          <Button size="sm" variant="secondary" icon="list-ul" onClick={() => onShowContext(row)}>
            Context
          </Button>
          <IconButton name="times" size="md" aria-label="Close the log details" onClick={onClose} autoFocus />
        </Stack>
      </div>
      <div className={styles.scroll}>
        {marker && <p className={styles.note}>{MARKER_NOTES[marker]}</p>}
        <h4 className={styles.heading}>Fields</h4>
        {fields && fields.length > 0 ? (
          <table className={styles.table}>
            <tbody>{fields.map(([key, value]) => item({ kind: 'field', key, value }))}</tbody>
          </table>
        ) : (
          <p className={styles.note}>
            {text.length > MAX_FIELD_LINE
              ? `Fields are read from lines up to ${MAX_FIELD_LINE / 1024} KB; this one is longer.`
              : 'This line is not JSON or logfmt, so it has no fields.'}
          </p>
        )}
        <h4 className={styles.heading}>Labels</h4>
        <table className={styles.table}>
          <tbody>{labels.map((label) => item(label))}</tbody>
        </table>
      </div>
      <span className={styles.srOnly} role="status" aria-live="polite">
        {copied}
      </span>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  pane: css({
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    minHeight: 0,
    height: '100%',
    borderLeft: `1px solid ${theme.colors.border.weak}`,
    background: theme.colors.background.primary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  header: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(0.5),
    padding: theme.spacing(0.5, 1),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  title: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    color: theme.colors.text.secondary,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
  scroll: css({
    overflow: 'auto',
    padding: theme.spacing(0.5, 1),
  }),
  heading: css({
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    margin: theme.spacing(1, 0, 0.5),
  }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'tr:hover': { background: theme.colors.action.hover },
  }),
  key: css({
    textAlign: 'left',
    verticalAlign: 'top',
    fontWeight: theme.typography.fontWeightRegular,
    color: theme.colors.text.secondary,
    paddingRight: theme.spacing(1),
    whiteSpace: 'nowrap',
  }),
  value: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    overflowWrap: 'anywhere',
    whiteSpace: 'pre-wrap',
    width: '100%',
  }),
  actions: css({
    whiteSpace: 'nowrap',
    verticalAlign: 'top',
  }),
  note: css({
    color: theme.colors.text.secondary,
    margin: theme.spacing(0.5, 0),
  }),
  escape: css({
    color: theme.colors.warning.text,
  }),
  srOnly: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
  }),
});
