import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';

import { type FieldFilter, fieldFilterText } from '../model/fieldFilters';
import { PODLOGS_TEST_IDS } from '../testIds';

interface Props {
  /** filters on fields of JSON/logfmt lines */
  fields: readonly FieldFilter[];
  /** filters on stream labels */
  labels: readonly FieldFilter[];
  onRemoveField: (f: FieldFilter) => void;
  onRemoveLabel: (f: FieldFilter) => void;
}

/** The filters added from the log details, each a chip that removes it. */
export function FieldFilterChips({ fields, labels, onRemoveField, onRemoveLabel }: Props) {
  const styles = useStyles2(getStyles);
  const chip = (f: FieldFilter, kind: 'field' | 'label', onRemove: (f: FieldFilter) => void) => {
    const text = fieldFilterText(f);
    return (
      <button
        key={`${kind}:${f.negate}:${f.key}=${f.value}`}
        type="button"
        className={f.negate ? styles.chipOut : styles.chip}
        aria-label={`Remove the filter ${kind === 'label' ? 'on label' : 'on field'} ${text}`}
        title={f.negate ? `Hiding lines with ${f.key} = ${f.value}` : `Showing only lines with ${f.key} = ${f.value}`}
        onClick={() => onRemove(f)}
        data-testid={PODLOGS_TEST_IDS.fieldFilterChip}
        data-value={text}
      >
        <span className={styles.text}>{text}</span>
        <Icon name="times" size="sm" aria-hidden />
      </button>
    );
  };
  return (
    <>
      {fields.map((f) => chip(f, 'field', onRemoveField))}
      {labels.map((f) => chip(f, 'label', onRemoveLabel))}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const chip = {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    height: theme.spacing(3),
    padding: theme.spacing(0, 1),
    borderRadius: theme.shape.radius.pill,
    fontSize: theme.typography.bodySmall.fontSize,
    fontFamily: theme.typography.fontFamilyMonospace,
    color: theme.colors.text.primary,
    cursor: 'pointer',
    whiteSpace: 'nowrap' as const,
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` },
  };
  return {
    chip: css({
      ...chip,
      border: `1px solid ${theme.colors.primary.border}`,
      background: theme.colors.primary.transparent,
    }),
    chipOut: css({
      ...chip,
      border: `1px dashed ${theme.colors.border.strong}`,
      background: theme.colors.background.secondary,
    }),
    text: css({
      maxWidth: '40ch',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    }),
  };
};
